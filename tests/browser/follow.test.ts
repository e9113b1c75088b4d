import type { Browser, Page } from 'playwright-core';
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
  newPerson,
  openMap,
} from './browser.ts';

const run = browserAvailable();

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle of the map a page's canvas shows, in map units (from React Flow's transform). */
async function shownRect(page: Page): Promise<Rect> {
  return (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow');
    const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
    const zoom = m.a;
    return { x: -m.e / zoom, y: -m.f / zoom, width: pane.clientWidth / zoom, height: pane.clientHeight / zoom };
  })()`)) as Rect;
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** Whether `outer` shows all of `inner` around the same centre (another window size). */
function showsSameView(outer: Rect, inner: Rect): boolean {
  const a = centre(outer);
  const b = centre(inner);
  const fits =
    (Math.abs(outer.width - inner.width) < 2 && outer.height >= inner.height - 2) ||
    (Math.abs(outer.height - inner.height) < 2 && outer.width >= inner.width - 2);
  return Math.abs(a.x - b.x) < 2 && Math.abs(a.y - b.y) < 2 && fits;
}

/** Drags the empty canvas by (dx, dy) screen pixels, as a person pans. */
async function pan(page: Page, dx: number, dy: number): Promise<void> {
  // A point of the empty canvas: not a card, a panel or a control.
  const at = (await page.evaluate(`(() => {
    const box = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (let fy = 0.1; fy < 1; fy += 0.1)
      for (let fx = 0.05; fx < 1; fx += 0.1) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) return { x, y };
      }
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!at) throw new Error('no empty canvas to drag');
  const { x, y } = at;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 30 });
  await page.mouse.up();
}

describe.skipIf(!run)('following someone’s view (the seminar room)', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  it('B follows A: A’s pans and selection show on B’s screen until B pans', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Follow me');
    const [a, b] = await Promise.all([newPerson(browser, 'Ana'), newPerson(browser, 'Bea')]);
    people.push(a, b);
    // The projector's window is larger than the instructor's.
    await b.page.setViewportSize({ width: 1600, height: 1000 });
    // Awareness messages (y-protocols type 1) with A's own state that A's page sends (stock
    // y-websocket also echoes everyone else's states back; the relay skips those).
    let awarenessFrames = 0;
    a.page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (typeof payload === 'string' || payload[0] !== 1) return;
        if (payload.toString('utf8').includes('"name":"Ana"')) awarenessFrames++;
      }),
    );
    await openMap(a, mapUrl(relay.httpUrl, map));
    await addClaimVia(a.page, 'Add claim', 'Tuition should be free');
    await addClaimVia(a.page, 'Add supporting claim', 'Education is a public good');
    await addClaimVia(a.page, 'Add rebuttal', 'Free tuition mostly helps the well-off');
    await openMap(b, mapUrl(relay.httpUrl, map));
    await card(b.page, 'Free tuition mostly helps the well-off').waitFor();

    // From the keyboard: the avatar is a button named for what it does.
    const followAna = b.page.getByRole('button', { name: 'Follow Ana' });
    await followAna.focus();
    await b.page.keyboard.press('Enter');
    await b.page.getByRole('status').filter({ hasText: 'Following Ana — pan to stop' }).waitFor();
    expect(await followAna.getAttribute('aria-pressed')).toBe('true');

    // A selects a claim and pans (counting the awareness messages A's pan sends).
    await card(a.page, 'Education is a public good').click();
    await a.page.waitForTimeout(300);
    const sentBefore = awarenessFrames;
    const started = Date.now();
    await pan(a.page, 160, -90);
    const panMs = Date.now() - started;
    await waitFor(async () => showsSameView(await shownRect(b.page), await shownRect(a.page)), {
      what: 'B’s canvas to show what A’s shows',
    });
    await b.page
      .locator('.claim-card.selected', { hasText: 'Education is a public good' })
      .waitFor();
    // Throttled: at most ten views a second, not one per frame (30 moves here).
    const sent = awarenessFrames - sentBefore;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(Math.ceil(panMs / 100) + 2);

    // A switches to the outline and selects another claim: B's outline follows.
    await a.page.getByRole('button', { name: 'Outline view' }).click();
    await a.page.getByRole('treeitem', { name: /Free tuition mostly helps/ }).click();
    await b.page
      .getByRole('treeitem', { name: /Free tuition mostly helps/, selected: true })
      .waitFor();
    await a.page.getByRole('button', { name: 'Map view' }).click();
    await b.page.locator('.react-flow__pane').waitFor();
    await a.page.locator('.react-flow__pane').waitFor();
    await pan(a.page, -100, 80);
    await waitFor(async () => showsSameView(await shownRect(b.page), await shownRect(a.page)), {
      what: 'B’s canvas to show what A’s shows after the outline',
    });

    // B pans: following stops, and A's next pan leaves B's view alone.
    await pan(b.page, 120, 80);
    await b.page
      .getByRole('status')
      .filter({ hasText: 'Following Ana' })
      .waitFor({ state: 'detached' });
    expect(await followAna.getAttribute('aria-pressed')).toBe('false');
    const mine = await shownRect(b.page);
    await pan(a.page, 100, 100);
    await a.page.waitForTimeout(500);
    expect(await shownRect(b.page)).toEqual(mine);

    // Following again, and the Stop button ends it.
    await followAna.click();
    await waitFor(async () => showsSameView(await shownRect(b.page), await shownRect(a.page)), {
      what: 'B to follow A again',
    });
    await b.page.getByRole('button', { name: 'Stop following' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'Following Ana' })
      .waitFor({ state: 'detached' });
  });
});
