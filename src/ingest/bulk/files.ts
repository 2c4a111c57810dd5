import { claimKindLabel, claimPolarityLabel } from '../stance-aggregates';

/**
 * The files of the bulk import: for each label combination and relationship type the graph holds, its
 * labels, id space and columns (names and the import tool's types), as the transactional loader's
 * statements (cypher/ingest/*.cypher) store them. graph-rows.ts fills them with rows.
 */

/** A property type as the import tool's header names it: Cypher INTEGER is long, FLOAT is double. */
export type ColumnType =
  'string' | 'long' | 'double' | 'boolean' | 'string[]' | 'long[]' | 'double[]' | 'boolean[]';

export interface Column {
  name: string;
  type: ColumnType;
  /** Absent on some rows. A column that is not may be given a value the CSV cannot hold ([] or ['']). */
  optional?: boolean;
}

/** Nodes of one label combination; the first column is the id, unique in the id space `space`. */
export interface NodeFile {
  kind: 'nodes';
  name: string;
  labels: string[];
  space: string;
  columns: Column[];
  /** false: the first column only joins relationships to the nodes and is not stored (default: stored). */
  idIsProperty?: boolean;
}

/** Relationships of one type, from a node of id space `from` to one of `to`. */
export interface RelationshipFile {
  kind: 'relationships';
  name: string;
  type: string;
  from: string;
  to: string;
  columns: Column[];
}

export type BulkFile = NodeFile | RelationshipFile;
export type Value = string | number | boolean | null | string[] | number[] | boolean[];

/** Receives the rows: node rows are [id, ...columns], relationship rows [from, to, ...columns]. */
export interface GraphSink {
  row(file: BulkFile, values: Value[]): void;
}

const ID_COLUMN: Column = { name: 'id', type: 'string' };

const nodes = (name: string, labels: string[], columns: Column[]): NodeFile => ({
  kind: 'nodes',
  name,
  labels,
  space: labels[0],
  columns: [ID_COLUMN, ...columns],
});

const relationships = (type: string, from: string, to: string, columns: Column[] = []): RelationshipFile => ({
  kind: 'relationships',
  name: type,
  type,
  from,
  to,
  columns,
});

const optional = (name: string, type: ColumnType): Column => ({ name, type, optional: true });
const required = (name: string, type: ColumnType): Column => ({ name, type });

export const DOCUMENT = nodes(
  'Document',
  ['Document'],
  [
    required('title', 'string'),
    required('source', 'string'),
    optional('url', 'string'),
    required('publishedAt', 'string'),
    required('language', 'string'),
    required('sha256', 'string'),
    required('planSha256', 'string'),
    required('text', 'string'),
    required('annotation', 'string'),
    required('length', 'long'),
    required('stanceCount', 'long'),
    optional('stanceDays', 'string[]'),
    optional('stanceDayCounts', 'long[]'),
  ],
);
export const HEADING = nodes(
  'Heading',
  ['Heading'],
  [
    required('docId', 'string'),
    required('index', 'long'),
    required('text', 'string'),
    required('start', 'long'),
    required('end', 'long'),
  ],
);
export const SENTENCE = nodes(
  'Sentence',
  ['Sentence'],
  [
    required('docId', 'string'),
    required('index', 'long'),
    required('paragraph', 'long'),
    required('text', 'string'),
    required('start', 'long'),
    required('end', 'long'),
  ],
);
const CLAIM_COLUMNS: Column[] = [
  required('docId', 'string'),
  required('kind', 'string'),
  required('polarity', 'string'),
  required('cameo', 'string'),
  required('confidence', 'double'),
  required('method', 'string'),
  optional('date', 'string'),
  optional('dateText', 'string'),
  optional('dateInferred', 'boolean'),
];
/** One file per kind and polarity: a claim carries both as labels (10-claims). */
const claimFiles = new Map<string, NodeFile>();
export const claimFile = (kind: string, polarity: string) => {
  const labels = ['Claim', claimKindLabel(kind), claimPolarityLabel(polarity)];
  let file = claimFiles.get(labels.join(':'));
  if (!file)
    claimFiles.set(labels.join(':'), (file = nodes(`Claim-${kind}-${polarity}`, labels, CLAIM_COLUMNS)));
  return file;
};
/** 13-stance-aggregates: one per actor → target pair, its stances as parallel lists sorted by claim id. */
export const STANCE_PAIR: NodeFile = {
  ...nodes(
    'StancePair',
    ['StancePair'],
    [
      required('actorId', 'string'),
      required('targetId', 'string'),
      required('claimIds', 'string[]'),
      required('claimDocIds', 'string[]'),
      required('claimKinds', 'string[]'),
      required('claimPolarities', 'string[]'),
      required('claimEvidenceCounts', 'long[]'),
    ],
  ),
  idIsProperty: false,
};
/** 13-stance-aggregates: one per day stances were stated on, with how many. */
export const STANCE_DAY: NodeFile = {
  ...nodes('StanceDay', ['StanceDay'], [required('day', 'string'), required('stances', 'long')]),
  idIsProperty: false,
};
const ENTITY_COLUMNS: Column[] = [
  required('kind', 'string'),
  optional('registered', 'boolean'),
  required('name', 'string'),
  required('aliases', 'string[]'),
  required('aliasText', 'string'),
  optional('description', 'string'),
  optional('iso3166', 'string'),
  optional('wikidata', 'string'),
  optional('date', 'string'),
  optional('dateText', 'string'),
  optional('dateInferred', 'boolean'),
  optional('stancesMade', 'long'),
  optional('stancesReceived', 'long'),
  required('degree', 'long'),
];
/** One file per kind: the import tool gives a file's nodes its labels. */
const entityFiles = new Map<string, NodeFile>();
export const entityFile = (kind: string) => {
  let file = entityFiles.get(kind);
  if (!file) entityFiles.set(kind, (file = { ...nodes(`Entity-${kind}`, ['Entity', kind], ENTITY_COLUMNS) }));
  return file;
};

export const PART_OF_SENTENCE = {
  ...relationships('PART_OF', 'Sentence', 'Document'),
  name: 'PART_OF-Sentence',
};
export const PART_OF_HEADING = {
  ...relationships('PART_OF', 'Heading', 'Document'),
  name: 'PART_OF-Heading',
};
export const IN_SECTION = relationships('IN_SECTION', 'Sentence', 'Heading');
export const NEXT = relationships('NEXT', 'Sentence', 'Sentence');
export const DESCRIBES = relationships('DESCRIBES', 'Document', 'Entity', [
  required('aliases', 'string[]'),
  optional('name', 'string'),
  optional('description', 'string'),
  optional('date', 'string'),
  optional('dateText', 'string'),
  optional('dateInferred', 'boolean'),
  optional('method', 'string'),
  optional('confidence', 'double'),
]);
export const MENTIONS = relationships('MENTIONS', 'Sentence', 'Entity', [
  required('start', 'long'),
  required('end', 'long'),
  required('surface', 'string'),
  required('docId', 'string'),
  required('entityId', 'string'),
]);
export const BY = relationships('BY', 'Claim', 'Entity');
export const ON = relationships('ON', 'Claim', 'Entity');
export const CITES = relationships('CITES', 'Claim', 'Entity');
export const RESPONDS_TO = relationships('RESPONDS_TO', 'Claim', 'Claim');
export const EVIDENCE = relationships('EVIDENCE', 'Claim', 'Sentence', [
  required('start', 'long'),
  required('end', 'long'),
  required('quote', 'string'),
]);
export const STANCE = relationships('STANCE', 'Entity', 'Entity', [
  required('claimId', 'string'),
  required('kind', 'string'),
  required('polarity', 'string'),
  required('docId', 'string'),
  required('evidenceCount', 'long'),
  required('confidence', 'double'),
  required('method', 'string'),
]);
const FACT_COLUMNS: Column[] = [
  required('about', 'string'),
  required('docIds', 'string[]'),
  required('sentenceIds', 'string[]'),
  required('quotes', 'string[]'),
  required('starts', 'long[]'),
  required('ends', 'long[]'),
  required('reportDates', 'string[]'),
  required('reportDateTexts', 'string[]'),
  required('reportDatesInferred', 'boolean[]'),
  required('reportConfidences', 'double[]'),
  required('reportMethods', 'string[]'),
  required('confidence', 'double'),
  required('method', 'string'),
  optional('date', 'string'),
  optional('dateText', 'string'),
  optional('dateInferred', 'boolean'),
];
const factFiles = new Map<string, RelationshipFile>();
export const factFile = (type: string) => {
  let file = factFiles.get(type);
  if (!file) factFiles.set(type, (file = relationships(type, 'Entity', 'Entity', FACT_COLUMNS)));
  return file;
};
