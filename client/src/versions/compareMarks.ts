import type { DiffResponse } from '@warrant/shared';
import type { CompareMarks } from '../session/compare.ts';

/** The marks the views show for a diff from a version (`against`) to now. */
export function compareMarks(against: string, diff: DiffResponse): CompareMarks {
  const claims = new Map<string, 'added' | 'changed'>();
  for (const c of diff.claims.added) claims.set(c.id, 'added');
  for (const c of diff.claims.changed) claims.set(c.id, 'changed');
  return { against, claims, removed: diff.claims.removed };
}

/** "3 added, 1 removed, 2 changed", or "no change". */
export function describeChanges(c: { added: number; removed: number; changed: number }): string {
  const parts = [
    c.added ? `${c.added} added` : '',
    c.removed ? `${c.removed} removed` : '',
    c.changed ? `${c.changed} changed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no change';
}
