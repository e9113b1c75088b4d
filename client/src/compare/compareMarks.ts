import type { CompareReport } from '@warrant/shared';
import type { ClaimMark, CompareMarks, ReasonMark } from '../session/compare.ts';

/** The node id of a missing reference claim's ghost card: never one of the map's own ids. */
export const missingGhostId = (referenceClaim: string): string => `reference:${referenceClaim}`;

/**
 * The marks the canvas shows for a comparison with a reference: each claim of this map
 * matched or extra, the reference's missing claims as ghost cards, and this map's reasons
 * that are turned around or extra.
 */
export function referenceMarks(against: string, report: CompareReport): CompareMarks {
  const claims = new Map<string, ClaimMark>();
  for (const m of report.claims.matched) claims.set(m.student, 'matched');
  for (const c of report.claims.extra) claims.set(c.id, 'extra');
  const reasons = new Map<string, ReasonMark>();
  for (const p of report.relations.disagree) reasons.set(p.student, 'turned');
  for (const r of report.relations.extra) reasons.set(r.id, 'extra');
  return {
    against,
    with: 'reference',
    claims,
    removed: report.claims.missing.map((c) => ({ id: missingGhostId(c.id), text: c.text })),
    reasons,
  };
}
