import type * as Y from 'yjs';
import type { CopyFigures } from '../protocol/classroomApi.ts';
import { mapStats, unsupportedClaims } from '../queries.ts';
import { openThreadCounts } from '../review/queries.ts';

/**
 * What the instructor's dashboard counts in a student's copy: its claims, reasons and
 * citations (the records `mapStats` counts), the claims nothing supports yet (the model's
 * `unsupportedClaims` check), and the open comment threads of its review document.
 */
export function copyFigures(map: Y.Doc, review: Y.Doc | null): CopyFigures {
  const stats = mapStats(map);
  let openComments = 0;
  if (review) for (const n of openThreadCounts(review).values()) openComments += n;
  return {
    claims: stats.claims,
    reasons: stats.relations,
    citations: stats.evidence,
    unsupported: unsupportedClaims(map).length,
    openComments,
  };
}
