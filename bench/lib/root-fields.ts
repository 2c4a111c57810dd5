/**
 * Every root query field, asked as a client asks it at its default page size (no `first`, no `limit`), about
 * the seed's subjects: the scaling benchmark times each at seed size and at every checkpoint of a growing
 * synthetic corpus, so that a field whose cost grows with the graph rather than with its answer shows.
 *
 * The seed corpus is loaded first and stays, so every name below resolves at every size; answers of the
 * whole-graph fields (stances, citedAsObjections, graph, …) may hold other entities at scale, but never more
 * than a page.
 */
import type { Subjects } from '../workloads';

export interface RootFieldRequest {
  /** The root field, e.g. `stances`. Several requests of one field get a suffix: `counts(DOCUMENT)`. */
  name: string;
  query: string;
  /** Items in the answer: the same size means the same work. */
  size(data: Record<string, unknown>): number;
}

type Json = Record<string, unknown>;
const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
const edges = (v: unknown) => len((v as Json | undefined)?.edges);
const sub = (v: unknown) => len((v as Json | undefined)?.nodes) + len((v as Json | undefined)?.edges);

const EVIDENCE = 'evidence { quote start end sentence { id text } document { id } }';
const STANCE = `id kind polarity actor { id name } target { id name } ${EVIDENCE}`;
const SUBGRAPH = `truncated nodes { id kind name } sentences { id text }
  edges { id kind type polarity from { id } to { id } evidence { quote start end sentenceId } }`;

/** The root fields of the Query type a client reads (validateDocument and version aside: no graph read). */
export function rootFieldRequests(s: Subjects): RootFieldRequest[] {
  const of = JSON.stringify(s.entity);
  const about = JSON.stringify(s.supportersOf);
  return [
    {
      name: 'supporters',
      query: `{ supporters(of: ${about}) { ${STANCE} } }`,
      size: (d) => len(d.supporters),
    },
    { name: 'opponents', query: `{ opponents(of: ${about}) { ${STANCE} } }`, size: (d) => len(d.opponents) },
    {
      name: 'stances',
      query: `{ stances { edges { node { ${STANCE} } } pageInfo { hasNextPage endCursor } } }`,
      size: (d) => edges(d.stances),
    },
    {
      name: 'stances(actor)',
      query: `{ stances(actor: ${of}) { edges { node { ${STANCE} } } pageInfo { hasNextPage } } }`,
      size: (d) => edges(d.stances),
    },
    {
      name: 'citedAsObjections',
      query: `{ citedAsObjections { edges { node { by { id } cited { id name } objection { id kind }
        ${EVIDENCE} } } pageInfo { hasNextPage } } }`,
      size: (d) => edges(d.citedAsObjections),
    },
    {
      name: 'relations',
      query: `{ relations(of: ${of}) { edges { node { id type from { id } to { id } ${EVIDENCE} } }
        pageInfo { hasNextPage } } }`,
      size: (d) => edges(d.relations),
    },
    {
      name: 'timeline',
      query: `{ timeline { edges { node { date kind entity { id } stance { id } ${EVIDENCE} } }
        pageInfo { hasNextPage } } }`,
      size: (d) => edges(d.timeline),
    },
    {
      name: 'search',
      query: `{ search(text: "ceasefire") { edges { node { __typename ... on Entity { id name }
        ... on Sentence { id text } } } pageInfo { hasNextPage } } }`,
      size: (d) => edges(d.search),
    },
    {
      name: 'entities',
      query: '{ entities { totalCount edges { node { id kind name } } pageInfo { hasNextPage } } }',
      size: (d) => edges(d.entities),
    },
    {
      name: 'documents',
      query: '{ documents { totalCount edges { node { id title publishedAt } } pageInfo { hasNextPage } } }',
      size: (d) => edges(d.documents),
    },
    {
      name: 'document',
      query: '{ document(id: "trump-putin-call-energy-ceasefire") { id title sentences { id } } }',
      size: (d) => len((d.document as Json | null)?.sentences),
    },
    {
      name: 'entity',
      query: `{ entity(id: ${of}) { id name stances { id kind } } }`,
      size: (d) => len((d.entity as Json | null)?.stances),
    },
    {
      name: 'resolve',
      query: `{ resolve(name: ${of}) { score entity { id } } }`,
      size: (d) => len(d.resolve),
    },
    {
      name: 'stanceMatrix',
      query: `{ stanceMatrix { totalActors totalTargets actors { id name } targets { id name }
        cells { actor { id } target { id } kinds polarity stanceCount evidenceCount } } }`,
      size: (d) => len((d.stanceMatrix as Json).cells),
    },
    {
      name: 'stanceHistory',
      query: `{ stanceHistory(actor: ${of}, target: ${about}) { changed stance { ${STANCE} } } }`,
      size: (d) => len(d.stanceHistory),
    },
    {
      name: 'conditions',
      query: `{ conditions { edges { node { condition { id name } setBy { id } for { id } } } } }`,
      size: (d) => edges(d.conditions),
    },
    {
      name: 'counts(STANCE_KIND)',
      query: '{ counts(groupBy: STANCE_KIND) { groups { key count } } }',
      size: (d) => len((d.counts as Json | undefined)?.groups),
    },
    {
      name: 'counts(DOCUMENT)',
      query: '{ counts(groupBy: DOCUMENT) { groups { key label count } } }',
      size: (d) => len((d.counts as Json | undefined)?.groups),
    },
    {
      name: 'neighborhood',
      query: `{ neighborhood(of: ${of}, depth: ${s.neighborhoodDepth}) { ${SUBGRAPH} } }`,
      size: (d) => sub(d.neighborhood),
    },
    { name: 'graph', query: `{ graph { ${SUBGRAPH} } }`, size: (d) => sub(d.graph) },
    {
      name: 'path',
      query: `{ path(from: ${of}, to: ${about}) { ${SUBGRAPH} } }`,
      size: (d) => sub(d.path),
    },
  ];
}
