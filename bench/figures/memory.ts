import type { Figure } from '../lib/figure.ts';
import { withBoth } from '../lib/withBoth.ts';
import { memory } from '../memory.ts';

export const memoryFigure: Figure<{ steps: number[] }> = {
  name: 'memory',
  about: 'server memory with loaded maps, and after they unload',
  options: ({ quick }) => ({ steps: quick ? [1, 10] : [1, 10, 100] }),
  async run({ steps }, { out, results }) {
    out('\nmemory: server RSS (MiB) with k loaded 1,000-claim maps, one connection each');
    out(
      `  server      baseline  ${steps.map((k) => `k=${k}`.padStart(7)).join('  ')}  after unload`,
    );
    const both = await withBoth(
      (s) => memory(s, { steps, claims: 1_000 }),
      { WARRANT_UNLOAD_AFTER_MS: '1000' },
      false,
      { inspect: true },
    );
    for (const r of [both.warrant, both.reference]) {
      out(
        `  ${r.server.padEnd(10)}  ${String(r.baselineMiB).padStart(8)}  ${steps
          .map((k) => String(r.loadedMiB[String(k)]).padStart(7))
          .join('  ')}  ${r.afterUnloadMiB ?? 'never unloads'}`,
      );
    }
    const w = both.warrant;
    out(
      `  our relay's heap in use: ${w.loadedHeapMiB} MiB with ${Math.max(...steps)} maps loaded, ${w.afterUnloadHeapMiB} MiB after they unloaded${w.afterUnloadCollected ? ' and a forced full collection' : ' (no collection forced)'}`,
    );
    results.memory = both;
  },
};
