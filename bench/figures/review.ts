import type { Figure } from '../lib/figure.ts';
import { median } from '../lib/stats.ts';
import { reviewOpenBench } from '../review.ts';
import { skippedWithoutChromium } from './chromium.ts';

export const reviewFigure: Figure<{ claims: number; threads: number; repeats: number }> = {
  name: 'review',
  about: 'opening a map with 1,000 comment threads vs none',
  options: ({ quick }) => ({
    claims: 1_000,
    threads: quick ? 200 : 1_000,
    repeats: quick ? 2 : 5,
  }),
  async run(options, report) {
    if (skippedWithoutChromium('review', report)) return;
    const { out, results } = report;
    const r = await reviewOpenBench(options);
    out(
      `\nreview: open a ${r.claims}-claim map with ${r.threads} comment threads vs none, until "Add claim" focuses an editor (ms, alternating)`,
    );
    out(
      `  without threads: interactive median ${median(r.plain.interactiveMs)} (${r.plain.interactiveMs.join(', ')}), first cards ${median(r.plain.firstCardsMs)}`,
    );
    out(
      `  with threads:    interactive median ${median(r.reviewed.interactiveMs)} (${r.reviewed.interactiveMs.join(', ')}), first cards ${median(r.reviewed.firstCardsMs)}`,
    );
    out(`  ratio ${r.ratio}× (issue 14: at most 1.1×)`);
    results.review = r;
  },
};
