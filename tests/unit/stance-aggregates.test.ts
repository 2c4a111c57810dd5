import { cypher } from '../../src/cypher';
import { CLAIM_KIND_NAMES, ENTITY_KINDS, FACT_TYPE_NAMES, POLARITIES } from '../../src/domain/vocabulary';
import { DocumentPlan } from '../../src/ingest/plan';
import { stancePairs } from '../../src/ingest/stance-aggregates';

describe('counts by kind and polarity from the claims’ labels', () => {
  // counts.cypher names the labels in its text (the count store is read only for a label written out):
  // a kind or polarity added to the vocabulary and not there would be counted as none.
  const text = cypher('queries/counts');
  const named = (prefix: string) =>
    [...text.matchAll(new RegExp(`\\['(\\w+)', COUNT \\{ \\(:${prefix}(\\w+)\\) \\}\\]`, 'g'))].map((m) => {
      expect(m[2]).toBe(m[1]);
      return m[1];
    });

  it('names every claim kind of the vocabulary, once', () => {
    expect(named('ClaimKind_').sort()).toEqual([...CLAIM_KIND_NAMES].sort());
  });

  it('names every polarity of the vocabulary, once', () => {
    expect(named('ClaimPolarity_').sort()).toEqual([...POLARITIES].sort());
  });

  it('names every entity kind of the vocabulary, once (counts by ENTITY_KIND)', () => {
    const kinds = [...text.matchAll(/\['(\w+)', COUNT \{ \(:([A-Za-z]+)\) \}\]/g)].map((m) => {
      expect(m[2]).toBe(m[1]);
      return m[1];
    });
    expect(kinds.sort()).toEqual([...ENTITY_KINDS].sort());
  });

  it('names every fact type of the vocabulary, once, from an entity (counts by RELATION_TYPE)', () => {
    const types = [...text.matchAll(/\['(\w+)', COUNT \{ \((:\w+)?\)-\[:(\w+)\]->\(\) \}\]/g)].map((m) => {
      expect(m[3]).toBe(m[1]);
      expect(m[2]).toBe(':Entity');
      return m[1];
    });
    expect(types.sort()).toEqual([...FACT_TYPE_NAMES].sort());
  });
});

describe('stancePairs: what 13-stance-aggregates rewrites', () => {
  const claim = (id: string, by: string, on: string, kind = 'SUPPORTS', evidence = 1) =>
    ({ id, by, on, kind, polarity: 'SUPPORT', evidence: Array(evidence).fill({}) }) as never;
  const plan = (id: string, claims: unknown[]) => ({ document: { id }, claims }) as unknown as DocumentPlan;

  it('groups the claims by actor → target, sorted by claim id, pairs sorted by actor then target', () => {
    const pairs = stancePairs([
      plan('d2', [claim('d2:c1', 'b', 'x'), claim('d2:c2', 'a', 'y', 'REJECTS', 3)]),
      plan('d1', [claim('d1:c9', 'b', 'x')]),
    ]);
    expect(pairs.map((p) => [p.actorId, p.targetId, p.claims.map((c) => c.claimId)])).toEqual([
      ['a', 'y', ['d2:c2']],
      ['b', 'x', ['d1:c9', 'd2:c1']],
    ]);
    expect(pairs[0].claims[0]).toEqual({
      claimId: 'd2:c2',
      docId: 'd2',
      kind: 'REJECTS',
      polarity: 'SUPPORT',
      evidenceCount: 3,
    });
  });

  it('keeps the pairs a cleared document had, with no claim, so that their entries go', () => {
    const pairs = stancePairs(
      [plan('d1', [claim('d1:c1', 'a', 'x')])],
      [
        { actorId: 'a', targetId: 'x' },
        { actorId: 'c', targetId: 'z' },
      ],
    );
    expect(pairs.map((p) => [p.actorId, p.targetId, p.claims.length])).toEqual([
      ['a', 'x', 1],
      ['c', 'z', 0],
    ]);
  });
});
