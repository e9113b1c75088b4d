import type { ImportSummary } from '@warrant/shared';
import { formatLabel } from './importFormats.ts';

/** An import's report as the dialog shows it: what came in, what did not and why. */
export interface ImportReportView {
  /** "Argdown: 3 claims, 2 relations, no passages." */
  summary: string;
  /** What the map has no place for, each with where it was in the file. */
  leftOut: ImportSummary['notes'];
  /** What the map holds only roughly. */
  approximated: ImportSummary['notes'];
  /** Passages whose words differ slightly from their quote. */
  fuzzy: number;
  /** Passages not found in their source, kept with their quotes. */
  orphaned: ImportSummary['orphaned'];
}

export function importReportView(report: ImportSummary): ImportReportView {
  const counts = [
    count(report.claims, 'claim'),
    count(report.relations, 'relation'),
    count(report.passages, 'passage'),
  ].join(', ');
  return {
    summary: `${formatLabel(report.format)}: ${counts}.`,
    leftOut: report.notes.filter((n) => n.kind === 'dropped'),
    approximated: report.notes.filter((n) => n.kind === 'approximated'),
    fuzzy: report.fuzzy,
    orphaned: report.orphaned,
  };
}

/** "no claims", "1 claim", "3 claims". */
export function count(n: number, noun: string): string {
  return `${n === 0 ? 'no' : n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
