import { ZodType, z } from 'zod';
import { ServiceError } from '../../src/domain/errors';
import { matrixRecord, timelineRecord } from '../../src/graph/aggregate.store';
import { MISMATCH, checkerOf } from '../../src/graph/fast-parse';
import { parseRow } from '../../src/graph/named-query';
import {
  citationRecord,
  conditionRecord,
  documentRecord,
  edgeRecord,
  entityRecord,
  mentionRecord,
  relationRecord,
  sentenceRecord,
  stanceRecord,
} from '../../src/graph/records';

/** The compiled checker's verdict and output, side by side with zod's. */
function both(schema: ZodType, value: unknown) {
  const check = checkerOf(schema);
  if (!check) throw new Error('schema not compiled');
  let fast: { ok: true; data: unknown } | { ok: false };
  try {
    fast = { ok: true, data: check(value) };
  } catch (error) {
    if (error !== MISMATCH) throw error;
    fast = { ok: false };
  }
  const slow = schema.safeParse(value);
  return { fast, zod: slow.success ? { ok: true, data: slow.data } : { ok: false } };
}

const entity = {
  id: 'putin',
  kind: 'PERSON',
  name: 'Vladimir Putin',
  aliases: ['Putin'],
  description: null,
  date: null,
  dateText: null,
};
const sentence = {
  id: 'doc:s1',
  docId: 'doc',
  index: 1,
  paragraph: null,
  text: 'He agreed.',
  start: 0,
  end: 10,
};
const evidence = (docId: string, start: number) => ({
  quote: 'agreed',
  start,
  end: start + 6,
  docId,
  sentence: { ...sentence, docId },
});
const stance = {
  id: 'doc:c1',
  kind: 'AGREES_TO',
  polarity: 'SUPPORT',
  cameo: null,
  confidence: 0.9,
  method: 'annotation',
  docId: 'doc',
  date: null,
  dateText: null,
  actor: entity,
  target: { ...entity, id: 'ceasefire', aliases: null },
  cites: [],
  respondsToId: null,
  evidence: [evidence('doc', 30), evidence('doc', 3), evidence('a-doc', 50)],
};
const edge = {
  id: 'e1',
  type: 'STANCE',
  claimId: 'doc:c1',
  kind: 'AGREES_TO',
  polarity: 'SUPPORT',
  fromId: 'putin',
  toId: 'ceasefire',
  about: '',
  evidence: [evidence('doc', 9), evidence('doc', 1)],
  // Counted by the query: more than the evidence it sent.
  evidenceCount: 7,
};

describe('compiled row checkers answer exactly as zod', () => {
  const valid: [string, ZodType, unknown][] = [
    ['entity', entityRecord, entity],
    [
      'entity with absent optional fields and unknown keys',
      entityRecord,
      { id: 'x', kind: 'K', name: 'X', extra: 1 },
    ],
    ['entity with undefined aliases', entityRecord, { ...entity, aliases: undefined, description: 'd' }],
    [
      'sentence with heading',
      sentenceRecord,
      { ...sentence, heading: { id: 'h', index: 0, text: 'H', start: 0, end: 1 } },
    ],
    ['stance (evidence sorted by document, then start)', stanceRecord, stance],
    ['edge (empty about is null)', edgeRecord, edge],
    ['edge with about', edgeRecord, { ...edge, about: 'energy', claimId: undefined }],
    [
      'relation',
      relationRecord,
      {
        id: 'r',
        type: 'LEADS',
        about: null,
        date: '2025',
        dateText: null,
        from: entity,
        to: entity,
        evidence: [],
      },
    ],
    ['mention', mentionRecord, { surface: 'Putin', start: 1, end: 6, docId: 'doc', sentence, entity }],
    [
      'document without text',
      documentRecord,
      {
        id: 'doc',
        title: 'T',
        source: 'S',
        url: null,
        publishedAt: '2025-01-01',
        language: 'en',
        sha256: 'ab',
        length: 10,
      },
    ],
    ['citation', citationRecord, { cited: entity, by: entity, objection: stance }],
    ['condition', conditionRecord, { condition: entity, conditionFor: [], forCount: 0, stances: [stance] }],
    [
      'stance matrix',
      matrixRecord,
      {
        totalActors: 4,
        totalTargets: 0,
        actors: [{ ...entity, stanceCount: 3 }],
        targets: [],
        cells: [
          {
            actorId: 'a',
            targetId: 'b',
            stanceCount: 1,
            stanceIds: ['s'],
            docIds: ['doc'],
            stancePolarities: ['SUPPORT'],
            kinds: ['K'],
            polarities: ['SUPPORT'],
            evidenceCount: 2,
          },
        ],
      },
    ],
    [
      'timeline entry (enum, nullish objects)',
      timelineRecord,
      {
        date: '2025',
        dateText: null,
        kind: 'EVENT',
        key: 'e1',
        entity,
        stance: null,
        evidence: [],
        evidenceCount: 0,
      },
    ],
  ];
  it.each(valid)('accepts %s with the same output', (_name, schema, value) => {
    const { fast, zod } = both(schema, value);
    expect(zod.ok).toBe(true);
    expect(fast).toStrictEqual(zod);
  });

  const invalid: [string, ZodType, unknown][] = [
    ['a missing required field', entityRecord, { ...entity, name: undefined }],
    ['a number for a string', entityRecord, { ...entity, id: 7 }],
    ['null for a required string', entityRecord, { ...entity, kind: null }],
    ['a string in a list of strings', entityRecord, { ...entity, aliases: 'Putin' }],
    ['an array for an object', stanceRecord, { ...stance, actor: [entity] }],
    ['NaN for a number', sentenceRecord, { ...sentence, start: NaN }],
    ['Infinity for a number', sentenceRecord, { ...sentence, end: Infinity }],
    [
      'a bad element deep in a list',
      stanceRecord,
      { ...stance, evidence: [evidence('doc', 1), { quote: 'x' }] },
    ],
    [
      'a value outside an enum',
      timelineRecord,
      { date: '2025', kind: 'OTHER', key: 'e1', evidence: [], evidenceCount: 0 },
    ],
    ['an edge without its evidence count', edgeRecord, { ...edge, evidenceCount: undefined }],
    ['null for a row', edgeRecord, null],
    ['a list for a row', edgeRecord, [edge]],
  ];
  it.each(invalid)('refuses %s', (_name, schema, value) => {
    const { fast, zod } = both(schema, value);
    expect(zod.ok).toBe(false);
    expect(fast).toStrictEqual(zod);
  });
});

describe('parseRow', () => {
  it('reports a row of the wrong shape as INTERNAL, with zod’s explanation for the log', () => {
    let caught: unknown;
    try {
      parseRow('neighborhood', z.array(entityRecord), [entity, { ...entity, id: 7 }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServiceError);
    expect((caught as ServiceError).code).toBe('INTERNAL');
    expect((caught as ServiceError).extensions).toMatchObject({ query: 'neighborhood' });
    expect(String((caught as ServiceError).originalError?.message)).toMatch(/^neighborhood: .*id/s);
  });

  it('leaves schemas it cannot compile to zod', () => {
    const refined = z.object({ id: z.string().min(3) });
    expect(checkerOf(refined)).toBeUndefined();
    expect(parseRow('q', refined, { id: 'abc', extra: true })).toStrictEqual({ id: 'abc' });
    expect(() => parseRow('q', refined, { id: 'ab' })).toThrow(ServiceError);
    const tuple = z.array(z.tuple([z.string(), z.string()]));
    expect(checkerOf(tuple)).toBeUndefined();
    expect(parseRow('q', tuple, [['a', 'b']])).toStrictEqual([['a', 'b']]);
  });
});
