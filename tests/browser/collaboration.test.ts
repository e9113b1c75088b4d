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
  createShareLink,
  focusedEditor,
  mapUrl,
  newPerson,
  openMap,
  twoPeopleOnNewMap,
} from './browser.ts';

const run = browserAvailable();

describe.skipIf(!run)('two people editing one map in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  const twoPeople = (title: string) => twoPeopleOnNewMap(relay, browser, people, title);

  it('shows a claim and a rebuttal that A adds on B’s screen', async () => {
    const [a, b] = await twoPeople('Claim and rebuttal');
    await addClaimVia(a.page, 'Add claim', 'Tuition should be free');
    await addClaimVia(a.page, 'Add rebuttal', 'Free tuition mostly helps the well-off');

    await card(b.page, 'Tuition should be free', 'Conclusion').waitFor();
    await card(b.page, 'Free tuition mostly helps the well-off').waitFor();
    await b.page.getByRole('group', { name: 'Reason: rebuts', exact: true }).waitFor();
  });

  it('shows B’s typing and B’s caret inside A’s claim on A’s screen', async () => {
    const [a, b] = await twoPeople('Typing together');
    await addClaimVia(a.page, 'Add claim', 'Cats are mammals');

    const claimOnB = card(b.page, 'Cats are mammals', 'Conclusion');
    await claimOnB.dblclick();
    await focusedEditor(b.page);
    await b.page.keyboard.press('End');
    await b.page.keyboard.type(' and pets');

    await a.page.getByText('Cats are mammals and pets').waitFor();
    await a.page.locator('.collaboration-carets__label', { hasText: 'Bea' }).waitFor();
    await a.page.getByText('Bea editing').waitFor();
    // The outline shows who is editing which claim too.
    await a.page.getByRole('button', { name: 'Outline view' }).click();
    await a.page
      .getByRole('treeitem', { name: /Cats are mammals and pets.*Bea editing/ })
      .waitFor();
    await a.page.getByRole('button', { name: 'Map view' }).click();

    await b.page.keyboard.press('Escape');
    await card(a.page, 'Cats are mammals and pets', 'Conclusion').waitFor();
    await a.page.locator('.collaboration-carets__label').waitFor({ state: 'detached' });
  });

  it('delivers edits A made offline to B after A reconnects', async () => {
    const [a, b] = await twoPeople('Offline edits');
    await addClaimVia(a.page, 'Add claim', 'Online first');
    await card(b.page, 'Online first', 'Conclusion').waitFor();

    await a.context.setOffline(true);
    await a.page
      .getByRole('status')
      .filter({
        hasText: 'Offline — your edits are kept on this device and will sync when you reconnect',
      })
      .waitFor();
    await card(a.page, 'Online first', 'Conclusion').click();
    await addClaimVia(a.page, 'Add supporting claim', 'Written on the train');
    await card(a.page, 'Written on the train').waitFor();
    expect(await card(b.page, 'Written on the train').count()).toBe(0);

    await a.context.setOffline(false);
    await a.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await card(b.page, 'Written on the train').waitFor();
    await b.page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
  });

  it('undoes only A’s own changes, never B’s, and redoes them', async () => {
    const [a, b] = await twoPeople('Undo is personal');
    await addClaimVia(a.page, 'Add claim', 'Claim by Ana');
    await addClaimVia(b.page, 'Add claim', 'Claim by Bea');
    await card(a.page, 'Claim by Bea', 'Conclusion').waitFor();
    await card(b.page, 'Claim by Ana', 'Conclusion').waitFor();

    const undo = a.page.getByRole('button', { name: 'Undo', exact: true });
    for (let i = 0; i < 20 && (await undo.isEnabled()); i++) await undo.click();
    expect(await undo.isEnabled()).toBe(false);

    for (const page of [a.page, b.page]) {
      await card(page, 'Claim by Ana', 'Conclusion').waitFor({ state: 'detached' });
      await card(page, 'Claim by Bea', 'Conclusion').waitFor();
    }

    const redo = a.page.getByRole('button', { name: 'Redo', exact: true });
    for (let i = 0; i < 20 && (await redo.isEnabled()); i++) await redo.click();
    await card(b.page, 'Claim by Ana', 'Conclusion').waitFor();
    await card(b.page, 'Claim by Bea', 'Conclusion').waitFor();
  });

  it('brings a deleted claim back with its text and its reason on undo (Ctrl+Z)', async () => {
    const [a, b] = await twoPeople('Undo a delete');
    await addClaimVia(a.page, 'Add claim', 'Parent claim');
    await addClaimVia(a.page, 'Add supporting claim', 'Child claim');
    await b.page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();

    await card(a.page, 'Child claim').click();
    await a.page.getByRole('button', { name: 'Delete claim', exact: true }).click();
    await card(b.page, 'Child claim').waitFor({ state: 'detached' });
    await b.page
      .getByRole('group', { name: 'Reason: supports', exact: true })
      .waitFor({ state: 'detached' });

    await a.page.keyboard.press('Control+z');
    await card(b.page, 'Child claim').waitFor();
    await b.page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
    await waitFor(async () => (await card(a.page, 'Parent claim', 'Conclusion').count()) === 1, {
      what: 'the parent to stay a conclusion',
    });
  });

  it('gives a viewer link the live map and no way to change it', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Viewer link');
    expect(map.token, 'the relay hands the creator an owner token').toBeTruthy();
    const [owner, viewer] = await Promise.all([
      newPerson(browser, 'Olu'),
      newPerson(browser, 'Vic'),
    ]);
    people.push(owner, viewer);
    await openMap(owner, mapUrl(relay.httpUrl, map));
    await addClaimVia(owner.page, 'Add claim', 'Owner’s conclusion');

    const url = await createShareLink(owner.page, 'viewer');
    expect(url).toMatch(/#token=/);

    await openMap(viewer, url);
    await viewer.page.getByText('View only', { exact: true }).waitFor();
    await card(viewer.page, 'Owner’s conclusion', 'Conclusion').waitFor();
    expect(await viewer.page.getByRole('button', { name: 'Add claim', exact: true }).count()).toBe(
      0,
    );
    await card(viewer.page, 'Owner’s conclusion', 'Conclusion').dblclick();
    await viewer.page.keyboard.press('n');

    await card(owner.page, 'Owner’s conclusion', 'Conclusion').click();
    await addClaimVia(owner.page, 'Add rebuttal', 'A rebuttal the viewer watches arrive');
    await card(viewer.page, 'A rebuttal the viewer watches arrive').waitFor();
    // The owner's caret (a read-only editor) leaves once their "done editing" arrives, which
    // can be a moment after the text itself.
    await viewer.page.getByRole('textbox', { name: /^Claim text/ }).waitFor({ state: 'detached' });
    expect(await card(owner.page, 'empty').count()).toBe(0);
  });

  it('shows two people whose names share a colour in different colours', async () => {
    const [first, second] = namesSharingAColour();
    const map = await createOwnedMap(relay.httpUrl, 'Colours');
    const [a, b] = await Promise.all([newPerson(browser, first), newPerson(browser, second)]);
    people.push(a, b);
    await openMap(a, mapUrl(relay.httpUrl, map));
    await openMap(b, mapUrl(relay.httpUrl, map));
    const colours = (page: typeof a.page) =>
      page
        .getByRole('list', { name: 'People here: 2' })
        .getByRole('listitem')
        .evaluateAll((items) =>
          items.map((li) => (li as unknown as { style: { background: string } }).style.background),
        );
    for (const { page } of [a, b]) {
      await waitFor(
        async () => {
          const [mine, theirs] = await colours(page);
          return !!mine && !!theirs && mine !== theirs;
        },
        { what: 'two different colours' },
      );
    }
    // Each sees the other in the colour they show themselves.
    await waitFor(async () => (await colours(a.page))[0] === (await colours(b.page))[1], {
      what: 'the same colours on both pages',
    });
  });
});

/**
 * Two names the client's palette gives one colour (client/src/device/identity.ts: a 31-based
 * string hash over 8 colours), found here the same way.
 */
function namesSharingAColour(): [string, string] {
  const slot = (name: string) => {
    let hash = 0;
    for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
    return Math.abs(hash) % 8;
  };
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const name = `Person ${i}`;
    const other = seen.get(slot(name));
    if (other) return [other, name];
    seen.set(slot(name), name);
  }
}
