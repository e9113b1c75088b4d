import type { Figure } from '../lib/figure.ts';
import { refreshBench } from '../refresh.ts';
import { skippedWithoutChromium } from './chromium.ts';

export const refreshFigure: Figure<{ claims: number; edits: number }> = {
  name: 'refresh',
  about: "a remote edit's cost in the browser's read models",
  options: ({ quick }) => ({ claims: 1_000, edits: quick ? 5 : 15 }),
  async run(options, report) {
    if (skippedWithoutChromium('refresh', report)) return;
    const { out, results } = report;
    const r = await refreshBench(options);
    out(
      `\nrefresh (Chromium): a stock peer adds a claim + reason to a ${r.claims}-claim map; time in the client's read models per edit (ms, median of ${r.edits})`,
    );
    for (const [view, v] of Object.entries(r.views)) {
      const parts = Object.entries(v.byMeasure)
        .map(([k, ms]) => `${k.replace('warrant:refresh:', '')} ${ms}`)
        .join(', ');
      out(`  ${view.padEnd(8)} ${String(v.medianMs).padStart(7)}   (${parts})`);
    }
    results.refresh = r;
  },
};
