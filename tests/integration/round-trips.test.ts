import { TestService, startTestService } from '../support/service';

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc?.close());

/** Runs a request from a cold name cache and returns the queries it sent. */
async function sentBy(query: string) {
  svc.stores.cache.clear();
  svc.sent.length = 0;
  const { body } = await svc.gql(query);
  expect(body.errors).toBeUndefined();
  return svc.sent.map(({ query: q, mode }) => ({ name: q.name, mode, params: q.params, text: q.text }));
}

describe('each root field sends its named Cypher, with values only as parameters', () => {
  it.each([
    ['supporters', '{ supporters(of: "limited ceasefire") { id } }'],
    ['opponents', '{ opponents(of: "full-ceasefire") { id } }'],
    ['stances', '{ stances(actor: "Putin", kinds: [DEMANDS]) { edges { node { id } } } }'],
    ['citedAsObjections', '{ citedAsObjections(by: "Zelensky") { edges { node { cited { id } } } } }'],
    ['conditions', '{ conditions(for: "full ceasefire") { edges { node { condition { id } } } } }'],
    [
      'relations',
      '{ relations(of: "russia", types: [LEADS, CARRIED_OUT], direction: IN) { edges { node { type } } } }',
    ],
    ['entity', '{ entity(id: "putin") { id } }'],
    ['resolve', '{ resolve(name: "the Russian leader", first: 3) { matchedOn } }'],
    ['search', '{ search(text: "drone attacks", first: 5) { edges { node { __typename } } } }'],
    ['entities', '{ entities(kind: ATTACK, first: 2) { totalCount } }'],
    ['neighborhood', '{ neighborhood(of: "putin", depth: 2) { truncated } }'],
    ['path', '{ path(from: "scholz", to: "sumy", maxHops: 6) { truncated } }'],
    ['documents', '{ documents { edges { node { id } } } }'],
    ['document', '{ document(id: "trump-putin-call-energy-ceasefire") { id } }'],
  ])('%s', async (_field, query) => {
    const sent = await sentBy(query);
    expect(sent).toMatchSnapshot();
    // Arguments travel as parameters: no argument value appears in any statement's text.
    for (const q of sent)
      expect(q.text).not.toMatch(/limited ceasefire|Zelensky"|the Russian leader|drone attacks/);
  });
});

describe('round trips', () => {
  it('a named traversal is one round trip once its name is resolved (the first use adds one)', async () => {
    const query =
      '{ supporters(of: "limited ceasefire") { actor { name } target { name } cites { name } evidence { quote sentence { text } } } }';
    const cold = await sentBy(query);
    expect(cold.map((q) => q.name)).toEqual(['resolve', 'stances']);
    svc.sent.length = 0;
    await svc.gql(query);
    expect(svc.sent.map((s) => s.query.name)).toEqual(['stances']);
  });

  it('by id, every traversal of the mission is one round trip (the id still resolves once)', async () => {
    for (const query of [
      '{ opponents(of: "full-ceasefire") { actor { name } evidence { quote } } }',
      '{ citedAsObjections { edges { node { cited { name } by { name } objection { kind target { name } } evidence { quote } } } } }',
    ]) {
      await svc.gql(query);
      svc.sent.length = 0;
      await svc.gql(query);
      expect(svc.sent).toHaveLength(1);
    }
  });

  it('each dashboard aggregate is one round trip (stanceMatrix, counts, timeline)', async () => {
    for (const [query, name] of [
      [
        '{ stanceMatrix { actors { id } targets { id } cells { actor { name } target { name } kinds polarity } } }',
        'stance-matrix',
      ],
      ['{ counts(groupBy: STANCE_KIND) { groups { key count } } }', 'counts'],
      [
        '{ timeline { edges { node { date kind entity { name } stance { kind actor { name } } evidence { quote } } } } }',
        'timeline',
      ],
    ]) {
      expect((await sentBy(query)).map((q) => q.name)).toEqual([name]);
    }
  });

  it('an entity with its stances in both roles is one round trip (two for an entity in no stance)', async () => {
    const stances = 'stances { actor { name } target { name } evidence { quote } }';
    const sent = await sentBy(`{ entity(id: "putin") { name ${stances} } }`);
    expect(sent.map((q) => q.name)).toEqual(['stances-of-entities']);
    expect(sent[0].params).toMatchObject({ relation: null, keys: ['putin'], first: 20 });

    const [kyiv] = await svc.db.read<{ id: string }>({
      name: 'test/entity-in-no-stance',
      text: 'MATCH (e:Entity) WHERE NOT (e)<-[:BY|ON]-(:Claim) RETURN e.id AS id ORDER BY id LIMIT 1',
    });
    const none = await sentBy(`{ entity(id: "${kyiv.id}") { id ${stances} } }`);
    expect(none.map((q) => q.name)).toEqual(['stances-of-entities', 'entities-by-ids']);
    expect((await sentBy(`{ entity(id: "no-such-entity") { id ${stances} } }`)).length).toBe(2);
    // With a role, the stances are another lookup: the entity comes first, as for any other field.
    const byRole = await sentBy(`{ entity(id: "putin") { stances(role: ACTOR) { id } } }`);
    expect(byRole.map((q) => q.name)).toEqual(['entities-by-ids', 'stances-of-entities']);
  });

  it('answers the entity alike whether it came from its stances or from its own lookup', async () => {
    const fields = 'id kind name aliases description date dateText';
    const alone = await svc.gql<{ entity: Record<string, unknown> }>(`{ entity(id: "putin") { ${fields} } }`);
    const withStances = await svc.gql<{ entity: Record<string, unknown> & { stances: unknown[] } }>(
      `{ entity(id: "putin") { ${fields} stances { id } } }`,
    );
    const { stances, ...entity } = withStances.body.data!.entity;
    expect(stances.length).toBeGreaterThan(0);
    expect(entity).toEqual(alone.body.data!.entity);
    const missing = await svc.gql<{ entity: null }>('{ entity(id: "no-such-entity") { id stances { id } } }');
    expect(missing.body.data!.entity).toBeNull();
  });

  it('nested navigation is bounded by depth, not by the number of items', async () => {
    // Three stances a level: at the default 20 the cost estimate (first × first × …) refuses 40 entities deep.
    const shape = `stances(role: ACTOR, first: 3) { target { name } actor { stances(first: 3) { evidence { sentence { mentions { entity { id } } } document { id } } } } }`;
    const one = await sentBy(`{ entity(id: "putin") { ${shape} } }`);
    const many = await sentBy(`{ entities(first: 40) { edges { node { ${shape} } } } }`);
    // entity → stances (1) → actor's stances (1) → sentence mentions (1) + documents (1): one query a level.
    expect(one.length).toBeLessThanOrEqual(5);
    expect(many.length).toBe(one.length);
    const itemsSeen = (
      await svc.gql<{ entities: { edges: { node: { stances: unknown[] } }[] } }>(
        `{ entities(first: 40) { edges { node { stances(role: ACTOR) { id } } } } }`,
      )
    ).body.data!.entities.edges.flatMap((e) => e.node.stances).length;
    expect(itemsSeen).toBeGreaterThan(10);
  });
});
