import type { CopyRow } from '@warrant/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { COLUMNS, nextSort, sortCopies, type Sort } from './copyTable.ts';
import { Sparkline } from './Sparkline.tsx';
import { shortWhen } from './time.ts';

/** What the table needs from the dashboard for each row's actions. */
export interface RowActions {
  /** The copy's URL, opened with the instructor token (review tools and grading beside it). */
  openHref: (row: CopyRow) => string;
  open: (row: CopyRow) => void;
  grade: (row: CopyRow) => void;
  release: (row: CopyRow) => void;
  /** While a release is on its way, its row's button waits. */
  releasing: ReadonlySet<string>;
  /** More actions per row, from features beside the classroom (see `DashboardPage`). */
  extra?: (row: CopyRow) => ReactNode;
}

function ariaSort(sort: Sort, key: Sort['key']): 'ascending' | 'descending' | 'none' {
  return sort.key === key ? sort.direction : 'none';
}

/**
 * Every copy of the assignment as a table: each column's heading is a button that sorts by
 * it (again reverses), with `aria-sort` on the heading cell; each row ends with its actions.
 */
export function CopyTable({ rows, actions }: { rows: readonly CopyRow[]; actions: RowActions }) {
  const [sort, setSort] = useState<Sort>({ key: 'name', direction: 'ascending' });
  const sorted = useMemo(() => sortCopies(rows, sort), [rows, sort]);
  const sortedBy = COLUMNS.find((c) => c.key === sort.key)?.label ?? '';
  return (
    <table className="copy-table">
      <caption>
        {rows.length} {rows.length === 1 ? 'copy' : 'copies'}, sorted by {sortedBy.toLowerCase()} (
        {sort.direction})
      </caption>
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              scope="col"
              aria-sort={ariaSort(sort, c.key)}
              className={c.numeric ? 'numeric' : undefined}
            >
              <button type="button" onClick={() => setSort(nextSort(sort, c.key))}>
                {c.label}
                <span aria-hidden="true" className="sort-mark">
                  {sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                </span>
              </button>
            </th>
          ))}
          <th scope="col">Activity</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.id}>
            <th scope="row">
              {row.name}
              {row.group && row.group !== row.name ? (
                <span className="hint"> ({row.group})</span>
              ) : null}
            </th>
            <td className="numeric">
              {row.members.length}
              {row.group !== null && row.members.length > 0 ? (
                <span className="members hint">{row.members.map((m) => m.name).join(', ')}</span>
              ) : null}
            </td>
            <td className="numeric">{row.figures.claims}</td>
            <td className="numeric">{row.figures.reasons}</td>
            <td className="numeric">{row.figures.citations}</td>
            <td className="numeric">{row.figures.unsupported}</td>
            <td className="numeric">{row.figures.openComments}</td>
            <td>{row.lastActivity ? shortWhen(row.lastActivity) : 'None yet'}</td>
            <td className="numeric">
              {row.grade ? `${row.grade.total} / ${row.grade.max}` : 'Not graded'}
            </td>
            <td>{row.releasedAt ? `Released ${shortWhen(row.releasedAt)}` : 'Not released'}</td>
            <td>
              <Sparkline activity={row.activity} />
            </td>
            <td>
              <div className="row-actions">
                <a
                  href={actions.openHref(row)}
                  aria-label={`Open ${row.name}’s copy`}
                  onClick={(e) => {
                    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    actions.open(row);
                  }}
                >
                  Open
                </a>
                <button
                  type="button"
                  aria-label={`Grade ${row.name}`}
                  onClick={() => actions.grade(row)}
                >
                  Grade…
                </button>
                <button
                  type="button"
                  aria-label={`Release feedback to ${row.name}`}
                  disabled={actions.releasing.has(row.id)}
                  onClick={() => actions.release(row)}
                >
                  {row.releasedAt ? 'Release again' : 'Release'}
                </button>
                {actions.extra?.(row)}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
