import { editPath } from '../editpath.ts';
import type { Figure } from '../lib/figure.ts';
import { round } from '../lib/stats.ts';

export const editPathFigure: Figure<{ edits: number }> = {
  name: 'editpath',
  about: "where one edit's time goes in the relay, fsync included",
  options: ({ quick }) => ({ edits: quick ? 100 : 400 }),
  async run({ edits }, { out, results }) {
    const r = await editPath({ edits, others: 9, gapMs: 20 });
    results.editPath = r;
    out(
      `\nedit path: one writer, 9 others, in process on a SQLite file; ${edits} edits 20 ms apart (ms)`,
    );
    out('  stage                         p50     p95     p99');
    const row = (name: string, s: { p50: number; p95: number; p99: number }) =>
      out(
        `  ${name.padEnd(26)} ${[s.p50, s.p95, s.p99].map((x) => String(round(x, 3)).padStart(7)).join(' ')}`,
      );
    row('ours: receive → commit', r.beforeCommitMs);
    row('ours: commit (with fsync)', r.commitMs);
    row('ours: commit → last send', r.afterCommitMs);
    row('ours: receive → last send', r.totalMs);
    row('reference: the same', r.referenceMs);
    row('the disk: 16 KiB fdatasync', r.fsyncMs);
  },
};
