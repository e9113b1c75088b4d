import { addClaim, connect, exportMap, listClaims, type ClaimId } from '@warrant/shared';
import { chromium, type Page } from 'playwright-core';
import { ARGS, CHROMIUM, buildClient } from './browser.ts';
import { generateMap } from './coldsync.ts';
import { connectClient, whenSynced } from './lib/client.ts';
import { importIntoWarrant, startWarrant } from './lib/servers.ts';
import { median, round } from './lib/stats.ts';

export interface RefreshResult {
  claims: number;
  edits: number;
  /** Per view: time the client's read models spent on each remote edit, ms. */
  views: Record<
    string,
    { samplesMs: number[]; medianMs: number; byMeasure: Record<string, number> }
  >;
}

/** Every `warrant:refresh:*` measure since the last call, summed by name; then cleared. */
const TAKE = `(() => {
  const out = {};
  for (const e of performance.getEntriesByType('measure')) {
    if (e.name.startsWith('warrant:refresh:')) out[e.name] = (out[e.name] ?? 0) + e.duration;
  }
  performance.clearMeasures();
  return out;
})()`;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A remote structural edit in a big map: a stock peer adds a claim and its reason (one
 * transaction), and the open page's read models (the `warrant:refresh:*` measures the stores
 * record) are timed for that edit. Median over `edits`, in the map view and in the outline.
 */
export async function refreshBench(opts: {
  claims: number;
  edits: number;
}): Promise<RefreshResult> {
  const dist = buildClient();
  const server = await startWarrant({ WARRANT_CLIENT_DIST: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const target = await importIntoWarrant(server.port, exportMap(generateMap(opts.claims)));
    const url = `http://127.0.0.1:${server.port}/maps/${target.room}#token=${target.params.token}`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Bench')" });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    const peer = connectClient(target);
    await whenSynced(peer.provider);
    const targets = listClaims(peer.doc).map((c) => c.id);
    let n = 0;
    const edit = async (p: Page): Promise<Record<string, number>> => {
      await p.evaluate(TAKE);
      const conclusion = targets[(n * 37) % targets.length] as ClaimId;
      peer.doc.transact(() => {
        const claim = addClaim(peer.doc, { text: `A remote reason ${++n}` });
        connect(peer.doc, {
          kind: n % 2 ? 'support' : 'rebut',
          premises: [claim],
          target: { claim: conclusion },
        });
      });
      // The edit has arrived once a measure is recorded; then let React finish rendering.
      await p.waitForFunction(
        "performance.getEntriesByType('measure').some((e) => e.name.startsWith('warrant:refresh:'))",
        null,
        { timeout: 30_000, polling: 20 },
      );
      await settle(400);
      return (await p.evaluate(TAKE)) as Record<string, number>;
    };
    const views: RefreshResult['views'] = {};
    for (const view of ['map', 'outline']) {
      if (view === 'outline') {
        await page.getByRole('button', { name: 'Outline view' }).click();
        await page.locator('[role="tree"]').waitFor({ timeout: 60_000 });
        await settle(500);
      }
      await edit(page); // warm-up, not counted
      const samples: Record<string, number>[] = [];
      for (let i = 0; i < opts.edits; i++) samples.push(await edit(page));
      const names = [...new Set(samples.flatMap((s) => Object.keys(s)))].sort();
      const totals = samples.map((s) => Object.values(s).reduce((a, b) => a + b, 0));
      views[view] = {
        samplesMs: totals.map((t) => round(t, 2)),
        medianMs: round(median(totals), 2),
        byMeasure: Object.fromEntries(
          names.map((k) => [k, round(median(samples.map((s) => s[k] ?? 0)), 2)]),
        ),
      };
    }
    peer.provider.destroy();
    await context.close();
    return { claims: opts.claims, edits: opts.edits, views };
  } finally {
    await browser.close();
    await server.stop();
  }
}
