import { compareBench } from '../compare.ts';
import type { Figure } from '../lib/figure.ts';

export const compareFigure: Figure<{ claims: number; repeats: number }> = {
  name: 'compare',
  about: "a student's 1,000-claim map compared with a reference map",
  options: ({ quick }) => ({ claims: 1_000, repeats: quick ? 3 : 9 }),
  async run(options, { out, results }) {
    const r = compareBench(options);
    const f = r.found;
    out(
      `\ncompare: a student's ${r.claims}-claim map with a reference (${f.matched} matched, ${f.byText} of them by words; ${f.missing} missing, ${f.extra} extra, ${f.disagree} reasons turned) (ms, median of repeats)`,
    );
    out(
      `  compareMaps ${String(r.medianMs).padStart(6)}   (${r.samplesMs.join(', ')}; CPU time ${r.cpuMs} ms)`,
    );
    results.compare = r;
  },
};
