import type { CopyRow } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import { nextSort, sortCopies } from './copyTable.ts';

function row(name: string, claims: number, extra: Partial<CopyRow> = {}): CopyRow {
  return {
    id: `copy-${name}`,
    title: name,
    name,
    group: null,
    members: [{ name, joinedAt: '2026-01-01T00:00:00.000Z' }],
    figures: { claims, reasons: 0, citations: 0, unsupported: 0, openComments: 0 },
    lastActivity: null,
    activity: { from: '2026-01-01T00:00:00.000Z', bucketMinutes: 10, counts: [] },
    grade: null,
    releasedAt: null,
    ...extra,
  };
}

const names = (rows: CopyRow[]) => rows.map((r) => r.name);

describe('the dashboard table', () => {
  const rows = [row('Cleo', 3), row('ada', 7), row('Bo', 3), row('Group 10', 1), row('Group 2', 1)];

  it('sorts names without regard to case, and numbers within them by value', () => {
    expect(names(sortCopies(rows, { key: 'name', direction: 'ascending' }))).toEqual([
      'ada',
      'Bo',
      'Cleo',
      'Group 2',
      'Group 10',
    ]);
  });

  it('sorts by a figure either way, ties in name order both ways', () => {
    expect(names(sortCopies(rows, { key: 'claims', direction: 'descending' }))).toEqual([
      'ada',
      'Bo',
      'Cleo',
      'Group 2',
      'Group 10',
    ]);
    expect(names(sortCopies(rows, { key: 'claims', direction: 'ascending' }))).toEqual([
      'Group 2',
      'Group 10',
      'Bo',
      'Cleo',
      'ada',
    ]);
  });

  it('puts copies without a grade or activity last, whichever the direction', () => {
    const grade = (total: number) => ({
      scores: {},
      feedback: '',
      total,
      max: 10,
      gradedAt: '2026-01-02T00:00:00.000Z',
    });
    const graded = [
      row('A', 0),
      row('B', 0, { grade: grade(4) }),
      row('C', 0, { grade: grade(9) }),
    ];
    expect(names(sortCopies(graded, { key: 'grade', direction: 'ascending' }))).toEqual([
      'B',
      'C',
      'A',
    ]);
    expect(names(sortCopies(graded, { key: 'grade', direction: 'descending' }))).toEqual([
      'C',
      'B',
      'A',
    ]);
  });

  it('starts a new column with the largest numbers or the first names, and flips on a second click', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'claims')).toEqual({
      key: 'claims',
      direction: 'descending',
    });
    expect(nextSort({ key: 'claims', direction: 'descending' }, 'name')).toEqual({
      key: 'name',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name').direction).toBe('descending');
  });
});
