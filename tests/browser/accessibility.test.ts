import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { browserAvailable, browserSuite, newPerson, openMap } from './browser.ts';

const run = browserAvailable();

/** What axe reports of one violation: enough to find and fix it. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.x A and AA plus best practice) and returns
 * the serious and critical violations, as "rule: help (where)" lines.
 */
async function audit(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content Security Policy rightly
  // refuses an inline <script>.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(axe.source);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join('; ')})`,
    );
}

describe.skipIf(!run)('accessibility audits (axe-core)', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  async function sampleMap(): Promise<Page> {
    const list = (await (await relay.fetch('/api/maps')).json()) as { maps: { id: string }[] };
    const sample = list.maps[0];
    if (!sample) throw new Error('the relay has no sample map');
    const person = await newPerson(browser, 'Ada');
    people.push(person);
    await openMap(person, `${relay.httpUrl}/maps/${sample.id}`);
    await person.page
      .getByRole('group', { name: /^Conclusion: / })
      .first()
      .waitFor();
    return person.page;
  }

  it('finds nothing serious on the home page or in its import dialog', async () => {
    const person = await newPerson(browser, 'Ada');
    people.push(person);
    const { page } = person;
    await page.goto(relay.httpUrl);
    await page.getByRole('button', { name: 'New map', exact: true }).waitFor();
    expect(await audit(page), 'home page').toEqual([]);
    await page.getByRole('button', { name: 'Import map…' }).click();
    await page.getByRole('dialog', { name: 'Import a map' }).waitFor();
    expect(await audit(page), 'import map dialog').toEqual([]);
  });

  it('finds nothing serious on the map, the outline, the reader or the map’s dialogs', async () => {
    const page = await sampleMap();
    expect(await audit(page), 'map view').toEqual([]);

    await page.getByRole('button', { name: 'Outline view' }).click();
    await page.getByRole('tree', { name: 'Outline of the argument' }).waitFor();
    expect(await audit(page), 'outline').toEqual([]);

    await page.getByRole('button', { name: 'Map view' }).click();
    await page.getByRole('button', { name: 'Open reader' }).click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    await reader
      .getByRole('button', { name: /^Cited passage: / })
      .first()
      .waitFor();
    expect(await audit(page), 'reader').toEqual([]);

    await reader.getByRole('button', { name: 'Import source' }).click();
    const importSource = page.getByRole('dialog', { name: 'Import a source' });
    await importSource.waitFor();
    expect(await audit(page), 'import source dialog').toEqual([]);
    await importSource.getByRole('button', { name: 'Cancel' }).click();
    await importSource.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const share = page.getByRole('dialog', { name: 'Share this map' });
    await share.waitFor();
    expect(await audit(page), 'share dialog').toEqual([]);
  });

  it('moves the focus in reading order and always shows where it is', async () => {
    const page = await sampleMap();
    await page.locator('body').focus();
    const stops: { name: string; y: number; region: string; visible: boolean }[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        (await page.evaluate(`(() => {
          const el = document.activeElement;
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          const region = el.closest('header') ? 'header' : el.closest('[role=toolbar]') ? 'toolbar' : el.closest('.react-flow') ? 'canvas' : 'other';
          return {
            name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40),
            y: box.top,
            region,
            visible: outlined || style.boxShadow !== 'none',
          };
        })()`)) as { name: string; y: number; region: string; visible: boolean },
      );
    }
    expect(
      stops.filter((s) => !s.visible).map((s) => s.name),
      'stops with no visible focus',
    ).toEqual([]);
    // The header, then the editing toolbar, then the map's cards.
    const regions = stops.map((s) => s.region).filter((r, i, all) => r !== all[i - 1]);
    expect(regions.slice(0, 3)).toEqual(['header', 'toolbar', 'canvas']);
  });

  it('keeps the map view usable at 200% zoom (a 640 px wide window)', async () => {
    const page = await sampleMap();
    await page.setViewportSize({ width: 640, height: 400 });
    await page.getByRole('button', { name: 'Add claim', exact: true }).waitFor();
    // No sideways scrolling of the page itself: the canvas pans instead.
    expect(
      await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'),
    ).toBe(true);
    for (const name of ['Add claim', 'Share', 'Map view', 'Outline view']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      if (!box) throw new Error(`${name} is not on the screen at 200%`);
      expect(box.x + box.width, name).toBeLessThanOrEqual(641);
    }
    // The header and toolbar leave the map at least half the height.
    const canvas = await page.getByTestId('canvas').boundingBox();
    expect(canvas?.height ?? 0).toBeGreaterThanOrEqual(200);
    expect(await audit(page), 'map view at 200%').toEqual([]);
  });
});
