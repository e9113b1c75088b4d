import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  addClaimVia,
  browserAvailable,
  builtClient,
  card,
  createOwnedMap,
  launchBrowser,
  mapUrl,
  openMap,
  type Person,
  enlist,
} from './browser.ts';

const run = browserAvailable();

const OFFLINE = 'Offline — your edits are kept on this device and will sync when you reconnect';

/** The page's globals this file reads, typed loosely: tests/ compiles without DOM types. */
interface PageGlobals {
  navigator: {
    serviceWorker: {
      controller: object | null;
      getRegistration(): Promise<{ waiting: object | null; active: object | null } | undefined>;
    };
  };
  warrantTestPage?: string;
}

/** Resolves once a service worker controls the page: its precache is complete by then. */
async function controlledByServiceWorker(page: Page): Promise<void> {
  await waitFor(
    () =>
      page.evaluate(
        () => (globalThis as unknown as PageGlobals).navigator.serviceWorker.controller !== null,
      ),
    { timeoutMs: 60_000, intervalMs: 200, what: 'a service worker to control the page' },
  );
}

/** The page's service worker registration: whether a new version waits, one is active. */
function workers(page: Page): Promise<{ waiting: boolean; active: boolean }> {
  return page.evaluate(async () => {
    const r = await (
      globalThis as unknown as PageGlobals
    ).navigator.serviceWorker.getRegistration();
    return { waiting: !!r?.waiting, active: !!r?.active };
  });
}

/** A mark left on the page's window: gone once the page reloads. */
function pageMark(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).warrantTestPage);
}

/**
 * Offline reload (issue 18, item 4): the service worker the build includes keeps the app on
 * the device, y-indexeddb keeps the map, so a map opened before reloads and takes edits with
 * no network and no relay at all, and the edits reach others once both are back.
 */
describe.skipIf(!run)('Warrant offline, through its service worker', () => {
  let relay: RelayProcess;
  let browser: Browser;
  /** This suite's own copy of the build: the update test changes its sw.js. */
  let dist: string;
  const people: Person[] = [];

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'warrant-offline-client-'));
    cpSync(await builtClient(), dist, { recursive: true });
    [relay, browser] = await Promise.all([
      newRelay({ env: { WARRANT_CLIENT_DIST: dist } }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors, `page errors in ${p.name}'s browser`).toEqual([]);
    await browser?.close();
    await relay?.dispose();
    rmSync(dist, { recursive: true, force: true });
  });

  const person = (name: string) => enlist(browser, people, name);

  it('builds a service worker that precaches every chunk and leaves the relay’s paths alone', () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    // The lazy chunks a map needs after it opens: the claim editor, the outline, ELK.
    for (const chunk of ['ClaimEditor-', 'Outline-', 'elk.bundled-', 'index.html'])
      expect(sw, chunk).toContain(chunk);
    for (const path of ['api', 'sync', 'healthz', 'readyz', 'metrics'])
      expect(sw, path).toMatch(new RegExp(`denylist:\\[[^\\]]*${path}`));
  });

  it('reloads a map with the network and the relay gone, takes edits, and syncs them back', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Offline reload');
    const ana = await person('Ana');
    await openMap(ana, mapUrl(relay.httpUrl, map));
    await addClaimVia(ana.page, 'Add claim', 'Written at home');
    await ana.page.getByText('All changes saved').waitFor();
    await controlledByServiceWorker(ana.page);

    // The worker answers navigations with the app, but leaves the relay's own paths to it.
    const tab = await ana.context.newPage();
    for (const path of ['/healthz', '/api/maps', '/metrics']) {
      const res = await tab.goto(`${relay.httpUrl}${path}`);
      expect(res?.fromServiceWorker(), path).toBe(false);
      expect(await tab.locator('#root').count(), path).toBe(0);
    }
    const app = await tab.goto(`${relay.httpUrl}/maps/${map.id}`);
    expect(app?.fromServiceWorker()).toBe(true);
    await tab.close();

    // No network for the page, and no relay to answer even if something slipped past.
    await ana.context.setOffline(true);
    await relay.kill('SIGTERM');
    await ana.page.reload();
    await card(ana.page, 'Written at home', 'Conclusion').waitFor();
    await ana.page.getByRole('status').filter({ hasText: OFFLINE }).waitFor();

    // Editing needs the editor's lazy chunk: it comes from the worker's cache too.
    await card(ana.page, 'Written at home', 'Conclusion').click();
    await addClaimVia(ana.page, 'Add supporting claim', 'Written on the train');
    await card(ana.page, 'Written on the train').waitFor();

    await relay.restart();
    await ana.context.setOffline(false);
    await ana.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await ana.page.getByText('All changes saved').waitFor();

    const bea = await person('Bea');
    await openMap(bea, mapUrl(relay.httpUrl, map));
    await card(bea.page, 'Written on the train').waitFor();
    await bea.page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
  });

  it('announces a new version of the app and leaves the reload to the person', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'New version');
    const cleo = await person('Cleo');
    await openMap(cleo, mapUrl(relay.httpUrl, map));
    await controlledByServiceWorker(cleo.page);
    const notice = cleo.page.getByRole('status').filter({ hasText: 'A new version of Warrant' });
    // The first install makes the app work offline; it is no "new version".
    expect(await notice.count()).toBe(0);
    await cleo.page.evaluate(() => {
      (globalThis as unknown as PageGlobals).warrantTestPage = 'before the update';
    });

    // A release: a different sw.js. The tab asks for one when the network comes back.
    appendFileSync(join(dist, 'sw.js'), '\n// the next release\n');
    await cleo.context.setOffline(true);
    await cleo.context.setOffline(false);
    await notice.waitFor({ timeout: 60_000 });
    await notice.getByRole('button', { name: 'Reload' }).waitFor();

    // Announced, not forced: the new worker waits, and this page is still the same page.
    expect(await workers(cleo.page)).toEqual({ waiting: true, active: true });
    // A tab that took the update by itself would have reloaded by now (autoUpdate reloads
    // as soon as the new worker activates, and it activates only once it stops waiting).
    expect(await pageMark(cleo.page)).toBe('before the update');

    await notice.getByRole('button', { name: 'Reload' }).click();
    await waitFor(async () => (await pageMark(cleo.page)) === undefined, {
      intervalMs: 200,
      what: 'the page to reload',
    });
    await cleo.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await notice.count()).toBe(0);
    expect(await workers(cleo.page)).toEqual({ waiting: false, active: true });
  });
});
