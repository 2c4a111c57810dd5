/**
 * One request per named traversal and the other root fields that read the graph, on the seed corpus: the
 * reads the fault and cluster tests (tests/integration/faults.test.ts, faults-load.test.ts,
 * cluster-ready.test.ts) send before, during and after an outage. Every one of them needs Neo4j (none is
 * answered from memory alone), and each runs a named query of its own.
 */
export const TRAVERSALS = {
  supporters: '{ supporters(of: "limited ceasefire") { actor { id } } }',
  opponents: '{ opponents(of: "full-ceasefire") { actor { id } } }',
  citedAsObjections: '{ citedAsObjections { edges { node { cited { id } by { id } } } } }',
  conditions: '{ conditions(for: "full ceasefire") { edges { node { condition { id } } } } }',
  relations: '{ relations(of: "russia", direction: IN) { edges { node { type from { id } } } } }',
  neighborhood: '{ neighborhood(of: "putin", depth: 1) { nodes { id } } }',
  stanceMatrix: '{ stanceMatrix(actorsFirst: 10, targetsFirst: 10) { cells { kinds } } }',
  stances: '{ stances(actor: "putin") { edges { node { id evidence { quote } } } } }',
  path: '{ path(from: "scholz", to: "putin") { nodes { id } } }',
  entity: '{ entity(id: "putin") { name } }',
  entities: '{ entities(kind: PERSON, first: 3) { edges { node { id } } } }',
  resolve: '{ resolve(name: "the Russian leader") { entity { id } } }',
  search: '{ search(text: "drone attacks") { edges { node { __typename } } } }',
  documents: '{ documents(first: 200) { edges { node { id } } } }',
} as const satisfies Record<string, string>;

export type TraversalName = keyof typeof TRAVERSALS;

/** Some of them, by name, in the order given. */
export function traversals(...names: TraversalName[]): string[] {
  return names.map((name) => TRAVERSALS[name]);
}
