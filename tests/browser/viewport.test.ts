import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { browserAvailable, browserSuite, newPerson, openMap } from './browser.ts';

const run = browserAvailable();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The canvas's zoom, as React Flow's viewport transform says it. */
async function zoomOf(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').getAttribute('style');
  const scale = /scale\(([\d.]+)\)/.exec(transform ?? '');
  if (!scale) throw new Error(`no zoom in the viewport's style: ${transform}`);
  return Number(scale[1]);
}

/** Every claim card and reason pill on the canvas, with where it is on the screen. */
async function cardBoxes(page: Page): Promise<{ name: string; box: Box }[]> {
  const cards = page.getByRole('group', { name: /^(Claim|Conclusion|Reason|Linked reason): / });
  const out: { name: string; box: Box }[] = [];
  for (const c of await cards.all()) {
    const box = await c.boundingBox();
    if (box) out.push({ name: (await c.getAttribute('aria-label')) ?? '', box });
  }
  return out;
}

function outside(box: Box, frame: Box): boolean {
  return (
    box.x < frame.x - 1 ||
    box.y < frame.y - 1 ||
    box.x + box.width > frame.x + frame.width + 1 ||
    box.y + box.height > frame.y + frame.height + 1
  );
}

describe.skipIf(!run)('the whole map in view', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  /** The sample map (the relay's first), opened on a first visit; how many claims it has. */
  async function openSample(): Promise<{ page: Page; claims: number }> {
    const list = (await (await relay.fetch('/api/maps')).json()) as { maps: { id: string }[] };
    const sample = list.maps[0];
    if (!sample) throw new Error('the relay has no sample map');
    const meta = (await (await relay.fetch(`/api/maps/${sample.id}`)).json()) as {
      stats: { claims: number };
    };
    const person = await newPerson(browser, 'Vera');
    people.push(person);
    await openMap(person, `${relay.httpUrl}/maps/${sample.id}`);
    await person.page
      .getByRole('group', { name: /^Conclusion: / })
      .first()
      .waitFor();
    return { page: person.page, claims: meta.stats.claims };
  }

  /** Every claim card is on the screen, inside the canvas, with its words shown. */
  async function expectWholeMap(page: Page, claims: number): Promise<void> {
    const frame = await page.getByTestId('canvas').boundingBox();
    if (!frame) throw new Error('no canvas on the page');
    await waitFor(
      async () =>
        (await cardBoxes(page)).filter((b) => /^(Claim|Conclusion):/.test(b.name)).length ===
        claims,
      { what: `all ${claims} claim cards on the screen` },
    );
    const boxes = await cardBoxes(page);
    expect(boxes.filter((b) => outside(b.box, frame)).map((b) => b.name)).toEqual([]);
    // Zoomed no further out than the cards still show their words.
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.35);
    expect(await page.locator('.claim-card .claim-text:empty').count()).toBe(0);
  }

  it('opens the sample map at a readable zoom on its conclusions, the overview showing the rest', async () => {
    const { page } = await openSample();
    const frame = await page.getByTestId('canvas').boundingBox();
    if (!frame) throw new Error('no canvas on the page');
    // Too wide to read whole on this screen: readable, not the whole map at a third of life.
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    const conclusions = (await cardBoxes(page)).filter((b) => b.name.startsWith('Conclusion: '));
    expect(conclusions.length).toBeGreaterThan(0);
    expect(conclusions.filter((b) => outside(b.box, frame)).map((b) => b.name)).toEqual([]);
    // Their reasons below them are in view too, words shown.
    const claims = (await cardBoxes(page)).filter(
      (b) => b.name.startsWith('Claim: ') && !outside(b.box, frame),
    );
    expect(claims.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.claim-card .claim-text:empty').count()).toBe(0);
    // The overview shows the whole map, the view a part of it.
    const overview = await page
      .getByRole('img', { name: 'Overview of the whole map' })
      .boundingBox();
    const shown = await page.locator('.overview-view').boundingBox();
    if (!overview || !shown) throw new Error('no overview');
    expect(shown.width).toBeLessThan(overview.width * 0.9);
  });

  it('shows the whole map again on "Fit view", after zooming in', async () => {
    const { page, claims } = await openSample();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await waitFor(
      async () =>
        (await cardBoxes(page)).filter((b) => /^(Claim|Conclusion):/.test(b.name)).length < claims,
      { what: 'zooming in to leave cards out of view' },
    );
    await page.getByRole('button', { name: 'Fit view' }).click();
    await expectWholeMap(page, claims);
  });

  it('moves no card when a claim is added', async () => {
    const { page } = await openSample();
    const before = new Map((await cardBoxes(page)).map((b) => [b.name, b.box]));
    const z0 = await zoomOf(page);
    const conclusion = page.getByRole('group', { name: /^Conclusion: / }).first();
    await conclusion.click();
    await page.getByRole('button', { name: 'Add supporting claim', exact: true }).click();
    await page.keyboard.type('A new reason', { delay: 0 });
    await page.keyboard.press('Escape');
    await page.getByRole('group', { name: 'Claim: A new reason', exact: true }).waitFor();
    const after = await cardBoxes(page);
    const z1 = await zoomOf(page);
    // The view may pan and zoom to show the new card: compare each card's place relative to
    // the conclusion, in the map's own units.
    const anchor = (boxes: Map<string, Box>) => {
      const c = [...boxes].find(([name]) => name.startsWith('Conclusion: '));
      if (!c) throw new Error('no conclusion on the screen');
      return c[1];
    };
    const a0 = anchor(before);
    const a1 = anchor(new Map(after.map((b) => [b.name, b.box])));
    let compared = 0;
    for (const { name, box } of after) {
      const was = before.get(name);
      // Reason pills share names ("Reason: supports"): claims alone tell which card is which.
      if (!was || !/^(Claim|Conclusion): /.test(name)) continue;
      compared++;
      expect(Math.abs((box.x - a1.x) / z1 - (was.x - a0.x) / z0), name).toBeLessThan(2);
      expect(Math.abs((box.y - a1.y) / z1 - (was.y - a0.y) / z0), name).toBeLessThan(2);
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('keeps a card where it is dragged, and there after a reload', async () => {
    const { page } = await openSample();
    // A claim card wholly on the screen (React Flow also holds cards just outside the view).
    const frame = await page.getByTestId('canvas').boundingBox();
    if (!frame) throw new Error('no canvas on the page');
    const card = (await cardBoxes(page)).find(
      (b) => b.name.startsWith('Claim: ') && !outside(b.box, frame),
    );
    if (!card) throw new Error('no claim card on the screen');
    const id = await page
      .getByRole('group', { name: card.name, exact: true })
      .first()
      .evaluate((el) => el.closest('.react-flow__node')?.getAttribute('data-id'));
    if (!id) throw new Error('no node id on the card');
    /** Where React Flow draws the node, in the map's own units. */
    const placeOf = async () => {
      const style = await page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('style');
      const at = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(style ?? '');
      if (!at) throw new Error(`no place in the node's style: ${style}`);
      return { x: Number(at[1]), y: Number(at[2]) };
    };
    const before = await placeOf();
    const zoom = await zoomOf(page);
    const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    if (!box) throw new Error('no card on the screen');
    const from = { x: box.x + box.width / 2, y: box.y + 12 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 150, from.y + 90, { steps: 10 });
    await waitFor(
      async () =>
        (await page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('class'))?.includes(
          'dragging',
        ),
      { what: 'React Flow dragging the card' },
    );
    await page.mouse.up();
    const moved = await placeOf();
    // Where the drag took it (React Flow starts dragging a step into the gesture).
    expect(moved.x - before.x).toBeGreaterThan(120 / zoom);
    expect(moved.y - before.y).toBeGreaterThan(70 / zoom);
    // Kept on this device once the page is quiet; the reopened map shows it there.
    const mapId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = await waitFor(
      async () => {
        const place = await page.evaluate(
          ([key, node]) => {
            const { localStorage } = globalThis as unknown as {
              localStorage: { getItem(key: string): string | null };
            };
            const all = JSON.parse(localStorage.getItem(key ?? '') ?? '{}') as Record<
              string,
              [number, number] | undefined
            >;
            return all[node ?? ''] ?? null;
          },
          [`warrant.layout.${mapId}`, id],
        );
        return place && Math.abs(place[0] - moved.x) < 1 && Math.abs(place[1] - moved.y) < 1
          ? { x: place[0], y: place[1] }
          : null;
      },
      { what: 'the dragged place kept on the device' },
    );
    await page.reload();
    await page.locator(`.react-flow__node[data-id="${id}"]`).waitFor();
    expect(await placeOf()).toEqual(saved);
  });
});
