import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { browserAvailable, browserSuite, card, newPerson, type Person } from './browser.ts';

const run = browserAvailable();

const ARGDOWN = `# Cities and cars

[Ban]: Cities should ban cars. #policy
  <+ [Air]: Cars pollute the air.
  <- [Need]: Some people need cars.

## Costs

[Transit]: Transit is cheaper than roads.
  +> [Ban]
`;

/** A Kialo export of `reasons` pros and cons under one thesis, over 256 KB from 3,000 on. */
function kialoExport(reasons: number): string {
  const lines = ['Discussion Title: Should cities ban cars?', '', '1. Cities should ban cars.'];
  for (let i = 1; i <= reasons; i++) {
    const side = i % 2 ? 'Pro' : 'Con';
    lines.push(`1.${i}. ${side}: Reason number ${i} about cars, traffic and the air in cities.`);
  }
  return lines.join('\n');
}

describe.skipIf(!run)('importing a map in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  async function home(name: string): Promise<Person> {
    const person = await newPerson(browser, name);
    people.push(person);
    await person.page.goto(relay.httpUrl);
    return person;
  }

  async function openImport(page: Page) {
    await page.getByRole('button', { name: 'Import map…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a map' });
    await dialog.waitFor();
    return dialog;
  }

  function recentMaps(page: Page) {
    return page.getByRole('region', { name: 'Recent maps on this device' }).getByRole('listitem');
  }

  it('imports pasted Argdown, reports the left-out heading and tag, and opens the map as its owner', async () => {
    const { page } = await home('Ada');
    const dialog = await openImport(page);
    expect(await dialog.getByRole('combobox', { name: 'Format' }).inputValue()).toBe('detect');
    await dialog.getByRole('textbox', { name: 'Paste a map' }).fill(ARGDOWN);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await dialog.getByRole('heading', { name: 'Imported “Cities and cars”' }).waitFor();
    await dialog.getByText('Argdown: 4 claims, 3 relations, no passages.').waitFor();
    const leftOut = dialog.getByRole('list').first();
    expect(await dialog.getByRole('heading', { name: 'Left out (2)' }).count()).toBe(1);
    expect(await leftOut.textContent()).toMatch(/line 7: heading "Costs": Warrant maps have no/);
    expect(await leftOut.textContent()).toMatch(/line 3: tag #policy/);
    await dialog.getByRole('heading', { name: /^Approximated/ }).waitFor();
    // Remembered at once, with the owner's token, as "New map" remembers a map.
    expect(await recentMaps(page).filter({ hasText: 'Cities and cars' }).count()).toBe(1);

    // Focus starts on the next step.
    const open = dialog.getByRole('button', { name: 'Open the map' });
    expect(await open.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    // A claim keeps its tag's words; the tag itself is what was left out.
    await card(page, 'Cities should ban cars. #policy', 'Conclusion').waitFor();
    for (const text of [
      'Cars pollute the air.',
      'Some people need cars.',
      'Transit is cheaper than roads.',
    ]) {
      await card(page, text).waitFor();
    }
    await page.getByText('Owner', { exact: true }).first().waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#token=/);
  });

  it('uploads a large Kialo file with progress and reports its counts', async () => {
    const { page } = await home('Ben');
    const dialog = await openImport(page);
    // Record every progress bar the import shows, however briefly.
    await page.evaluate(() => {
      const w = globalThis as unknown as {
        seen: string[];
        document: { body: unknown; querySelectorAll(s: string): ArrayLike<ProgressLike> };
        MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void };
      };
      interface ProgressLike {
        getAttribute(n: string): string | null;
      }
      w.seen = [];
      new w.MutationObserver(() => {
        for (const bar of Array.from(w.document.querySelectorAll('progress'))) {
          w.seen.push(`${bar.getAttribute('value')}/${bar.getAttribute('max')}`);
        }
      }).observe(w.document.body, { subtree: true, childList: true, attributes: true });
    });
    const text = kialoExport(4000);
    expect(text.length).toBeGreaterThan(256 * 1024);
    await dialog.getByLabel('Choose a file').setInputFiles({
      name: 'cars.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await dialog.getByText(/cars\.txt, 0\.\d MB/).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('Kialo discussion (.txt): 4,001 claims, 4,000 relations').waitFor();
    const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen.some((s) => /^\d+\/\d+$/.test(s))).toBe(true);
    await dialog.getByText('Everything in the file came in.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await recentMaps(page).filter({ hasText: 'Should cities ban cars?' }).waitFor();
  });

  it('refuses a file over 10 MB before sending it', async () => {
    const { page } = await home('Cai');
    const dialog = await openImport(page);
    let posted = false;
    page.on('request', (r) => {
      if (r.url().includes('/api/maps/import')) posted = true;
    });
    await dialog.getByLabel('Choose a file').setInputFiles({
      name: 'huge.argdown',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(10_500_000, 'a'),
    });
    await dialog
      .getByRole('alert')
      .filter({ hasText: /“huge.argdown” is 10\.5 MB/ })
      .waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Paste a map or choose a file first.' })
      .waitFor();
    expect(posted).toBe(false);
  });

  it('shows the relay’s syntax error with its line, adds no map, and imports once fixed', async () => {
    const { page } = await home('Dee');
    const dialog = await openImport(page);
    const paste = dialog.getByRole('textbox', { name: 'Paste a map' });
    await paste.fill('[A]: fine\n\n<B>: ok\n  _> <C> _> <D>\n');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /syntax error at line 4/ })
      .waitFor();
    expect(await recentMaps(page).count()).toBe(0);

    await paste.fill('[A]: Fine now.\n  <+ [B]: Because.\n');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('Argdown: 2 claims, 1 relation, no passages.').waitFor();
    expect(await recentMaps(page).count()).toBe(1);
  });
});
