import {
  addClaim,
  connect,
  createMap,
  disconnect,
  exportMap,
  importMap,
  listRelations,
  removeClaim,
} from '@warrant/shared';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayProcess } from '../helpers/relay.ts';
import {
  addClaimVia,
  browserAvailable,
  browserSuite,
  mapUrl,
  newPerson,
  openMap,
  type OwnedMap,
} from './browser.ts';

const run = browserAvailable();

const ROOT = 'Cities should charge cars to enter the centre';
const FEWER_CARS = 'Congestion charges cut central traffic by a fifth';
const REVENUE = 'The charge raises money for buses';
const UNFAIR = 'A flat charge weighs most on poor drivers';
const EXTRA = 'Parking is already too expensive downtown';
const LATE = 'Shops in the centre lose customers';

/** Imports a map through the API (ids kept) and answers its id and owner token. */
async function importOwned(baseUrl: string, doc: Y.Doc): Promise<OwnedMap> {
  const res = await fetch(`${baseUrl}/api/maps/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exportMap(doc)),
  });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; ownerToken: string };
  return { id: body.id, token: body.ownerToken };
}

describe.skipIf(!run)('comparing with a reference in the browser', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  it('marks a student map against a pasted reference link and lists what is missing, extra and turned around', async () => {
    // The instructor's reference.
    const model = new Y.Doc();
    createMap(model, { title: 'Model answer' });
    const root = addClaim(model, { text: ROOT });
    const fewer = addClaim(model, { text: FEWER_CARS });
    const revenue = addClaim(model, { text: REVENUE });
    const unfair = addClaim(model, { text: UNFAIR });
    connect(model, { kind: 'support', premises: [fewer], target: { claim: root } });
    connect(model, { kind: 'support', premises: [revenue], target: { claim: root } });
    const rebuttal = connect(model, { kind: 'rebut', premises: [unfair], target: { claim: root } });
    const reference = await importOwned(relay.httpUrl, model);

    // The student's copy: one claim gone, one extra, the rebuttal turned into a support.
    const { doc: copy } = importMap(exportMap(model));
    removeClaim(copy, revenue);
    const extra = addClaim(copy, { text: EXTRA });
    connect(copy, { kind: 'rebut', premises: [extra], target: { claim: root } });
    disconnect(copy, rebuttal);
    connect(copy, { kind: 'support', premises: [unfair], target: { claim: root } });
    expect(listRelations(copy)).toHaveLength(3);
    const student = await importOwned(relay.httpUrl, copy);

    const person = await newPerson(browser, 'Sam');
    people.push(person);
    const { page } = person;
    await openMap(person, mapUrl(relay.httpUrl, student));
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const panel = page.getByRole('complementary', { name: 'Compare with a reference' });
    await panel
      .getByRole('textbox', { name: 'Reference map (its link or id)' })
      .fill(mapUrl(relay.httpUrl, reference));
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();

    const report = panel.getByRole('region', { name: 'Comparison with “Model answer”' });
    await report.waitFor();
    const items = await report
      .getByRole('button')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(items.filter((l) => !l?.startsWith('Matched'))).toEqual([
      `Missing: ${REVENUE}`,
      `Extra: ${EXTRA}`,
      'Turned around: here supports, in the reference rebuts',
      `Missing reason: “${REVENUE}” supports “${ROOT}”`,
      `Extra reason: “${EXTRA}” rebuts “${ROOT}”`,
    ]);
    await report
      .getByText(/Score \d+%: 3 of 4 reference claims found \(1 extra\), 1 of 3/)
      .waitFor();

    // On the canvas: badges on the student's cards, the missing claim as a ghost.
    const named = (name: string) => page.getByRole('group', { name, exact: true });
    await named(`Conclusion (matched in “Model answer”): ${ROOT}`).waitFor();
    await named(`Claim (extra: not in “Model answer”): ${EXTRA}`).waitFor();
    // The missing claim's ghost is in a row under the map, maybe out of view: the report's
    // entry takes the view there.
    await report.getByRole('button', { name: `Missing: ${REVENUE}` }).click();
    const ghost = named(`Missing: in “Model answer”, not in this map: ${REVENUE}`);
    await ghost.waitFor();
    expect(await ghost.getByText('Missing', { exact: true }).count()).toBe(1);
    await page
      .getByRole('group', {
        name: /^Reason: supports \(turned around: the other kind in “Model answer”\)$/,
      })
      .waitFor();

    // The list jumps to the ghost of a missing claim.
    await report.getByRole('button', { name: `Missing: ${REVENUE}` }).click();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              globalThis as unknown as {
                document: { activeElement: { getAttribute(n: string): string | null } | null };
              }
            ).document.activeElement?.getAttribute('aria-label') ?? '',
        ),
      )
      .toContain(REVENUE);

    // The comparison follows the student's edits.
    await page.getByRole('button', { name: 'Map view' }).click();
    await addClaimVia(page, 'Add claim', LATE);
    await report.getByRole('button', { name: `Extra: ${LATE}` }).waitFor();

    // Stopping clears the marks.
    await panel.getByRole('button', { name: 'Stop comparing' }).click();
    await ghost.waitFor({ state: 'detached' });
  });

  it('says what to paste when the input names no map', async () => {
    const person = await newPerson(browser, 'Kim');
    people.push(person);
    const { page } = person;
    const owned = await importOwned(
      relay.httpUrl,
      (() => {
        const d = new Y.Doc();
        createMap(d, { title: 'Alone' });
        addClaim(d, { text: ROOT });
        return d;
      })(),
    );
    await openMap(person, mapUrl(relay.httpUrl, owned));
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const panel = page.getByRole('complementary', { name: 'Compare with a reference' });
    await panel.getByRole('textbox', { name: 'Reference map (its link or id)' }).fill('not a map!');
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();
    await panel.getByRole('alert').filter({ hasText: 'Paste the reference map’s link' }).waitFor();
    // A map that does not exist: the relay's refusal is shown.
    await panel
      .getByRole('textbox', { name: 'Reference map (its link or id)' })
      .fill(`${relay.httpUrl}/maps/AAAAAAAAAAAAAAAA`);
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();
    await panel
      .getByRole('alert')
      .filter({ hasText: /failed \(404/ })
      .waitFor();
  });
});
