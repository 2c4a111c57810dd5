import { compareCodePoints } from './code-points';
import { DocumentPlan } from './plan';

/** One stance as a StancePair keeps it (cypher/ingest/13-stance-aggregates.cypher). */
export interface PairClaim {
  claimId: string;
  docId: string;
  kind: string;
  polarity: string;
  evidenceCount: number;
}

/** An actor → target pair a transaction touches, with the stances the documents it writes give it. */
export interface PairRow {
  actorId: string;
  targetId: string;
  claims: PairClaim[];
}

const pairKey = (actorId: string, targetId: string) => JSON.stringify([actorId, targetId]);

/**
 * The pairs that 13-stance-aggregates rewrites for these plans: every pair their claims make, with those
 * claims (sorted by claim id), and every pair the documents' stored versions had (`cleared`, from
 * 02-clear-document), so that a pair a document no longer makes loses its entries. Sorted by actor, then
 * target (code points, as Cypher orders strings): the order in which the statement locks them.
 */
export function stancePairs(
  plans: DocumentPlan[],
  cleared: { actorId: string; targetId: string }[] = [],
): PairRow[] {
  const pairs = new Map<string, PairRow>();
  const pair = (actorId: string, targetId: string) => {
    const key = pairKey(actorId, targetId);
    let row = pairs.get(key);
    if (!row) pairs.set(key, (row = { actorId, targetId, claims: [] }));
    return row;
  };
  for (const { actorId, targetId } of cleared) pair(actorId, targetId);
  for (const plan of plans) {
    for (const c of plan.claims) {
      pair(c.by, c.on).claims.push({
        claimId: c.id,
        docId: plan.document.id,
        kind: c.kind,
        polarity: c.polarity,
        evidenceCount: c.evidence.length,
      });
    }
  }
  const rows = [...pairs.values()];
  for (const row of rows) row.claims.sort((a, b) => compareCodePoints(a.claimId, b.claimId));
  return rows.sort(
    (a, b) => compareCodePoints(a.actorId, b.actorId) || compareCodePoints(a.targetId, b.targetId),
  );
}

/** Labels a claim carries besides Claim (10-claims): counts by kind and polarity read the label counts. */
export const claimKindLabel = (kind: string) => `ClaimKind_${kind}`;
export const claimPolarityLabel = (polarity: string) => `ClaimPolarity_${polarity}`;

/**
 * The days a document's stances were stated on (a claim's date, else the document's publishedAt: both ISO
 * dates), each with how many: sorted lists, null at none, stored on the Document (stanceDays,
 * stanceDayCounts) so that 13-stance-aggregates can take a replaced version's share out of the StanceDays.
 */
export function stanceDays(plan: DocumentPlan): { days: string[]; counts: number[] } | null {
  const byDay = new Map<string, number>();
  for (const c of plan.claims) {
    const day = c.date ?? plan.document.publishedAt;
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  if (!byDay.size) return null;
  const days = [...byDay.keys()].sort(compareCodePoints);
  return { days, counts: days.map((d) => byDay.get(d)!) };
}
