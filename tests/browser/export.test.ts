import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
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
  type Person,
} from './browser.ts';

const run = browserAvailable();

const TITLE = 'Export test';
const CLAIM = 'Tuition should be free';
const REBUTTAL = 'Free tuition mostly helps the well-off';

/** The page's globals these tests touch; tests/ compiles without DOM types. */
interface PageGlobals {
  document: { activeElement: { textContent: string | null } | null };
  printed?: number;
  print: () => void;
  DOMParser: new () => {
    parseFromString(
      text: string,
      type: string,
    ): {
      documentElement: { localName: string; textContent: string | null };
      querySelector(selector: string): unknown;
    };
  };
}

describe.skipIf(!run)('exporting a map from the browser', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  /** An owner with a claim and its rebuttal on screen, saved on the relay; print stubbed. */
  async function ownerWithMap(): Promise<Person> {
    const map = await createOwnedMap(relay.httpUrl, TITLE);
    const owner = await newPerson(browser, 'Ana');
    people.push(owner);
    await owner.page.addInitScript(() => {
      const page = globalThis as unknown as PageGlobals;
      page.printed = 0;
      page.print = () => {
        page.printed = (page.printed ?? 0) + 1;
      };
    });
    await openMap(owner, mapUrl(relay.httpUrl, map));
    await addClaimVia(owner.page, 'Add claim', CLAIM);
    await addClaimVia(owner.page, 'Add rebuttal', REBUTTAL);
    await card(owner.page, REBUTTAL).waitFor();
    await owner.page.getByText('· All changes saved').waitFor();
    return owner;
  }

  const focusedText = (page: Page) =>
    page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.activeElement?.textContent ?? '',
    );

  /** Opens "Export…" from the keyboard and chooses `item` with the arrow keys and Enter. */
  async function exportByKeyboard(page: Page, item: string): Promise<Download> {
    await page.getByRole('button', { name: 'Export…' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Export' });
    await menu.waitFor();
    expect(await focusedText(page)).toBe('Warrant JSON');
    for (let i = 0; i < 10 && (await focusedText(page)) !== item; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await focusedText(page)).toBe(item);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    await menu.waitFor({ state: 'detached' });
    return download;
  }

  const bytes = async (download: Download) => readFileSync(await download.path());

  it('opens and closes the menu from the keyboard, giving focus back to its button', async () => {
    const { page } = await ownerWithMap();
    const button = page.getByRole('button', { name: 'Export…' });
    await button.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'Export' });
    await menu.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Warrant JSON',
      'Argdown',
      'AIF (AIFdb, OVA)',
      'Markdown outline',
      'Picture (SVG)',
      'Picture (PNG)',
      'Print…',
    ]);
    await page.keyboard.press('ArrowUp');
    expect(await focusedText(page)).toBe('Print…');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await focusedText(page)).toBe('Export…');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    // Escape in the menu did not reach the map: the rebuttal card is still there.
    await card(page, REBUTTAL).waitFor();
  });

  it('downloads Argdown, SVG and PNG files holding the claims, named after the map', async () => {
    const { page } = await ownerWithMap();

    const argdown = await exportByKeyboard(page, 'Argdown');
    expect(argdown.suggestedFilename()).toBe(`${TITLE}.argdown`);
    const text = (await bytes(argdown)).toString('utf8');
    expect(text).toContain(CLAIM);
    expect(text).toContain(REBUTTAL);

    const svg = await exportByKeyboard(page, 'Picture (SVG)');
    expect(svg.suggestedFilename()).toBe(`${TITLE}.svg`);
    const svgText = (await bytes(svg)).toString('utf8');
    const parsed = await page.evaluate((source) => {
      const g = globalThis as unknown as PageGlobals;
      const doc = new g.DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        root: doc.documentElement.localName,
        error: doc.querySelector('parsererror') !== null,
        text: doc.documentElement.textContent ?? '',
      };
    }, svgText);
    expect(parsed.error).toBe(false);
    expect(parsed.root).toBe('svg');
    for (const words of [TITLE, CLAIM, REBUTTAL, 'rebuts']) expect(parsed.text).toContain(words);

    const png = await exportByKeyboard(page, 'Picture (PNG)');
    expect(png.suggestedFilename()).toBe(`${TITLE}.png`);
    const image = await bytes(png);
    expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(image.length).toBeGreaterThan(5_000);
    // Drawn at twice the picture's size: the SVG is at least 480 px wide.
    expect(image.readUInt32BE(16)).toBeGreaterThanOrEqual(960);
  });

  it('prints the outline in order, then goes back to the map', async () => {
    const { page } = await ownerWithMap();
    await page.getByRole('button', { name: 'Export…' }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await focusedText(page)).toBe('Print…');
    await page.keyboard.press('Enter');

    const article = page.getByRole('article', { name: TITLE });
    await article.waitFor();
    await waitFor(() => page.evaluate(() => (globalThis as unknown as PageGlobals).printed === 1), {
      what: 'the print dialog to be asked for',
    });
    const printed = (await article.textContent()) ?? '';
    const claimAt = printed.indexOf(CLAIM);
    const rebuttalAt = printed.indexOf(`Con: ${REBUTTAL}`);
    expect(claimAt).toBeGreaterThanOrEqual(0);
    expect(rebuttalAt).toBeGreaterThan(claimAt);
    // No app chrome in the view: no toolbar, no map header.
    expect(await page.getByRole('toolbar', { name: 'Editing' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Back to the map' }).click();
    await card(page, REBUTTAL).waitFor();
    expect(await focusedText(page)).toBe('Export…');
  });
});
