import { addClaim, addPassage, addSource, cite, connect, type ClaimId } from '@warrant/shared';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { browserAvailable, browserSuite, card, mapUrl, newPerson, openMap } from './browser.ts';

const run = browserAvailable();

/** Claims made by another client before the person arrives, by their text. */
function claims(doc: Y.Doc, texts: string[]): Record<string, ClaimId> {
  return Object.fromEntries(texts.map((text) => [text, addClaim(doc, { text })]));
}

/** The canvas's horizontal pan, as React Flow's viewport transform says it. */
async function panX(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').getAttribute('style');
  const x = /translate\(([-\d.]+)px/.exec(transform ?? '');
  if (!x) throw new Error(`no pan in the viewport's style: ${transform}`);
  return Number(x[1]);
}

describe.skipIf(!run)('loose ends of the editor', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  /** A map another client filled with `build`, opened by a new person. */
  async function openSeeded(title: string, build: (doc: Y.Doc) => void): Promise<Page> {
    const id = await relay.createMap(title);
    const writer = newClient(relay, id);
    await writer.synced();
    writer.doc.transact(() => build(writer.doc));
    const expected = writer.doc.getMap('claims').size;
    await waitFor(
      async () => {
        const res = await relay.fetch(`/api/maps/${id}`);
        const body = (await res.json()) as { stats?: { claims?: number } };
        return body.stats?.claims === expected;
      },
      { what: 'the relay to hold the seeded map' },
    );
    writer.destroy();
    const token = relay.tokenFor(id);
    const person = await newPerson(browser, 'Lou');
    people.push(person);
    await openMap(person, mapUrl(relay.httpUrl, token ? { id, token } : { id }));
    return person.page;
  }

  it('takes one premise out of a linked reason, by the U key and by the toolbar', async () => {
    const page = await openSeeded('Unlinking', (doc) => {
      const c = claims(doc, [
        'Socrates is mortal',
        'Socrates is a man',
        'All men are mortal',
        'Socrates is Greek',
      ]);
      connect(doc, {
        kind: 'support',
        premises: [c['Socrates is a man']!, c['All men are mortal']!, c['Socrates is Greek']!],
        target: { claim: c['Socrates is mortal']! },
      });
    });
    const linked = page.getByRole('group', { name: 'Linked reason: supports', exact: true });
    await linked.waitFor();
    const remove = page.getByRole('button', { name: 'Take out of reason', exact: true });
    expect(await remove.isDisabled()).toBe(true);

    await card(page, 'Socrates is Greek').focus();
    await page.keyboard.press('u');
    // On its own now: a conclusion of nothing, and the reason keeps its two premises.
    await card(page, 'Socrates is Greek', 'Conclusion').waitFor();
    await linked.waitFor();

    await card(page, 'All men are mortal').click();
    await remove.click();
    await card(page, 'All men are mortal', 'Conclusion').waitFor();
    await page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
    await card(page, 'Socrates is a man').waitFor();
    // The last premise cannot leave: the reason would be none.
    await card(page, 'Socrates is a man').click();
    expect(await remove.isDisabled()).toBe(true);

    await page.keyboard.press('Control+z');
    await linked.waitFor();
  });

  it('lists every claim in the outline, those on a cycle that no conclusion reaches too', async () => {
    const page = await openSeeded('Circles', (doc) => {
      const c = claims(doc, [
        'Laws bind us',
        'The law is just because it is the law',
        'It is the law because it is just',
      ]);
      const a = c['The law is just because it is the law']!;
      const b = c['It is the law because it is just']!;
      connect(doc, { kind: 'support', premises: [a], target: { claim: b } });
      connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    });
    await page.getByRole('button', { name: 'Outline view' }).click();
    const item = (text: string) => page.getByRole('treeitem', { name: new RegExp(text) });
    await item('Laws bind us').waitFor();
    await item('The law is just because').first().waitFor();
    await item('It is the law because').first().waitFor();
  });

  it('disables what cannot apply to the selection and says why', async () => {
    const page = await openSeeded('Disabled commands', (doc) => {
      const c = claims(doc, ['Cities should ban cars', 'Cars make streets dangerous']);
      connect(doc, {
        kind: 'support',
        premises: [c['Cars make streets dangerous']!],
        target: { claim: c['Cities should ban cars']! },
      });
    });
    const support = page.getByRole('button', { name: 'Add supporting claim', exact: true });
    expect(await support.isDisabled()).toBe(true);
    expect(await support.getAttribute('aria-description')).toBe('Select a claim to support first');
    expect(await support.getAttribute('title')).toMatch(/Select a claim to support first/);

    await page.getByRole('group', { name: 'Reason: supports', exact: true }).click();
    expect(await support.isDisabled()).toBe(true);
    expect(await support.getAttribute('aria-description')).toMatch(/A reason cannot be supported/);
    // A rebuttal of a reason is an undercut: that one applies.
    expect(await page.getByRole('button', { name: 'Add rebuttal', exact: true }).isDisabled()).toBe(
      false,
    );
    // S does nothing here either (no claim is added, no error shown).
    await page.keyboard.press('s');
    expect(await page.getByRole('group', { name: /^(Claim|Conclusion): / }).count()).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);

    await card(page, 'Cities should ban cars', 'Conclusion').click();
    expect(await support.isDisabled()).toBe(false);
    expect(await support.getAttribute('aria-description')).toBeNull();
  });

  it('takes shortcut letters in capitals (Shift or Caps Lock) and lists every shortcut', async () => {
    const page = await openSeeded('Capitals', (doc) => {
      claims(doc, ['Museums should be free']);
    });
    await page.keyboard.press('Shift+O');
    await page.getByRole('button', { name: 'Outline view', pressed: true }).waitFor();
    await page.keyboard.press('Shift+M');
    await page.getByRole('button', { name: 'Map view', pressed: true }).waitFor();
    await card(page, 'Museums should be free', 'Conclusion').focus();
    await page.keyboard.press('Shift+C');
    const picker = page.getByRole('dialog', { name: 'Connect to another claim' });
    await picker.waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const keys of ['Delete or Backspace', 'Escape', 'U', 'N', 'S', 'R', 'P', 'C', '?'])
      await help.getByText(keys, { exact: true }).first().waitFor();
    await help.getByText('Clear the selection').waitFor();
  });

  it('pans the map from the keyboard with the overview’s Pan buttons', async () => {
    const page = await openSeeded('Panning', (doc) => {
      claims(doc, ['A claim to look around']);
    });
    await card(page, 'A claim to look around', 'Conclusion').waitFor();
    const before = await panX(page);
    await page.getByRole('button', { name: 'Pan right' }).focus();
    await page.keyboard.press('Enter');
    await waitFor(async () => (await panX(page)) < before - 100, { what: 'the view to pan right' });
    const right = await panX(page);
    await page.getByRole('button', { name: 'Pan left' }).focus();
    await page.keyboard.press('Space');
    await waitFor(async () => (await panX(page)) > right + 100, { what: 'the view to pan left' });
  });

  it('draws an undercut as a dotted arrow labelled "undercut", into the reason it attacks', async () => {
    const page = await openSeeded('Undercuts', (doc) => {
      const c = claims(doc, ['The streets are wet', 'It rained', 'The street cleaner came by']);
      const r = connect(doc, {
        kind: 'support',
        premises: [c['The streets are wet']!],
        target: { claim: c['It rained']! },
      });
      connect(doc, {
        kind: 'rebut',
        premises: [c['The street cleaner came by']!],
        target: { relation: r },
      });
    });
    await page.getByRole('group', { name: 'Reason: undercuts', exact: true }).waitFor();
    await page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
    const edge = page.locator('.react-flow__edge.undercut');
    expect(await edge.count()).toBe(1);
    expect(await edge.getByText('undercut', { exact: true }).count()).toBe(1);
    const dash = await edge.locator('path.react-flow__edge-path').getAttribute('style');
    expect(dash).toMatch(/stroke-dasharray: 2(px)?,? 4/);
    // Other rebuttals stay dashed, supports solid, and neither is labelled.
    expect(
      await page.locator('.react-flow__edge:not(.undercut) .react-flow__edge-text').count(),
    ).toBe(0);
  });

  it('edits a source’s details, and removes it saying what goes with it, undoably', async () => {
    const page = await openSeeded('Sources', (doc) => {
      const c = claims(doc, ['NATO only defends its members']);
      const source = addSource(doc, {
        title: 'Notes on NATO',
        authors: ['Ann Author'],
        issued: '2020',
        kind: 'report',
        body: 'NATO is a defensive alliance. Its members defend each other.',
      });
      const passage = addPassage(doc, { source, exact: 'NATO is a defensive alliance.' });
      cite(doc, { claim: c['NATO only defends its members']!, passage, stance: 'support' });
    });
    await page.getByRole('button', { name: 'Open reader' }).click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    await reader.getByText('Notes on NATO', { exact: true }).waitFor();

    await reader.getByRole('button', { name: 'Edit source details' }).click();
    const details = page.getByRole('dialog', { name: 'Source details' });
    await details.getByRole('textbox', { name: 'Title' }).fill('Notes on the alliance');
    await details
      .getByRole('textbox', { name: 'Authors (separated by semicolons)' })
      .fill('Ann Author; Bo Writer');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.waitFor({ state: 'detached' });
    await reader.getByText('Notes on the alliance', { exact: true }).waitFor();
    await reader.getByText(/Ann Author, Bo Writer/).waitFor();

    await reader.getByRole('button', { name: 'Remove source' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove this source?' });
    await confirm
      .getByText(/1 quoted passage goes with it, and with it 1 citation by 1 claim/)
      .waitFor();
    await confirm.getByRole('button', { name: 'Remove source' }).click();
    await confirm.waitFor({ state: 'detached' });
    await reader.getByText('This map has no sources yet.').waitFor();
    // The claim stays, without the evidence.
    await card(page, 'NATO only defends its members', 'Conclusion').waitFor();
    expect(
      await page.getByRole('button', { name: /^Evidence that supports this claim/ }).count(),
    ).toBe(0);

    await page.keyboard.press('Control+z');
    await reader.getByText('Notes on the alliance', { exact: true }).waitFor();
    await page
      .getByRole('button', { name: /^Evidence that supports this claim/ })
      .first()
      .waitFor();
  });
});
