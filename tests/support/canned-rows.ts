import { Answers, Params } from './recording-database';

/**
 * A small made-up graph — a call, a limited ceasefire, a rejected full one — as the rows each named query
 * of cypher/queries returns (each object shaped as the query's RETURN clause builds it), for the
 * RecordingDatabase. The rows only need to be of the right shape and to answer the keys they were asked
 * for: what the database would select is the live suite's business (tests/integration).
 */

const DOC_ID = 'call-2025-03-18';

type Row = Record<string, unknown>;

function entity(id: string, kind: string, name: string, aliases: string[] = [], date: string | null = null) {
  return {
    id,
    kind,
    name,
    aliases,
    description: `${name} (made up for the unit tests)`,
    date,
    dateText: date ? 'on Tuesday' : null,
  };
}

export const ENTITIES = {
  putin: entity('putin', 'Person', 'Vladimir Putin', ['Putin', 'the Russian leader']),
  trump: entity('trump', 'Person', 'Donald Trump', ['Trump']),
  zelensky: entity('zelensky', 'Person', 'Volodymyr Zelensky', ['Zelensky']),
  russia: entity('russia', 'Country', 'Russia'),
  ukraine: entity('ukraine', 'Country', 'Ukraine'),
  energyCeasefire: entity('energy-ceasefire', 'Proposal', 'Limited ceasefire', ['limited ceasefire']),
  fullCeasefire: entity('full-ceasefire', 'Proposal', 'Full ceasefire', ['full ceasefire']),
  haltToAid: entity('halt-to-aid', 'Condition', 'Halt to military aid', ['a halt to military aid']),
  droneAttacks: entity('drone-attacks', 'Attack', 'Drone attacks', [], '2025-03-18'),
  sumy: entity('sumy', 'Place', 'Sumy'),
};
const ALL_ENTITIES = Object.values(ENTITIES).sort((a, b) => a.id.localeCompare(b.id));

const TEXT = [
  'Putin agreed to a limited ceasefire on energy infrastructure.',
  'He rejected a full ceasefire unless military aid to Ukraine stopped.',
  'Zelensky criticised the rejection, citing drone attacks on Sumy.',
];
const ARTICLE = `${TEXT.join(' ')}\n`;

const heading = { id: `${DOC_ID}#h1`, docId: DOC_ID, index: 1, text: 'The call', start: 0, end: 8 };

/** Sentences as the queries project them (s {.id, .docId, .index, .paragraph, .text, .start, .end}). */
const SENTENCES = TEXT.map((text, i) => {
  const start = TEXT.slice(0, i).reduce((n, t) => n + t.length + 1, 0);
  return {
    id: `${DOC_ID}#s${i + 1}`,
    docId: DOC_ID,
    index: i + 1,
    paragraph: 1,
    text,
    start,
    end: start + text.length,
  };
});

function evidence(sentence: number, quote: string) {
  const s = SENTENCES[sentence - 1];
  const start = s.start + s.text.indexOf(quote);
  return { quote, start, end: start + quote.length, docId: DOC_ID, sentence: s };
}

function stance(
  id: string,
  kind: string,
  polarity: string,
  actor: Row,
  target: Row,
  quote: [number, string],
  more: { cites?: Row[]; respondsToId?: string } = {},
) {
  return {
    id: `${DOC_ID}:${id}`,
    kind,
    polarity,
    cameo: null,
    confidence: 1,
    method: 'annotation',
    docId: DOC_ID,
    date: '2025-03-18',
    dateText: 'on Tuesday',
    reportedOn: '2025-03-18',
    actor,
    target,
    cites: more.cites ?? [],
    respondsToId: more.respondsToId ? `${DOC_ID}:${more.respondsToId}` : null,
    evidence: [evidence(...quote)],
  };
}

const { putin, zelensky, trump, russia, energyCeasefire, fullCeasefire, haltToAid, droneAttacks, sumy } =
  ENTITIES;

export const STANCES = [
  stance('agrees', 'AGREES_TO', 'SUPPORT', putin, energyCeasefire, [1, 'agreed to a limited ceasefire']),
  stance('rejects', 'REJECTS', 'OPPOSE', putin, fullCeasefire, [2, 'rejected a full ceasefire']),
  stance('demands', 'DEMANDS', 'SUPPORT', putin, haltToAid, [2, 'unless military aid to Ukraine stopped']),
  stance('criticizes', 'CRITICIZES', 'OPPOSE', zelensky, putin, [3, 'criticised the rejection'], {
    cites: [droneAttacks],
    respondsToId: 'rejects',
  }),
];

/** A fact between two entities (relations.cypher: the relationship's id, its ends, its evidence). */
function relation(type: string, from: Row, to: Row, quote: [number, string], about: Row | null = null) {
  return {
    id: `5:fact:${from.id}-${type}-${to.id}`,
    type,
    about: about ? about.id : null,
    date: null,
    dateText: null,
    from,
    to,
    evidence: [evidence(...quote)],
  };
}

const withoutId = ({ id: _id, ...rest }: ReturnType<typeof relation>) => rest;

export const RELATIONS = [
  relation('CARRIED_OUT', russia, droneAttacks, [3, 'drone attacks']),
  relation('TARGETED', droneAttacks, sumy, [3, 'drone attacks on Sumy']),
  // `about` names an entity no other field of the answer brings, so Relation.about must look it up.
  relation('PERSUADED', trump, putin, [1, 'Putin agreed'], energyCeasefire),
];

/** Subgraph edges (neighborhood, overview, path): a stance edge carries its claim id, a fact none. */
const EDGES = [
  {
    id: STANCES[0].id,
    type: 'STANCE',
    claimId: STANCES[0].id,
    kind: STANCES[0].kind,
    polarity: STANCES[0].polarity,
    fromId: putin.id,
    toId: energyCeasefire.id,
    about: null,
    evidence: STANCES[0].evidence,
    evidenceCount: STANCES[0].evidence.length,
  },
  {
    id: '5:fact:russia-CARRIED_OUT-drone-attacks',
    type: 'CARRIED_OUT',
    claimId: null,
    kind: null,
    polarity: null,
    fromId: russia.id,
    toId: droneAttacks.id,
    about: '',
    evidence: RELATIONS[0].evidence,
    evidenceCount: RELATIONS[0].evidence.length,
  },
];
const SUBGRAPH = [{ nodes: [putin, energyCeasefire, russia, droneAttacks], edges: EDGES, truncated: false }];

/** neighborhood.cypher sends each sentence once and evidence that names its sentence by id. */
type CannedEvidence = { quote: string; start: number; end: number; docId: string; sentence: { id: string } };
const NEIGHBORHOOD = [
  {
    ...SUBGRAPH[0],
    edges: EDGES.map((e) => ({
      ...e,
      evidence: (e.evidence as CannedEvidence[]).map(({ sentence, ...rest }) => ({
        ...rest,
        sentenceId: sentence.id,
      })),
    })),
    sentences: [
      ...new Map(
        EDGES.flatMap((e) => e.evidence as CannedEvidence[]).map((ev) => [ev.sentence.id, ev.sentence]),
      ).values(),
    ],
    omittedNodes: 0,
    omittedEdges: 0,
  },
];

const DOCUMENT = {
  id: DOC_ID,
  title: 'Putin agrees to a limited ceasefire',
  source: 'made up for the unit tests',
  url: null,
  publishedAt: '2025-03-18',
  language: 'en',
  sha256: '0'.repeat(64),
  length: [...ARTICLE].length,
};

const MENTIONS = [
  { surface: 'Putin', sentence: 1, entity: putin },
  { surface: 'Zelensky', sentence: 3, entity: zelensky },
  { surface: 'Sumy', sentence: 3, entity: sumy },
].map(({ surface, sentence, entity: e }) => {
  const { start, end, docId, sentence: s } = evidence(sentence, surface);
  return { surface, start, end, docId, sentence: s, entity: e };
});

/** The ids a batched query was asked for, with the rows found for each, keyed as the .cypher files key them. */
function keyed(ids: unknown, column: string, found: (id: string) => Row[]): Row[] {
  return (ids as string[]).flatMap((key) => found(key).map((value) => ({ key, [column]: value })));
}

const STANCES_FOUND_FROM: Record<string, (key: string) => typeof STANCES> = {
  TARGET: (key) => STANCES.filter((s) => s.target.id === key),
  ACTOR: (key) => STANCES.filter((s) => s.actor.id === key),
  ENTITY: (key) => STANCES.filter((s) => s.actor.id === key || s.target.id === key),
  CLAIM: (key) => STANCES.filter((s) => s.id === key),
  RESPONSES: (key) => STANCES.filter((s) => s.respondsToId === key),
};

const names = (e: { id: string; name: string; aliases: string[] }) =>
  [e.id, e.name, ...e.aliases].map((n) => n.toLowerCase());

/** Every named query the stores send, answered from the graph above. */
export function cannedAnswers(): Answers {
  return {
    // Reads (cypher/queries).
    resolve: ({ refs }: Params) =>
      (refs as { ref: string }[]).flatMap(({ ref }) =>
        ALL_ENTITIES.filter((e) => names(e).includes(ref.toLowerCase())).map((e) => ({
          key: ref,
          entity: e,
          score: e.id === ref ? 1000 : 3.5,
        })),
      ),
    'entities-by-ids': ({ ids }: Params) =>
      ALL_ENTITIES.filter((e) => (ids as string[]).includes(e.id)).map((e) => ({ entity: e })),
    entities: ({ first }: Params) => [
      { totalCount: ALL_ENTITIES.length, page: ALL_ENTITIES.slice(0, (first as number) + 1) },
    ],
    search: [
      { hit: { ...droneAttacks, __typename: 'Entity' }, score: 2.5 },
      { hit: { ...SENTENCES[2], __typename: 'Sentence' }, score: 1.5 },
    ],
    stances: ({ anchor, keys }: Params) => keyed(keys, 'stance', STANCES_FOUND_FROM[anchor as string]),
    // The page of stances-page.cypher: the stance filters are the database's to apply.
    'stances-page': ({ first }: Params) =>
      [...STANCES]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, (first as number) + 1)
        .map((s) => ({ stance: s })),
    // stance-history.cypher: the pair's stances in stated order (all of the canned ones share a date).
    'stance-history': ({ actorId, targetId, first }: Params) =>
      STANCES.filter((s) => s.actor.id === actorId && s.target.id === targetId)
        .slice(0, first as number)
        .map((s) => ({ stance: s })),
    'relations-page': ({ id }: Params) =>
      RELATIONS.filter((r) => r.from.id === id || r.to.id === id).map((r, _i, all) => ({
        totalCount: all.length,
        cursorKey: [r.type, r.from.id, r.to.id, ''],
        relation: r,
      })),
    relations: ({ ids, first }: Params) =>
      keyed(ids, 'page', (id) => {
        const all = RELATIONS.filter((r) => r.from.id === id || r.to.id === id);
        return [{ count: all.length, relations: all.slice(0, first as number) }];
      }),
    'cited-as-objections': STANCES.filter((s) => s.cites.length).flatMap((s) =>
      s.cites.map((cited) => ({ citation: { cited, by: s.actor, objection: s } })),
    ),
    conditions: [
      {
        condition: {
          condition: haltToAid,
          // conditions.cypher builds these facts without an id.
          conditionFor: [
            withoutId(relation('CONDITION_FOR', haltToAid, fullCeasefire, [2, 'unless military aid'])),
          ],
          forCount: 1,
          stances: STANCES.filter((s) => s.target.id === haltToAid.id)
            .map((s) => ({ id: s.id, kind: s.kind }))
            .sort((a, b) => (a.id < b.id ? -1 : 1)),
        },
      },
    ],
    neighborhood: NEIGHBORHOOD,
    overview: NEIGHBORHOOD,
    path: SUBGRAPH,
    documents: [{ totalCount: 1, page: [DOCUMENT] }],
    'documents-by-ids': ({ ids, withText }: Params) =>
      (ids as string[]).includes(DOC_ID)
        ? [{ document: withText ? { ...DOCUMENT, text: ARTICLE } : DOCUMENT }]
        : [],
    'sentences-by-ids': ({ ids }: Params) =>
      SENTENCES.filter((s) => (ids as string[]).includes(s.id)).map((s) => ({ sentence: s })),
    'sentences-of-documents': ({ ids }: Params) =>
      keyed(ids, 'sentence', (id) => SENTENCES.filter((s) => s.docId === id).map((s) => ({ ...s, heading }))),
    'headings-of-documents': ({ ids }: Params) =>
      keyed(ids, 'heading', (id) => (id === DOC_ID ? [heading] : [])),
    'mentions-of-sentences': ({ ids }: Params) =>
      keyed(ids, 'mention', (id) => MENTIONS.filter((m) => m.sentence.id === id)),
    'mentions-of-entities': ({ ids, first }: Params) =>
      keyed(ids, 'page', (id) => {
        const all = MENTIONS.filter((m) => m.entity.id === id);
        return [{ count: all.length, mentions: all.slice(0, first as number) }];
      }),
    'stances-of-entities': ({ keys, relation, first }: Params) =>
      keyed(keys, 'page', (key) => {
        const all =
          STANCES_FOUND_FROM[relation === 'BY' ? 'ACTOR' : relation === 'ON' ? 'TARGET' : 'ENTITY'](key);
        return [{ count: all.length, stances: all.slice(0, first as number) }];
      }),
    'stance-matrix': [
      {
        totalActors: 2,
        totalTargets: 3,
        actors: [
          { ...putin, stanceCount: 3 },
          { ...zelensky, stanceCount: 1 },
        ],
        targets: [
          { ...energyCeasefire, stanceCount: 1 },
          { ...fullCeasefire, stanceCount: 1 },
          { ...putin, stanceCount: 1 },
        ],
        cells: STANCES.filter((s) => s.target.id !== haltToAid.id).map((s) => ({
          actorId: s.actor.id,
          targetId: s.target.id,
          stanceCount: 1,
          stanceIds: [s.id],
          docIds: [s.docId],
          stancePolarities: [s.polarity],
          kinds: [s.kind],
          polarities: [s.polarity],
          evidenceCount: s.evidence.length,
        })),
      },
    ],
    counts: ({ groupBy }: Params) => [
      {
        total: 1,
        groups: [
          {
            key: groupBy === 'DOCUMENT' ? DOC_ID : 'OPPOSE',
            label: groupBy === 'DOCUMENT' ? DOCUMENT.title : null,
            count: 2,
          },
        ],
      },
    ],
    timeline: [
      {
        entry: {
          date: '2025-03-18',
          dateText: 'overnight',
          kind: 'EVENT',
          key: droneAttacks.id,
          entity: droneAttacks,
          stance: null,
          evidence: [evidence(3, 'drone attacks')],
          evidenceCount: 1,
        },
      },
      {
        entry: {
          date: '2025-03-18',
          dateText: 'on Tuesday',
          kind: 'STATEMENT',
          key: STANCES[3].id,
          entity: null,
          stance: STANCES[3],
          evidence: STANCES[3].evidence,
          evidenceCount: STANCES[3].evidence.length,
        },
      },
    ],
    // Writes (cypher/schema, cypher/ingest): the lock tells which documents are new; no kind conflicts.
    'schema/*': [],
    // The mention backfill before the schema (src/ingest/loader.ts keyMentions): no entity left to key.
    'backfill/*': [],
    'ingest/01-lock-documents': ({ docIds }: Params) =>
      (docIds as string[]).map((docId) => ({ docId, isNew: true, planSha256: null })),
    'ingest/*': [],
  };
}
