import type { Rubric } from '@warrant/shared';
import type { CopyRecord, MemberRecord } from './AssignmentStore.ts';
import { gradeOf } from './Grading.ts';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A cell a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
 * return before one) is prefixed with an apostrophe first (OWASP's CSV injection advice):
 * student names and feedback are text people typed.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The grades of an assignment as CSV: a header, then one row per student (group members each
 * get their group copy's grade), with each criterion's score, the total, the maximum, the
 * feedback and when it was released. Lines end in CRLF, as RFC 4180 has it.
 */
export function gradesCsv(
  rubric: Rubric,
  copies: readonly { copy: CopyRecord; members: readonly MemberRecord[] }[],
): string {
  const header = [
    'student',
    'group',
    'copy',
    ...rubric.criteria.map((c) => `${c.title} (${c.points})`),
    'total',
    'max',
    'feedback',
    'released',
  ];
  const lines = [header.map(csvCell).join(',')];
  const max = rubric.criteria.reduce((sum, c) => sum + c.points, 0);
  for (const { copy, members } of copies) {
    const grade = copy.grade ? gradeOf(rubric, copy.grade) : null;
    for (const member of members) {
      lines.push(
        [
          member.name,
          copy.group,
          copy.mapId,
          ...rubric.criteria.map((c) => grade?.scores[c.id] ?? null),
          grade?.total ?? null,
          max,
          grade?.feedback ?? null,
          copy.releasedAt === null ? null : new Date(copy.releasedAt).toISOString(),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
