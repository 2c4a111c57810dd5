/**
 * The five workloads, as each arm asks them. Every arm answers the same question over the same graph; the
 * GraphQL arms select comparable fields, the bare arm returns what the named Cypher returns.
 */

export type ArmName = 'bare' | 'stancegraph' | 'neo4j-graphql';
export const ARMS: ArmName[] = ['bare', 'stancegraph', 'neo4j-graphql'];

/**
 * The stancegraph service with its response cache on (the `stancegraph` arm runs with it off), asked what
 * stancegraph is asked: `stancegraph-cached` the same request every time (from memory after the first),
 * `stancegraph-uncached` with a new value of an unused variable every time (never from memory: what the
 * cache costs a read it cannot answer). Both are in the default arms, so one `npm run bench` measures the
 * cache's two targets (cached ≥ 5× bare, uncached ≥ 0.9× bare) side by side with the other arms.
 */
export const CACHE_ARMS = ['stancegraph-cached', 'stancegraph-uncached'] as const;
export type CacheArm = (typeof CACHE_ARMS)[number];
const isCacheArm = (kind: string): kind is CacheArm => (CACHE_ARMS as readonly string[]).includes(kind);

/**
 * An arm as given on the command line: its kind, and optionally `@<dir>`, a copy of the repository whose
 * bench/arms/<kind>.ts to run instead (e.g. `stancegraph@/tmp/before`: the service before a change, measured
 * side by side with the current one).
 */
export function armKind(spec: string): ArmName {
  const kind = spec.split('@')[0];
  return isCacheArm(kind) ? 'stancegraph' : (kind as ArmName);
}

export type WorkloadName = 'supporters' | 'citedAsObjections' | 'nested' | 'neighborhood' | 'stanceMatrix';
export const WORKLOADS: WorkloadName[] = [
  'supporters',
  'citedAsObjections',
  'nested',
  'neighborhood',
  'stanceMatrix',
];

/** One HTTP request: where it goes and its JSON body (GraphQL arms) or none (bare: the path names it). */
export interface ArmRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Every request a new `variables: { nonce: n }` (declared by no operation, so ignored by it). */
  vary?: boolean;
}

/**
 * The size of an answer, by arm, so that the arms can be checked to answer alike: the number of items at
 * the level that matters (stances, citations, nodes + edges, cells).
 */
export type Sizer = (body: unknown) => number;

export interface Workload {
  name: WorkloadName;
  description: string;
  requests: Record<ArmName, ArmRequest>;
  size: Record<ArmName, Sizer>;
}

const gql = (query: string): ArmRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query: query.replace(/\s+/g, ' ').trim() }),
});
const bare = (name: WorkloadName): ArmRequest => ({ method: 'GET', path: `/q/${name}` });

type Json = Record<string, unknown>;
const data = (body: unknown) => (body as { data: Json }).data;
const len = (v: unknown) => (Array.isArray(v) ? v.length : NaN);

/** The page size the paged workloads ask for: the service's default (LIMITS.page.default). */
const PAGE = 20;
/** How many supporters the service sends when not asked for a `first` (LIMITS.rootList.default). */
const ROOT_LIST = 100;

const SG_STANCE = `id kind polarity actor { id name } target { id name }
  evidence { quote start end sentence { id text } }`;
const NG_EVIDENCE = `evidenceConnection { edges { properties { quote start end } node { id text } } }`;
const NG_STANCE = `id kind polarity actor { id name } target { id name } ${NG_EVIDENCE}`;

/** Who the entity-anchored queries ask about. */
export interface Subjects {
  supportersOf: string;
  entity: string;
  neighborhoodDepth: number;
}

/** The seed corpus's subjects: the limited ceasefire, Putin. */
export const SUBJECTS: Subjects = { supportersOf: 'energy-ceasefire', entity: 'putin', neighborhoodDepth: 2 };

export function workloadSpecs(subjects: Subjects): Record<WorkloadName, Workload> {
  return {
    supporters: {
      name: 'supporters',
      description: `supporters(of: "${subjects.supportersOf}"): stances with actor, target, evidence and sentence`,
      requests: {
        bare: bare('supporters'),
        stancegraph: gql(`{ supporters(of: "${subjects.supportersOf}") { ${SG_STANCE} } }`),
        // At most as many as the service sends by default, supporters (SUPPORT) first as there.
        'neo4j-graphql': gql(`{ claims(where: { target: { id: { eq: "${subjects.supportersOf}" } },
        polarity: { in: ["SUPPORT", "CONDITIONAL"] } }, sort: [{ polarity: DESC }, { id: ASC }],
        limit: ${ROOT_LIST}) { ${NG_STANCE} } }`),
      },
      size: {
        bare: (b) => len((b as Json).stances),
        stancegraph: (b) => len(data(b).supporters),
        'neo4j-graphql': (b) => len(data(b).claims),
      },
    },
    citedAsObjections: {
      name: 'citedAsObjections',
      description:
        'citedAsObjections (first page of 20): what opposing stances cite, with the objection, its target and evidence',
      requests: {
        bare: bare('citedAsObjections'),
        stancegraph:
          gql(`{ citedAsObjections(first: ${PAGE}) { edges { node { cited { id name } by { id name }
        objection { id kind target { id name } } evidence { quote start end sentence { id text } } } } } }`),
        // The first page in the same order (objection id): the first PAGE claims hold the first PAGE
        // (objection, cited entity) pairs, and more when one cites several.
        'neo4j-graphql':
          gql(`{ claims(where: { polarity: { eq: "OPPOSE" }, cites: { some: { NOT: { id: { eq: "" } } } } },
        sort: [{ id: ASC }], limit: ${PAGE}) {
        id kind actor { id name } target { id name } cites { id name } ${NG_EVIDENCE} } }`),
      },
      size: {
        bare: (b) => len((b as Json).citations),
        stancegraph: (b) => len((data(b).citedAsObjections as Json).edges),
        // One row per (objection, cited entity), as the other arms count them, up to the page.
        'neo4j-graphql': (b) =>
          Math.min(
            PAGE,
            (data(b).claims as { cites: unknown[] }[]).reduce((n, c) => n + c.cites.length, 0),
          ),
      },
    },
    nested: {
      name: 'nested',
      description: `entity(id: "${subjects.entity}") → stances (as actor and target) → evidence → sentence`,
      requests: {
        bare: bare('nested'),
        stancegraph: gql(`{ entity(id: "${subjects.entity}") { id name stances { ${SG_STANCE} } } }`),
        'neo4j-graphql': gql(`{ entities(where: { id: { eq: "${subjects.entity}" } }) { id name
        claimsBy { ${NG_STANCE} } claimsOn { ${NG_STANCE} } } }`),
      },
      size: {
        bare: (b) => len((b as Json).stances),
        stancegraph: (b) => len((data(b).entity as Json).stances),
        'neo4j-graphql': (b) => {
          const [e] = data(b).entities as Json[];
          return len(e.claimsBy) + len(e.claimsOn);
        },
      },
    },
    neighborhood: {
      name: 'neighborhood',
      description: `neighborhood(of: "${subjects.entity}", depth: ${subjects.neighborhoodDepth}): nodes and edges with evidence`,
      requests: {
        bare: bare('neighborhood'),
        // Each sentence once (sentences) and evidence naming it (sentenceId), in all three arms alike.
        stancegraph: gql(`{ neighborhood(of: "${subjects.entity}", depth: ${subjects.neighborhoodDepth}) {
        truncated omittedNodes omittedEdges nodes { id kind name } sentences { id text } edges { id kind type
        polarity from { id } to { id } evidence { quote start end sentenceId } } } }`),
        'neo4j-graphql': gql(`{ neighborhood(id: "${subjects.entity}", depth: ${subjects.neighborhoodDepth}) {
        truncated omittedNodes omittedEdges nodes { id kind name } sentences { id text } edges { id type kind
        polarity fromId toId evidence { quote start end sentenceId } } } }`),
      },
      size: {
        bare: (b) => len((b as Json).nodes) + len((b as Json).edges),
        stancegraph: (b) =>
          len((data(b).neighborhood as Json).nodes) + len((data(b).neighborhood as Json).edges),
        'neo4j-graphql': (b) =>
          len((data(b).neighborhood as Json).nodes) + len((data(b).neighborhood as Json).edges),
      },
    },
    stanceMatrix: {
      name: 'stanceMatrix',
      description:
        'stanceMatrix (no arguments): the top 20 actors × 20 targets, kinds, polarity and evidence count per cell',
      requests: {
        bare: bare('stanceMatrix'),
        stancegraph: gql(`{ stanceMatrix { totalActors totalTargets actors { id name } targets { id name }
        cells { actor { id } target { id } kinds polarity stanceCount evidenceCount } } }`),
        'neo4j-graphql': gql(`{ stanceMatrix { totalActors totalTargets actors { id name } targets { id name }
        cells { actorId targetId kinds polarities stanceCount evidenceCount } } }`),
      },
      size: {
        bare: (b) => len((b as Json).cells),
        stancegraph: (b) => len((data(b).stanceMatrix as Json).cells),
        'neo4j-graphql': (b) => len((data(b).stanceMatrix as Json).cells),
      },
    },
  };
}

export const WORKLOAD_SPECS = workloadSpecs(SUBJECTS);

/**
 * An answer is an error when the HTTP status is not 200, when a GraphQL body carries `errors` (GraphQL
 * errors come with status 200), or when the bare endpoint reports one.
 */
export function bodyError(status: number, body: string): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  if (body.includes('"errors":')) return 'GraphQL errors';
  if (body.startsWith('{"error":')) return 'endpoint error';
  return undefined;
}
