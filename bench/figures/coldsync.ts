import { coldSync } from '../coldsync.ts';
import type { Figure } from '../lib/figure.ts';
import { ratio } from '../lib/figure.ts';
import { round } from '../lib/stats.ts';
import { withBoth } from '../lib/withBoth.ts';

export const coldSyncFigure: Figure<{ sizes: number[]; repeats: number }> = {
  name: 'coldsync',
  about: 'a fresh stock client until synced, ours against the reference server',
  options: ({ quick }) => ({ sizes: quick ? [1_000] : [1_000, 10_000], repeats: quick ? 5 : 15 }),
  async run({ sizes, repeats }, { out, results }) {
    const rows = [];
    out(`\ncold sync: a fresh stock client until synced (ms, median of ${repeats})`);
    out('   claims  server      median   bytes');
    for (const claims of sizes) {
      const both = await withBoth((s) => coldSync(s, { claims, repeats }));
      for (const r of [both.warrant, both.reference]) {
        out(
          `  ${String(claims).padStart(7)}  ${r.server.padEnd(10)} ${String(round(r.medianMs)).padStart(7)}  ${r.updateBytes}`,
        );
      }
      out(
        `  ${''.padStart(7)}  ours/ref   ${ratio(both.warrant.medianMs, both.reference.medianMs).padStart(7)}`,
      );
      rows.push(both);
    }
    results.coldSync = rows;
  },
};
