import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  browserAvailable,
  browserSuite,
  createOwnedMap,
  focusedEditor,
  mapUrl,
  newPerson,
  openMap,
} from './browser.ts';

const run = browserAvailable();

/** What has keyboard focus: its tag, role and accessible name. */
interface Focused {
  tag: string;
  role: string | null;
  name: string;
}

/** Waits until the focused element's name is `name` (not merely that something is focused). */
async function focusReaches(page: Page, name: string): Promise<void> {
  let last: Focused | null = null;
  try {
    await waitFor(
      async () => {
        last = await focused(page);
        return last.name === name;
      },
      { what: `focus on “${name}”`, timeoutMs: 10_000 },
    );
  } catch (error) {
    throw new Error(`${String(error)}; focus was on ${JSON.stringify(last)}`);
  }
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return { tag: 'none', role: null, name: '' };
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      // A group's name comes from aria-label only; a button or link may be named by its text.
      name: (
        el.getAttribute('aria-label') ??
        (el.matches('button, a') ? el.textContent : '') ??
        ''
      ).trim(),
    };
  })()`) as Promise<Focused>;
}

async function write(page: Page, key: string, text: string): Promise<void> {
  await page.keyboard.press(key);
  await focusedEditor(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** Keyboard focus goes somewhere sensible and named, never to nowhere or to a nameless box. */
describe.skipIf(!run)('keyboard focus in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  async function onePerson(title: string): Promise<Page> {
    const map = await createOwnedMap(relay.httpUrl, title);
    const person = await newPerson(browser, 'Kim');
    people.push(person);
    await openMap(person, mapUrl(relay.httpUrl, map));
    return person.page;
  }

  it('takes one Tab from a card to the next card or reason, each named', async () => {
    const page = await onePerson('Tab order');
    await write(page, 'n', 'First conclusion');
    await write(page, 's', 'A reason for it');
    await write(page, 'n', 'Second conclusion');

    await page.getByRole('group', { name: 'Conclusion: First conclusion', exact: true }).focus();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      expect(now.name, `Tab ${i + 1} lands on a named element (${now.tag} ${now.role})`).not.toBe(
        '',
      );
      seen.push(now.name);
    }
    // Three Tabs visit the three other map elements: no hidden wrapper in between.
    expect(seen.sort()).toEqual(
      ['Claim: A reason for it', 'Conclusion: Second conclusion', 'Reason: supports'].sort(),
    );
  });

  it('moves focus to a neighbour after Delete on the canvas, and to "Add claim" at the end', async () => {
    const page = await onePerson('Focus after delete');
    await write(page, 'n', 'Parent claim');
    await write(page, 's', 'First reason');
    await write(page, 'n', 'Other conclusion');

    // A reason's premise: to the claim it bears on, selected, so the keyboard carries on.
    await page.getByRole('group', { name: 'Claim: First reason', exact: true }).focus();
    await page.keyboard.press('Delete');
    await focusReaches(page, 'Conclusion: Parent claim');
    expect(await page.getByRole('button', { name: 'Delete claim', exact: true }).isEnabled()).toBe(
      true,
    );

    // A conclusion, by the toolbar: to the other conclusion.
    await page.getByRole('button', { name: 'Delete claim', exact: true }).click();
    await focusReaches(page, 'Conclusion: Other conclusion');

    // The last claim: to "Add claim", never to nowhere.
    await page.keyboard.press('Delete');
    await focusReaches(page, 'Add claim');
  });

  it('gives focus back to what opened a dialog when it closes', async () => {
    const page = await onePerson('Focus after dialogs');
    await write(page, 'n', 'A claim to come back to');

    const help = page.getByRole('button', { name: 'Keyboard shortcuts', exact: true });
    await help.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
    await focusReaches(page, 'Keyboard shortcuts');

    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const share = page.getByRole('dialog', { name: 'Share this map' });
    await share.waitFor();
    await page.keyboard.press('Escape');
    await share.waitFor({ state: 'detached' });
    await focusReaches(page, 'Share');

    // Opened by a shortcut on a card: back on the card.
    await page.getByRole('group', { name: 'Conclusion: A claim to come back to' }).focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await focusReaches(page, 'Conclusion: A claim to come back to');
  });

  it('opens one editor for a claim that the outline shows under two conclusions', async () => {
    const page = await onePerson('One editor per claim');
    await write(page, 'n', 'Root one');
    await write(page, 'n', 'Root two');
    await write(page, 's', 'Shared premise');
    await page.keyboard.press('c');
    const picker = page.getByRole('dialog', { name: 'Connect to another claim' });
    await picker.waitFor();
    await page.keyboard.type('Root one');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });

    await page.keyboard.press('o');
    const rows = page.getByRole('treeitem', { name: /Shared premise/ });
    await waitFor(async () => (await rows.count()) === 2, { what: 'the claim under both roots' });
    await rows.nth(1).focus();
    await page.keyboard.press('Enter');
    await focusedEditor(page);
    const editors = page.getByRole('textbox', { name: /^Claim text/ });
    expect(await editors.count()).toBe(1);
    // The editor is in the row the person chose.
    expect(
      await rows
        .nth(1)
        .getByRole('textbox', { name: /^Claim text/ })
        .count(),
    ).toBe(1);

    await page.keyboard.type(' too');
    await page.keyboard.press('Escape');
    await editors.first().waitFor({ state: 'detached' });
    await waitFor(
      async () => (await page.getByRole('treeitem', { name: /Shared premise too/ }).count()) === 2,
      { what: 'both rows to show the new text' },
    );
  });
});
