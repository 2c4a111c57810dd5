import neo4j, { ProfiledPlan } from 'neo4j-driver';
import { Database, toCypherParams } from '../../src/db/database';

export interface Operator {
  operator: string;
  details: string;
  rows: number;
  dbHits: number;
  depth: number;
}

export interface QueryProfile {
  name: string;
  params: Record<string, unknown>;
  dbHits: number;
  rows: number;
  ms: number;
  /** NodeByLabelScan / AllNodesScan / relationship scans: each reads every node (or edge) of a kind. */
  scans: Operator[];
  /** Scans over a label that has a property index the query filters on nearby: where an index fits. */
  scansWhereAnIndexFits: Operator[];
  operators: Operator[];
  /** Set when the statement failed (e.g. over the transaction memory limit): a finding, not a crash. */
  error?: string;
}

const SCAN =
  /^(NodeByLabelScan|AllNodesScan|DirectedAllRelationshipsScan|UndirectedAllRelationshipsScan|DirectedRelationshipTypeScan|UndirectedRelationshipTypeScan)/;

function flatten(plan: ProfiledPlan, depth = 0, out: Operator[] = []): Operator[] {
  const args = plan.arguments as Record<string, unknown>;
  out.push({
    operator: plan.operatorType.replace(/@.*$/, ''),
    details: String(args.Details ?? args.details ?? ''),
    rows: Number(plan.rows),
    dbHits: Number(plan.dbHits),
    depth,
  });
  for (const child of plan.children) flatten(child, depth + 1, out);
  return out;
}

/** Labels with a range index and the property it covers, e.g. Claim → [docId, kind, polarity, id]. */
export async function indexedProperties(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.read({
    name: 'bench/indexes',
    text: "SHOW INDEXES YIELD type, entityType, labelsOrTypes, properties WHERE type = 'RANGE' AND entityType = 'NODE' RETURN labelsOrTypes[0] AS label, collect(properties[0]) AS properties",
  });
  return new Map(rows.map((r) => [String(r.label), r.properties as string[]]));
}

/**
 * PROFILEs one statement. Reads run in a read transaction; writes (ingest statements) in a write
 * transaction that is rolled back, so that profiling changes nothing.
 */
export async function profile(
  db: Database,
  name: string,
  text: string,
  params: Record<string, unknown>,
  indexes: Map<string, string[]>,
  mode: 'READ' | 'WRITE' = 'READ',
): Promise<QueryProfile> {
  const session = db.driver.session({
    database: db.name,
    defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
  });
  const tx = session.beginTransaction({ timeout: 600_000 });
  const started = Date.now();
  try {
    const result = await tx.run(`PROFILE ${text}`, toCypherParams(params) as Record<string, unknown>);
    const ms = Date.now() - started;
    const plan = result.summary.profile;
    if (!plan) throw new Error(`${name}: no profile returned`);
    const operators = flatten(plan);
    const scans = operators.filter((o) => SCAN.test(o.operator));
    // A scan that produced no rows is a branch not taken (stances.cypher's anchors): it cost nothing.
    const fits = scans.filter((o) => {
      if (o.rows === 0) return false;
      const label = /:(\w+)/.exec(o.details)?.[1];
      const props = label ? (indexes.get(label) ?? []) : [];
      // The variable's own predicates appear in the query as "<label> {prop" or "<var>.prop"; a scan on an
      // indexed label whose indexed property the query names is worth a look.
      const variable = /^(\w+)/.exec(o.details)?.[1];
      return props.some((p) =>
        new RegExp(`(${variable}\\.${p}\\b|:${label}\\s*\\{[^}]*\\b${p}\\b)`).test(text),
      );
    });
    return {
      name,
      params,
      dbHits: operators.reduce((n, o) => n + o.dbHits, 0),
      rows: result.records.length,
      ms,
      scans,
      scansWhereAnIndexFits: fits,
      operators,
    };
  } finally {
    await tx.rollback().catch(() => {});
    await session.close();
  }
}
