import type { CopyRow } from '@warrant/shared';

/**
 * The dashboard's columns, what each sorts by, and the sorting itself: pure, so the order a
 * column gives is tested without a page.
 */

export type SortKey =
  | 'name'
  | 'members'
  | 'claims'
  | 'reasons'
  | 'citations'
  | 'unsupported'
  | 'openComments'
  | 'lastActivity'
  | 'grade'
  | 'released';

export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** Each column's heading, in the table's order. */
export const COLUMNS: readonly { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Student or group', numeric: false },
  { key: 'members', label: 'Members', numeric: true },
  { key: 'claims', label: 'Claims', numeric: true },
  { key: 'reasons', label: 'Reasons', numeric: true },
  { key: 'citations', label: 'Citations', numeric: true },
  { key: 'unsupported', label: 'Unsupported', numeric: true },
  { key: 'openComments', label: 'Open comments', numeric: true },
  { key: 'lastActivity', label: 'Last activity', numeric: true },
  { key: 'grade', label: 'Grade', numeric: true },
  { key: 'released', label: 'Released', numeric: true },
];

/** What a row sorts by in a column; null sorts last whichever the direction. */
function sortValue(row: CopyRow, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return row.name.toLocaleLowerCase();
    case 'members':
      return row.members.length;
    case 'lastActivity':
      return row.lastActivity ? Date.parse(row.lastActivity) : null;
    case 'grade':
      return row.grade ? row.grade.total : null;
    case 'released':
      return row.releasedAt ? Date.parse(row.releasedAt) : null;
    default:
      return row.figures[key];
  }
}

/**
 * The rows in a column's order; ties keep the name order, so a live refresh does not shuffle
 * rows that compare equal. Rows without a value (no grade yet, no activity) go last.
 */
export function sortCopies(rows: readonly CopyRow[], { key, direction }: Sort): CopyRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (a: CopyRow, b: CopyRow) =>
    a.name.localeCompare(b.name, undefined, { numeric: true }) || a.id.localeCompare(b.id);
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
      return byName(a, b);
    }
    const order =
      typeof va === 'string' && typeof vb === 'string'
        ? va.localeCompare(vb, undefined, { numeric: true })
        : (va as number) - (vb as number);
    return order * sign || byName(a, b);
  });
}

/** Clicking a column's heading sorts by it (numbers and times largest first); again reverses. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const numeric = COLUMNS.find((c) => c.key === key)?.numeric ?? false;
  return { key, direction: numeric ? 'descending' : 'ascending' };
}
