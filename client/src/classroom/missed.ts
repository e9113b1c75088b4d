import type { AssignmentComparisonResponse } from '@warrant/shared';

/** One thing of the reference that some copies miss or turn around, in words. */
export interface MissedLine {
  readonly key: string;
  /** How many copies miss it (or turn it around). */
  readonly count: number;
  readonly text: string;
}

type Comparison = Pick<AssignmentComparisonResponse, 'copies' | 'claims' | 'relations'>;

/**
 * The reference's claims and reasons that copies miss or turn around, most often first, as
 * sentences for the dashboard: "7 of 12 groups miss the rebuttal of “…” by “…”".
 * `noun` names the copies ("groups", "students").
 */
export function missedLines(result: Comparison, noun: string): MissedLine[] {
  const text = new Map(result.claims.map((c) => [c.id, c.text]));
  const quote = (id: string) => `“${text.get(id) ?? 'a claim'}”`;
  const of = (n: number) => `${n} of ${result.copies} ${noun}`;
  const reason = (r: Comparison['relations'][number]) => {
    const what = r.kind === 'rebut' ? 'rebuttal' : 'support';
    const target = 'claim' in r.target ? quote(r.target.claim) : 'another reason';
    const by = r.premises.map(quote).join(' and ');
    return `the ${what} of ${target}${by ? ` by ${by}` : ''}`;
  };
  const lines: MissedLine[] = [];
  for (const c of result.claims) {
    if (c.missedBy.length > 0) {
      lines.push({
        key: `claim:${c.id}`,
        count: c.missedBy.length,
        text: `${of(c.missedBy.length)} miss the claim ${quote(c.id)}`,
      });
    }
  }
  for (const r of result.relations) {
    if (r.missedBy.length > 0) {
      lines.push({
        key: `missed:${r.id}`,
        count: r.missedBy.length,
        text: `${of(r.missedBy.length)} miss ${reason(r)}`,
      });
    }
    if (r.disagreedBy.length > 0) {
      lines.push({
        key: `turned:${r.id}`,
        count: r.disagreedBy.length,
        text: `${of(r.disagreedBy.length)} turn around ${reason(r)}`,
      });
    }
  }
  return lines.sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
