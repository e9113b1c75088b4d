import { generateMap } from '@warrant/fixtures';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  browserAvailable,
  builtClient,
  createOwnedMap,
  focusedEditor,
  launchBrowser,
  mapUrl,
  type OwnedMap,
} from './browser.ts';

const run = browserAvailable();

/*
 * No timing is asserted here: this test shares a 2-core machine with every other test file.
 * It guards the design (only visible cards are in the DOM, the map takes an edit); `pnpm
 * bench --only=browser` measures open-to-interactive and panning side by side.
 */

describe.skipIf(!run)('a large map in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;

  beforeAll(async () => {
    const dist = await builtClient();
    [relay, browser] = await Promise.all([
      newRelay({ env: { WARRANT_CLIENT_DIST: dist } }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await relay?.dispose();
  });

  async function bigMap(count: number): Promise<OwnedMap> {
    const map = await createOwnedMap(relay.httpUrl, `${count} claims`);
    const auth: Record<string, string> = map.token ? { authorization: `Bearer ${map.token}` } : {};
    const writer = newClient(relay, map.id, { params: map.token ? { token: map.token } : {} });
    await writer.synced();
    generateMap(writer.doc, { claims: count });
    await waitFor(
      async () => {
        const res = await relay.fetch(`/api/maps/${map.id}`, { headers: auth });
        const body = (await res.json()) as { stats?: { claims?: number } };
        return (body.stats?.claims ?? 0) >= count;
      },
      { timeoutMs: 60_000, what: `the relay to hold ${count} claims` },
    );
    writer.destroy();
    return map;
  }

  async function openAndEdit(map: OwnedMap) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Perf')" });
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
    const started = Date.now();
    await page.goto(mapUrl(relay.httpUrl, map));
    await page
      .getByRole('group', { name: /^(Conclusion|Claim): Claim \d+/ })
      .first()
      .waitFor();
    const firstCards = Date.now() - started;
    // Interactive: a command works and its editor takes focus.
    await page.getByRole('button', { name: 'Add claim', exact: true }).click();
    await focusedEditor(page);
    const interactive = Date.now() - started;
    const rendered = await page.locator('.react-flow__node').count();
    // When the map's connection opened, and when the app's own code had run (ms).
    const [connectAt, appAt] = (await page.evaluate(
      `['warrant:connect', 'warrant:main'].map((m) => performance.getEntriesByName(m)[0]?.startTime ?? -1)`,
    )) as [number, number];
    const mapSockets = sockets.filter((path) => path === `/sync/${map.id}`).length;
    await context.close();
    return { firstCards, interactive, rendered, connectAt, appAt, mapSockets };
  }

  it('opens a 1,000-claim map and takes an edit quickly, rendering only visible cards', async () => {
    const map = await bigMap(1000);
    // The first visit also loads the map into the relay and the client into the HTTP cache.
    const cold = await openAndEdit(map);
    const warm = await openAndEdit(map);
    console.warn(
      `1,000-claim map: cards after ${cold.firstCards} ms cold / ${warm.firstCards} ms warm, ` +
        `interactive after ${cold.interactive} ms cold / ${warm.interactive} ms warm, ` +
        `${warm.rendered} of ~1,900 nodes in the DOM`,
    );
    expect(cold.rendered).toBeLessThan(300);
    expect(warm.rendered).toBeLessThan(300);
    // The socket opened from the entry module, before the app's code ran, and the map page
    // took that connection over rather than opening a second one.
    for (const visit of [cold, warm]) {
      expect(visit.connectAt).toBeGreaterThan(0);
      expect(visit.connectAt).toBeLessThan(visit.appAt);
      expect(visit.mapSockets).toBe(1);
    }
  });
});
