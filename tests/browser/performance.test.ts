import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { browserAvailable, builtClient, focusedEditor, launchBrowser } from './browser.ts';
import { generateMap } from './generateMap.ts';

const run = browserAvailable();

/**
 * Generous ceiling for a noisy 2-core CI machine: it catches a regression to rendering every
 * card (or a live editor per claim), while the measured time is printed for the record.
 * The goal is under 2 s on a developer machine; the closing note reports real numbers.
 */
const OPEN_CEILING_MS = 6_000;

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

  async function bigMap(count: number): Promise<string> {
    const mapId = await relay.createMap(`${count} claims`);
    const writer = newClient(relay, mapId);
    await writer.synced();
    generateMap(writer.doc, count);
    await waitFor(
      async () => {
        const res = await relay.fetch(`/api/maps/${mapId}`);
        const body = (await res.json()) as { stats?: { claims?: number } };
        return (body.stats?.claims ?? 0) >= count;
      },
      { timeoutMs: 60_000, what: `the relay to hold ${count} claims` },
    );
    writer.destroy();
    return mapId;
  }

  it('opens a 1,000-claim map and takes an edit quickly, rendering only visible cards', async () => {
    const mapId = await bigMap(1000);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Perf')" });
    const page = await context.newPage();

    const started = Date.now();
    await page.goto(`${relay.httpUrl}/maps/${mapId}`);
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
    console.warn(
      `1,000-claim map: cards shown after ${firstCards} ms, interactive after ${interactive} ms, ${rendered} nodes in the DOM`,
    );
    expect(rendered).toBeLessThan(300);
    expect(interactive).toBeLessThan(OPEN_CEILING_MS);
    await context.close();
  });
});
