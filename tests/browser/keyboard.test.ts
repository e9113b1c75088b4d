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
  focusedEditor,
  mapUrl,
  newPerson,
  openMap,
  type Person,
} from './browser.ts';

const run = browserAvailable();

/** The accessible name of whatever has keyboard focus. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(
    "document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''",
  ) as Promise<string>;
}

async function typeClaim(page: Page, text: string): Promise<void> {
  await focusedEditor(page);
  await page.keyboard.type(text);
}

describe.skipIf(!run)('keyboard and pointer editing in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  async function onePerson(title: string): Promise<Person> {
    const map = await createOwnedMap(relay.httpUrl, title);
    const person = await newPerson(browser, 'Kim');
    people.push(person);
    await openMap(person, mapUrl(relay.httpUrl, map));
    return person;
  }

  it('builds, navigates, collapses, deletes and restores an argument in the outline by keyboard alone', async () => {
    const { page } = await onePerson('Keyboard outline');
    await page.keyboard.press('o');
    await page.getByRole('button', { name: 'Outline view', pressed: true }).waitFor();

    await page.keyboard.press('n');
    await typeClaim(page, 'Cities should ban cars downtown');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await typeClaim(page, 'Cars make streets dangerous');
    await page.keyboard.press('Enter'); // the next reason of the same kind, like an outliner
    await typeClaim(page, 'Cars pollute the air');
    await page.keyboard.press('Tab'); // a reason for the claim being written
    await typeClaim(page, 'Exhaust causes asthma in children');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('r');
    await typeClaim(page, 'Electric cars do not pollute the air locally');
    await page.keyboard.press('Escape');

    const item = (text: string) => page.getByRole('treeitem', { name: new RegExp(text) });
    const level = (text: string) => item(text).getAttribute('aria-level');
    await item('Electric cars').waitFor();
    expect(await level('Cities should ban')).toBe('1');
    expect(await level('streets dangerous')).toBe('2');
    expect(await level('Cars pollute')).toBe('2');
    expect(await level('Electric cars')).toBe('3');
    expect(await level('Exhaust causes asthma')).toBe('3');
    expect(await focusedName(page)).toMatch(/Electric cars/);

    await page.keyboard.press('ArrowLeft'); // to the parent
    expect(await focusedName(page)).toMatch(/Cars pollute/);
    await page.keyboard.press('ArrowLeft'); // collapse it
    await item('Electric cars').waitFor({ state: 'detached' });
    expect(await item('Cars pollute').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight'); // expand again
    await item('Electric cars').waitFor();

    await page.keyboard.press('Home');
    expect(await focusedName(page)).toMatch(/Cities should ban/);
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toMatch(/streets dangerous/);
    await page.keyboard.press('Delete');
    await item('streets dangerous').waitFor({ state: 'detached' });
    // Focus moves to the claim it bore on, not to nowhere.
    await waitFor(async () => /Cities should ban/.test(await focusedName(page)), {
      what: 'focus on the parent row after Delete',
    });
    await page.keyboard.press('Control+z');
    await item('streets dangerous').waitFor();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await help.getByText('Add a rebuttal to the selected claim').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('walks the canvas from claim to claim with the arrow keys', async () => {
    const { page } = await onePerson('Keyboard canvas');
    await page.keyboard.press('n');
    await typeClaim(page, 'Top claim');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await typeClaim(page, 'Reason below');
    await page.keyboard.press('Escape');

    await waitFor(async () => /Reason below/.test(await focusedName(page)), {
      what: 'focus back on the card after editing',
    });
    await page.keyboard.press('ArrowUp');
    await waitFor(async () => /Conclusion: Top claim/.test(await focusedName(page)), {
      what: 'focus on the conclusion',
    });
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => /Claim: Reason below/.test(await focusedName(page)), {
      what: 'focus back on the reason',
    });
  });

  it('connects two claims by dragging from one to the other and choosing "Rebuts"', async () => {
    const { page } = await onePerson('Drag to connect');
    for (const text of ['Left conclusion', 'Dragged claim']) {
      await page.keyboard.press('n');
      await typeClaim(page, text);
      await page.keyboard.press('Escape');
    }
    const from = card(page, 'Dragged claim', 'Conclusion').locator('.handle.out');
    const to = card(page, 'Left conclusion', 'Conclusion').locator('.handle.in');
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('handles not on screen');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();

    const dialog = page.getByRole('dialog', { name: 'Connect claims' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /Rebuts/ }).click();
    await page.getByRole('group', { name: 'Reason: rebuts', exact: true }).waitFor();
    await card(page, 'Dragged claim').waitFor();
    await card(page, 'Left conclusion', 'Conclusion').waitFor();
  });

  it('joins a co-premise into a reason and rebuts the inference itself, by the toolbar', async () => {
    const { page } = await onePerson('Linked reasons');
    await addClaimVia(page, 'Add claim', 'Socrates is mortal');
    await addClaimVia(page, 'Add supporting claim', 'Socrates is a man');
    await page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();

    await addClaimVia(page, 'Add co-premise', 'All men are mortal');
    const linked = page.getByRole('group', { name: 'Linked reason: supports', exact: true });
    await linked.waitFor();

    await linked.click();
    await addClaimVia(page, 'Add rebuttal', 'The premises do not establish the conclusion here');
    await page.getByRole('group', { name: 'Reason: undercuts', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Outline view' }).click();
    const row = (text: string) => page.getByRole('treeitem', { name: new RegExp(text) });
    await row('Linked reason').waitFor();
    expect(await row('Socrates is a man').getAttribute('aria-level')).toBe('3');
    expect(await row('All men are mortal').getAttribute('aria-level')).toBe('3');
    expect(await row('do not establish').textContent()).toMatch(/Undercut/);
  });

  it('connects two existing claims by keyboard through "Connect to…"', async () => {
    const { page } = await onePerson('Keyboard connect');
    for (const text of ['Museums should be free', 'Free entry raises visitor numbers']) {
      await page.keyboard.press('n');
      await typeClaim(page, text);
      await page.keyboard.press('Escape');
    }
    // The second claim is selected and focused; C opens the picker.
    await page.keyboard.press('c');
    const picker = page.getByRole('dialog', { name: 'Connect to another claim' });
    await picker.waitFor();
    await page.keyboard.type('museums');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await picker.getByRole('radio', { name: 'Museums should be free' }).isChecked()).toBe(
      true,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
    await card(page, 'Museums should be free', 'Conclusion').waitFor();
    await card(page, 'Free entry raises visitor numbers').waitFor();
  });
});
