import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  addClaimVia,
  browserAvailable,
  browserSuite,
  card,
  createOwnedMap,
  mapUrl,
  openMap,
  enlist,
} from './browser.ts';

const run = browserAvailable();

/** The map's sync socket (not the review document's). */
const MAP_SOCKET = /\/sync\/[^/?]+(\?|$)/;

/** What the page saw of the picture, recorded by `watchPicture` (ms from navigation). */
interface PictureSeen {
  at: number;
  /** The names of the cards it showed (the page's `warrant:picture` mark says them). */
  cards: string[];
  inert: boolean;
  ariaHidden: string | null;
  pointerEvents: string;
  goneAt?: number;
  /** Whether a live card was in the page when the picture went. */
  liveCardsWhenGone?: boolean;
}

/** The page's globals this file reads, typed loosely: tests/ compiles without DOM types. */
interface PageGlobals {
  warrantPicture?: PictureSeen;
  localStorage: { getItem(key: string): string | null };
  performance: {
    getEntriesByName(name: string): { startTime: number; detail?: { cards: string[] } }[];
  };
}

/**
 * Records, from the first moment of every page load, when the device's picture of the map
 * (`.first-paint`) went into the page, what it said, and when it went.
 */
async function watchPicture(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      document: { querySelector(s: string): object | null };
      MutationObserver: new (cb: () => void) => {
        observe(target: unknown, options: object): void;
      };
      getComputedStyle(el: unknown): { pointerEvents: string };
      performance: {
        now(): number;
        getEntriesByName(name: string): { detail?: { cards: string[] } }[];
      };
      warrantPicture?: PictureSeen;
    };
    new g.MutationObserver(() => {
      const el = g.document.querySelector('body > .first-paint') as {
        inert: boolean;
        getAttribute(n: string): string | null;
      } | null;
      const seen = g.warrantPicture;
      if (el && !seen) {
        g.warrantPicture = {
          at: g.performance.now(),
          cards: g.performance.getEntriesByName('warrant:picture')[0]?.detail?.cards ?? [],
          inert: el.inert,
          ariaHidden: el.getAttribute('aria-hidden'),
          pointerEvents: g.getComputedStyle(el).pointerEvents,
        };
      } else if (!el && seen && seen.goneAt === undefined) {
        seen.goneAt = g.performance.now();
        seen.liveCardsWhenGone = !!g.document.querySelector('#root .react-flow__node');
      }
    }).observe(g.document, { childList: true, subtree: true });
  });
}

function pictureSeen(page: Page): Promise<PictureSeen | undefined> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).warrantPicture);
}

/** When the page set one of its `warrant:*` marks, ms from navigation; null if it has not. */
function mark(page: Page, name: string): Promise<number | null> {
  return page.evaluate(
    (n) =>
      (globalThis as unknown as PageGlobals).performance.getEntriesByName(`warrant:${n}`)[0]
        ?.startTime ?? null,
    name,
  );
}

/** Waits until this device keeps a picture of the map that shows `text`. */
async function pictureKept(page: Page, mapId: string, text: string): Promise<void> {
  await waitFor(
    () =>
      page.evaluate(
        ([id, t]) =>
          (
            (globalThis as unknown as PageGlobals).localStorage.getItem(
              `warrant.firstPaint.${id}`,
            ) ?? ''
          ).includes(t!),
        [mapId, text],
      ),
    { what: `a picture of the map showing "${text}" on the device` },
  );
}

/**
 * Re-opening a map (issue 18, item 2): the page shows the map's picture kept on the device
 * before the relay has answered, or the device copy has been read, and the live map replaces
 * it.
 */
describe.skipIf(!run)('re-opening a map from its picture on the device', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  const person = (name: string) => enlist(browser, people, name);

  it('paints the cards from the picture before the relay answers, then the live map replaces them', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Seen before');
    const url = mapUrl(relay.httpUrl, map);
    const ana = await person('Ana');
    await openMap(ana, url);
    await addClaimVia(ana.page, 'Add claim', 'Painted from the device');
    await ana.page.getByText('All changes saved').waitFor();
    // The picture is taken as the map opens: this opening shows the claim.
    await ana.page.reload();
    await card(ana.page, 'Painted from the device', 'Conclusion').waitFor();
    await pictureKept(ana.page, map.id, 'Painted from the device');
    await ana.page.goto('about:blank');

    // Meanwhile someone else adds a claim: the picture cannot know it, the live map does.
    const bea = await person('Bea');
    await openMap(bea, url);
    await card(bea.page, 'Painted from the device', 'Conclusion').click();
    await addClaimVia(bea.page, 'Add supporting claim', 'Added while Ana was away');
    await bea.page.getByText('All changes saved').waitFor();

    // Ana comes back with the relay silent: her sockets open, and nothing comes.
    const held: WebSocketRoute[] = [];
    let hold = true;
    await ana.page.routeWebSocket(MAP_SOCKET, (ws) => {
      if (hold) held.push(ws);
      else ws.connectToServer();
    });
    await watchPicture(ana.page);
    await ana.page.goto(url);
    await card(ana.page, 'Painted from the device', 'Conclusion').waitFor();

    const seen = await pictureSeen(ana.page);
    expect(seen, 'the picture was shown').toBeDefined();
    expect(seen!.cards).toEqual(['Conclusion: Painted from the device']);
    // Nothing on it can be clicked, focused or read out: input goes to the live page.
    expect(seen!.inert).toBe(true);
    expect(seen!.ariaHidden).toBe('true');
    expect(seen!.pointerEvents).toBe('none');
    // It came before the device copy was read and long before anything from the relay,
    // and went only once the live canvas's cards were in the page.
    const deviceLoaded = await mark(ana.page, 'device-loaded');
    expect(deviceLoaded).not.toBeNull();
    expect(seen!.at).toBeLessThan(deviceLoaded!);
    // Even before the entry's code and the chunks it imports (Yjs, the model) were evaluated:
    // the picture's own small script goes first.
    expect(seen!.at).toBeLessThan((await mark(ana.page, 'entry'))!);
    expect(await mark(ana.page, 'sync-received')).toBeNull();
    await waitFor(async () => (await pictureSeen(ana.page))?.goneAt !== undefined, {
      what: 'the picture to go',
    });
    const gone = (await pictureSeen(ana.page))!;
    expect(gone.liveCardsWhenGone).toBe(true);
    expect(gone.goneAt!).toBeGreaterThanOrEqual((await mark(ana.page, 'canvas-ready'))!);
    expect(await ana.page.locator('.first-paint').count()).toBe(0);
    expect(held.length).toBeGreaterThan(0);

    // The relay answers: the live map shows what changed meanwhile.
    hold = false;
    for (const ws of held) await ws.close();
    await card(ana.page, 'Added while Ana was away').waitFor();
    await ana.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  });

  it('shows no picture taken in a window of another size', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Resized');
    const url = mapUrl(relay.httpUrl, map);
    const cy = await person('Cy');
    await openMap(cy, url);
    await addClaimVia(cy.page, 'Add claim', 'Where the cards were');
    await cy.page.getByText('All changes saved').waitFor();
    await cy.page.reload();
    await card(cy.page, 'Where the cards were', 'Conclusion').waitFor();
    await pictureKept(cy.page, map.id, 'Where the cards were');

    // The same window: the picture shows. Another size would put the cards elsewhere: none.
    await watchPicture(cy.page);
    await cy.page.reload();
    await card(cy.page, 'Where the cards were', 'Conclusion').waitFor();
    expect((await pictureSeen(cy.page))?.cards).toEqual(['Conclusion: Where the cards were']);
    await cy.page.setViewportSize({ width: 1000, height: 700 });
    await cy.page.reload();
    await card(cy.page, 'Where the cards were', 'Conclusion').waitFor();
    expect(await pictureSeen(cy.page)).toBeUndefined();
    expect(await mark(cy.page, 'picture')).toBeNull();
  });
});
