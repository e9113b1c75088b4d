import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  addClaimVia,
  browserAvailable,
  browserSuite,
  card,
  createOwnedMap,
  focusedEditor,
  mapUrl,
  newPerson,
  openMap,
  type Person,
} from './browser.ts';

const run = browserAvailable();

/**
 * A claim can vanish while an editor is open on it: its own creation undone from inside the
 * editor, or someone else deleting it. The app must carry on, on every page involved.
 */
describe.skipIf(!run)('a claim removed under an open editor', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  async function join(name: string, url: string): Promise<Person> {
    const person = await newPerson(browser, name);
    people.push(person);
    await openMap(person, url);
    // Editing is offered once the relay has said the role (its grant comes before the map);
    // a double-click before that would rightly open nothing.
    await person.page.getByRole('button', { name: 'Add claim', exact: true }).waitFor();
    return person;
  }

  it('keeps working when Ctrl+Z in the editor undoes the claim’s own creation', async () => {
    const url = mapUrl(relay.httpUrl, await createOwnedMap(relay.httpUrl, 'Undo past creation'));
    const { page } = await join('Kim', url);
    await addClaimVia(page, 'Add claim', 'Kept claim');

    await page.keyboard.press('n');
    await focusedEditor(page);
    await page.keyboard.type('abc');
    await card(page, 'abc', 'Conclusion').waitFor();
    const claims = page.getByRole('group', { name: /^(Conclusion|Claim): / });
    // Typing first, then the claim itself: undo until only the earlier claim is left.
    for (let i = 0; i < 12 && (await claims.count()) > 1; i++) {
      await page.keyboard.press('Control+z');
      await page.waitForTimeout(100);
    }
    await waitFor(async () => (await claims.count()) === 1, { what: 'the new claim undone' });

    // Still a working app, not a fallback: the other claim is there, a new one can be written.
    expect(await page.getByText(/stopped working/).count()).toBe(0);
    await card(page, 'Kept claim', 'Conclusion').waitFor();
    await addClaimVia(page, 'Add claim', 'Written afterwards');
    await card(page, 'Written afterwards', 'Conclusion').waitFor();
  });

  it('keeps both pages working when a peer deletes the claim I am editing', async () => {
    const url = mapUrl(relay.httpUrl, await createOwnedMap(relay.httpUrl, 'Deleted under me'));
    const ana = await join('Ana', url);
    const bea = await join('Bea', url);
    await addClaimVia(ana.page, 'Add claim', 'Parent claim');
    await addClaimVia(ana.page, 'Add supporting claim', 'Claim Bea edits');

    await card(bea.page, 'Claim Bea edits').dblclick();
    await focusedEditor(bea.page);
    await bea.page.keyboard.press('End');
    await bea.page.keyboard.type(' now');
    // Ana's page holds a read-only editor on the claim to show Bea's caret.
    await ana.page.locator('.collaboration-carets__label', { hasText: 'Bea' }).waitFor();

    await card(ana.page, 'Claim Bea edits now').click();
    await ana.page.getByRole('button', { name: 'Delete claim', exact: true }).click();

    for (const { page } of [ana, bea]) {
      await card(page, 'Claim Bea edits now').waitFor({ state: 'detached' });
      await card(page, 'Parent claim', 'Conclusion').waitFor();
    }
    // Bea's page is not stuck "editing" a claim that is gone, and both can go on.
    expect(await bea.page.getByRole('textbox', { name: /^Claim text/ }).count()).toBe(0);
    for (const { page } of [ana, bea])
      expect(await page.getByText(/stopped working/).count()).toBe(0);
    await addClaimVia(bea.page, 'Add claim', 'Bea carries on');
    await card(ana.page, 'Bea carries on', 'Conclusion').waitFor();
    await addClaimVia(ana.page, 'Add claim', 'Ana carries on');
    await card(bea.page, 'Ana carries on', 'Conclusion').waitFor();
  });
});
