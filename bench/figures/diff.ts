import { diffBench } from '../diff.ts';
import type { Figure } from '../lib/figure.ts';

export const diffFigure: Figure<{ claims: number; repeats: number }> = {
  name: 'diff',
  about: 'comparing two versions of a 10,000-claim map',
  options: ({ quick }) => ({ claims: quick ? 2_000 : 10_000, repeats: quick ? 3 : 9 }),
  async run(options, { out, results }) {
    const r = diffBench(options);
    out(
      `\ndiff: two versions of a ${r.claims}-claim map, ${r.changes.added} added, ${r.changes.removed} removed, ${r.changes.changed} changed (ms, median of repeats; loading both snapshots ${r.loadMs} ms)`,
    );
    out(`  diffMaps ${String(r.medianMs).padStart(6)}   (${r.samplesMs.join(', ')})`);
    results.diff = r;
  },
};
