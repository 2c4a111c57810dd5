import { ServiceError } from '../../domain/errors';
import { FactEntry, factRows } from '../facts';
import { writtenWith } from '../loader';
import { DocumentPlan, RegistryRow } from '../plan';
import { compareCodePoints } from '../code-points';
import { stanceDays, stancePairs } from '../stance-aggregates';
import {
  DOCUMENT,
  HEADING,
  SENTENCE,
  claimFile,
  STANCE_PAIR,
  STANCE_DAY,
  entityFile,
  PART_OF_SENTENCE,
  PART_OF_HEADING,
  IN_SECTION,
  NEXT,
  DESCRIBES,
  MENTIONS,
  BY,
  ON,
  CITES,
  RESPONDS_TO,
  EVIDENCE,
  STANCE,
  factFile,
  GraphSink,
  NodeFile,
  RelationshipFile,
  Value,
} from './files';

export type { BulkFile, Column, ColumnType, GraphSink, NodeFile, RelationshipFile, Value } from './files';

/**
 * The graph the transactional loader (loader.ts, cypher/ingest/*.cypher) leaves after loading these
 * documents into an empty database, computed here as rows for `neo4j-admin database import`: the same
 * nodes, relationships, property values and property types, so that graphChecksum (testkit/checksum.ts)
 * cannot tell the two apart. Where a statement derives a value in Cypher (an entity's name from the earliest
 * document that declares it, a fact's lists sorted, its date from the earliest dated report), the rule is
 * the statement's, restated in TypeScript; the equality test (tests/integration/bulk-import.test.ts) keeps
 * the two together.
 */

/** What the bulk path loads: the validated plans and every registry they were checked against, in order. */
export interface BulkInput {
  plans: DocumentPlan[];
  registries: RegistryRow[][];
}

export interface GraphCounts {
  documents: number;
  nodes: number;
  relationships: number;
}

export { compareCodePoints };

/** size() of a Cypher string: code points. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const aliasText = (aliases: string[]) => aliases.map((a) => `${a} | `).join('');

/** The kind each entity id gets; a second kind for an id is the CONFLICT the loader would meet. */
function entityKinds(input: BulkInput): Map<string, string> {
  const kinds = new Map<string, { kind: string; where: string }>();
  const give = (id: string, kind: string, where: string) => {
    const seen = kinds.get(id);
    if (!seen) kinds.set(id, { kind, where });
    else if (seen.kind !== kind)
      throw new ServiceError(
        'CONFLICT',
        `entity kinds conflict: ${id} is ${seen.kind} in ${seen.where} and ${kind} in ${where}`,
        { conflicts: [{ id, kinds: [seen.kind, kind] }] },
      );
  };
  input.registries.forEach((rows, i) => rows.forEach((r) => give(r.id, r.kind, `registry ${i + 1}`)));
  for (const plan of input.plans) for (const e of plan.entities) give(e.id, e.kind, plan.document.id);
  return new Map([...kinds].map(([id, { kind }]) => [id, kind]));
}

/**
 * Emits every node and relationship of the loaded graph to sink. Refuses, as loadPlans does, a document
 * given twice (BAD_USER_INPUT) and an entity given two kinds (CONFLICT), before emitting anything.
 */
export function buildGraph(input: BulkInput, sink: GraphSink): GraphCounts {
  const { plans } = input;
  const ids = new Set<string>();
  for (const plan of plans) {
    if (ids.has(plan.document.id))
      throw new ServiceError('BAD_USER_INPUT', `document ${plan.document.id} is given twice`);
    ids.add(plan.document.id);
  }
  const kinds = entityKinds(input);
  const counts: GraphCounts = { documents: plans.length, nodes: 0, relationships: 0 };
  const node = (file: NodeFile, values: Value[]) => {
    counts.nodes++;
    sink.row(file, values);
  };
  const edge = (file: RelationshipFile, values: Value[]) => {
    counts.relationships++;
    sink.row(file, values);
  };

  // 00-registry: every registry's entities, then each document's; the last one written of an id stands.
  const registry = new Map<string, RegistryRow>();
  for (const rows of input.registries) for (const row of rows) registry.set(row.id, row);
  for (const plan of plans) for (const row of plan.registry) registry.set(row.id, row);

  // 12-entity-properties: a local entity's declarations, earliest document first.
  const byDate = [...plans].sort(
    (a, b) =>
      compareCodePoints(a.document.publishedAt, b.document.publishedAt) ||
      compareCodePoints(a.document.id, b.document.id),
  );
  const declared = new Map<string, DocumentPlan['entities']>();
  for (const plan of byDate) {
    for (const e of plan.entities) {
      if (registry.has(e.id)) continue;
      const list = declared.get(e.id);
      if (list) list.push(e);
      else declared.set(e.id, [e]);
    }
  }

  // 13-stance-aggregates: an entity's stances made and received, absent at none, and its degree.
  const made = new Map<string, number>();
  const received = new Map<string, number>();
  for (const plan of plans) {
    for (const c of plan.claims) {
      made.set(c.by, (made.get(c.by) ?? 0) + 1);
      received.set(c.on, (received.get(c.on) ?? 0) + 1);
    }
  }
  // An entity's degree over the stances and facts (0 at none): a relationship counts once at each end.
  const degree = new Map<string, number>();
  const touch = (from: string, to: string) => {
    degree.set(from, (degree.get(from) ?? 0) + 1);
    if (to !== from) degree.set(to, (degree.get(to) ?? 0) + 1);
  };
  for (const plan of plans) for (const c of plan.claims) touch(c.by, c.on);
  const facts = factRows(plans);
  for (const fact of facts) touch(fact.from, fact.to);
  const stances = (id: string) => [made.get(id) ?? null, received.get(id) ?? null, degree.get(id) ?? 0];

  for (const row of registry.values()) {
    const kind = kinds.get(row.id)!;
    node(entityFile(kind), [
      row.id,
      kind,
      true,
      row.name,
      row.aliases,
      aliasText(row.aliases),
      row.description,
      row.iso3166,
      row.wikidata,
      null,
      null,
      null,
      ...stances(row.id),
    ]);
  }
  for (const [id, declarations] of declared) {
    const kind = kinds.get(id)!;
    const first = declarations[0];
    const described = declarations.find((x) => x.description !== null);
    const dated = declarations.find((x) => x.date !== null);
    const aliases = [...new Set(declarations.flatMap((x) => x.aliases))].sort(compareCodePoints);
    node(entityFile(kind), [
      id,
      kind,
      null,
      first.name,
      aliases,
      aliasText(aliases),
      described?.description ?? null,
      null,
      null,
      dated?.date ?? null,
      dated?.dateText ?? null,
      dated?.dateInferred ?? null,
      ...stances(id),
    ]);
  }

  const stancesOn = new Map<string, number>();
  for (const plan of plans) {
    const doc = plan.document;
    const docId = doc.id;
    const days = stanceDays(plan);
    node(DOCUMENT, [
      docId,
      doc.title,
      doc.source,
      doc.url,
      doc.publishedAt,
      doc.language,
      doc.sha256,
      writtenWith(plan),
      doc.text,
      doc.annotation,
      codePoints(doc.text),
      plan.claims.length,
      days?.days ?? null,
      days?.counts ?? null,
    ]);
    for (const [i, day] of (days?.days ?? []).entries())
      stancesOn.set(day, (stancesOn.get(day) ?? 0) + days!.counts[i]);
    for (const h of plan.headings) {
      node(HEADING, [h.id, docId, h.index, h.text, h.start, h.end]);
      edge(PART_OF_HEADING, [h.id, docId]);
    }
    for (const s of plan.sentences) {
      node(SENTENCE, [s.id, docId, s.index, s.paragraph, s.text, s.start, s.end]);
      edge(PART_OF_SENTENCE, [s.id, docId]);
      if (s.headingId !== null) edge(IN_SECTION, [s.id, s.headingId]);
      if (s.previousId !== null) edge(NEXT, [s.previousId, s.id]);
    }
    for (const e of plan.entities) {
      edge(DESCRIBES, [
        docId,
        e.id,
        e.aliases,
        e.registered ? null : e.name,
        e.description,
        e.date,
        e.dateText,
        e.dateInferred,
        e.method !== 'hand' ? e.method : null,
        e.confidence,
      ]);
    }
    for (const m of plan.mentions)
      edge(MENTIONS, [m.sentenceId, m.entityId, m.start, m.end, m.surface, docId, m.entityId]);
    for (const c of plan.claims) {
      node(claimFile(c.kind, c.polarity), [
        c.id,
        docId,
        c.kind,
        c.polarity,
        c.cameo,
        c.confidence,
        c.method,
        c.date,
        c.dateText,
        c.dateInferred,
      ]);
      edge(BY, [c.id, c.by]);
      edge(ON, [c.id, c.on]);
      edge(STANCE, [c.by, c.on, c.id, c.kind, c.polarity, docId, c.evidence.length, c.confidence, c.method]);
      for (const cited of c.cites) edge(CITES, [c.id, cited]);
      for (const ev of c.evidence) edge(EVIDENCE, [c.id, ev.sentenceId, ev.start, ev.end, ev.quote]);
      if (c.respondsTo !== null) edge(RESPONDS_TO, [c.id, c.respondsTo]);
    }
  }

  for (const day of [...stancesOn.keys()].sort(compareCodePoints))
    node(STANCE_DAY, [day, day, stancesOn.get(day)!]);

  for (const pair of stancePairs(plans)) {
    const { actorId, targetId, claims } = pair;
    node(STANCE_PAIR, [
      JSON.stringify([actorId, targetId]),
      actorId,
      targetId,
      claims.map((c) => c.claimId),
      claims.map((c) => c.docId),
      claims.map((c) => c.kind),
      claims.map((c) => c.polarity),
      claims.map((c) => c.evidenceCount),
    ]);
  }

  // 08-facts: one relationship per (from, type, to, about), its reports sorted as the statement sorts them.
  const publishedAt = new Map(plans.map((p) => [p.document.id, p.document.publishedAt]));
  for (const fact of facts) {
    const entries = [...fact.entries].sort(
      (a, b) =>
        compareCodePoints(a.docId, b.docId) ||
        a.start - b.start ||
        a.end - b.end ||
        compareCodePoints(a.sentenceId, b.sentenceId),
    );
    const reports = [...entries].sort(
      (a: FactEntry, b: FactEntry) =>
        compareCodePoints(publishedAt.get(a.docId)!, publishedAt.get(b.docId)!) ||
        compareCodePoints(a.docId, b.docId) ||
        a.start - b.start ||
        a.end - b.end,
    );
    const first = reports[0];
    const dated = reports.find((e) => e.date !== '');
    edge(factFile(fact.type), [
      fact.from,
      fact.to,
      fact.about,
      entries.map((e) => e.docId),
      entries.map((e) => e.sentenceId),
      entries.map((e) => e.quote),
      entries.map((e) => e.start),
      entries.map((e) => e.end),
      entries.map((e) => e.date),
      entries.map((e) => e.dateText),
      entries.map((e) => e.dateInferred),
      entries.map((e) => e.confidence),
      entries.map((e) => e.method),
      first.confidence,
      first.method,
      dated?.date ?? null,
      dated ? dated.dateText : null,
      dated?.dateInferred ? true : null,
    ]);
  }
  return counts;
}
