import { addClaim } from '@warrant/shared';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  browserAvailable,
  browserSuite,
  card,
  mapUrl,
  newPerson,
  openMap,
  type OwnedMap,
} from './browser.ts';

const run = browserAvailable();

/** The conclusion every map here starts with, seeded by another client. */
const SEED = 'Peace needs deterrence';

/**
 * Typed as fast as a keyboard sends keys: capitals (Shift), a slip taken back with Backspace,
 * letters that are shortcuts on their own (o, c, s, r, n, m, p) and characters no US key makes
 * (’ and …), which arrive as text input rather than key presses.
 */
async function typeAtOnce(page: Page): Promise<void> {
  await page.keyboard.type('Collective securitx', { delay: 0 });
  await page.keyboard.press('Backspace');
  await page.keyboard.type('y, not NATO’s deterrence, keeps peace…', { delay: 0 });
}
const TYPED = 'Collective security, not NATO’s deterrence, keeps peace…';

describe.skipIf(!run)('typing at once into a claim whose editor is still loading', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  async function seededMap(title: string): Promise<OwnedMap> {
    const id = await relay.createMap(title);
    const writer = newClient(relay, id);
    await writer.synced();
    addClaim(writer.doc, { text: SEED });
    await waitFor(
      async () => {
        const res = await relay.fetch(`/api/maps/${id}`);
        const body = (await res.json()) as { stats?: { claims?: number } };
        return body.stats?.claims === 1;
      },
      { what: 'the relay to hold the seeded claim' },
    );
    writer.destroy();
    const token = relay.tokenFor(id);
    return token ? { id, token } : { id };
  }

  /**
   * A first visit (a new browser context: nothing cached) where the editor's code is held
   * back until `release` is called, as on a slow network; `loaded` says whether it has come.
   */
  async function freshVisit(title: string) {
    const map = await seededMap(title);
    const person = await newPerson(browser, 'Tia');
    people.push(person);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let loaded = false;
    await person.context.route(/\/assets\/ClaimEditor-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
      loaded = true;
    });
    await openMap(person, mapUrl(relay.httpUrl, map));
    await card(person.page, SEED, 'Conclusion').waitFor();
    return { page: person.page, release, loaded: () => loaded };
  }

  /** Lets the editor's code arrive, and checks nothing typed acted as a shortcut. */
  async function finish(
    visit: Awaited<ReturnType<typeof freshVisit>>,
    expected: { text: string; kind: 'Claim' | 'Conclusion'; cards: number },
  ): Promise<void> {
    const { page } = visit;
    // The keys were all typed before the editor could exist: this is the slow path.
    expect(visit.loaded()).toBe(false);
    visit.release();
    await card(page, expected.text, expected.kind).waitFor();
    await page.getByRole('textbox', { name: /^Claim text/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Map view', pressed: true }).count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('group', { name: /^(Claim|Conclusion): / }).count()).toBe(
      expected.cards,
    );
  }

  it('after "Add claim"', async () => {
    const visit = await freshVisit('Typing after Add claim');
    await visit.page.getByRole('button', { name: 'Add claim', exact: true }).click();
    await typeAtOnce(visit.page);
    await finish(visit, { text: TYPED, kind: 'Conclusion', cards: 2 });
  });

  it('after "Add supporting claim"', async () => {
    const visit = await freshVisit('Typing after Add supporting claim');
    await card(visit.page, SEED, 'Conclusion').click();
    await visit.page.getByRole('button', { name: 'Add supporting claim', exact: true }).click();
    await typeAtOnce(visit.page);
    await finish(visit, { text: TYPED, kind: 'Claim', cards: 2 });
    await visit.page.getByRole('group', { name: 'Reason: supports', exact: true }).waitFor();
  });

  it('after "Add rebuttal"', async () => {
    const visit = await freshVisit('Typing after Add rebuttal');
    await card(visit.page, SEED, 'Conclusion').click();
    await visit.page.getByRole('button', { name: 'Add rebuttal', exact: true }).click();
    await typeAtOnce(visit.page);
    await finish(visit, { text: TYPED, kind: 'Claim', cards: 2 });
    await visit.page.getByRole('group', { name: 'Reason: rebuts', exact: true }).waitFor();
  });

  it('after Enter on a card', async () => {
    const visit = await freshVisit('Typing after Enter');
    await card(visit.page, SEED, 'Conclusion').focus();
    await visit.page.keyboard.press('Enter');
    await visit.page.keyboard.type('. ', { delay: 0 });
    await typeAtOnce(visit.page);
    await finish(visit, { text: `${SEED}. ${TYPED}`, kind: 'Conclusion', cards: 1 });
  });

  it('after a double-click on a card', async () => {
    const visit = await freshVisit('Typing after a double-click');
    await card(visit.page, SEED, 'Conclusion').dblclick();
    await visit.page.keyboard.type('. ', { delay: 0 });
    await typeAtOnce(visit.page);
    await finish(visit, { text: `${SEED}. ${TYPED}`, kind: 'Conclusion', cards: 1 });
  });
});
