import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
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
} from './browser.ts';

const run = browserAvailable();

const CLAIM = 'Tuition should be free';
const REBUTTAL = 'Free tuition mostly helps the well-off';
const REWORDED = 'Tuition should be cheap';
const ADDED = 'Graduates pay more tax';
const LATE = 'Added while comparing';

describe.skipIf(!run)('versions in the browser', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  it('saves a version, compares it with the edits made since, and restores the old text', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Versions test');
    const owner = await newPerson(browser, 'Ana');
    people.push(owner);
    const { page } = owner;
    await openMap(owner, mapUrl(relay.httpUrl, map));
    await addClaimVia(page, 'Add claim', CLAIM);
    await addClaimVia(page, 'Add rebuttal', REBUTTAL);
    await card(page, REBUTTAL).waitFor();
    await page.getByText('· All changes saved').waitFor();

    // Save a version, named.
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Versions' });
    await panel.getByRole('textbox', { name: 'Name of the version' }).fill('First draft');
    await panel.getByRole('button', { name: 'Save version' }).click();
    await panel.getByText('Saved version “First draft”.').waitFor();
    await panel.getByText(/ · by Ana · 3 added$/).waitFor();

    // Edits since: reword the conclusion, delete the rebuttal, add a claim.
    await card(page, CLAIM, 'Conclusion').click();
    await page.keyboard.press('Enter');
    await focusedEditor(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(REWORDED);
    await page.keyboard.press('Escape');
    await card(page, REWORDED, 'Conclusion').waitFor();
    await card(page, REBUTTAL).click();
    await page.getByRole('button', { name: 'Delete claim' }).click();
    await card(page, REBUTTAL).waitFor({ state: 'detached' });
    await addClaimVia(page, 'Add claim', ADDED);
    await card(page, ADDED, 'Conclusion').waitFor();
    await page.getByText('· All changes saved').waitFor();

    // Open shows the version as it was, read-only.
    await panel.getByRole('button', { name: 'Open “First draft”' }).click();
    const opened = page.getByRole('dialog', { name: 'Version “First draft” (read only)' });
    const listed = opened.getByRole('list', { name: 'Claims in this version' });
    await listed.waitFor();
    expect(await listed.getByRole('listitem').allTextContents()).toEqual([CLAIM, REBUTTAL]);
    await opened.getByRole('img', { name: /as it was in version “First draft”/ }).waitFor();
    await opened.getByRole('button', { name: 'Close' }).click();
    await opened.waitFor({ state: 'detached' });

    // Compare shows exactly them: on the canvas and in the list.
    await panel.getByRole('button', { name: 'Compare with now: “First draft”' }).click();
    const changes = panel.getByRole('region', { name: 'Changes since “First draft”' });
    await changes.waitFor();
    const items = await changes
      .getByRole('button')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(items).toEqual([
      `Added: ${ADDED}`,
      `Removed: ${REBUTTAL}`,
      `Changed: ${CLAIM} → ${REWORDED}`,
      `Reason removed: rebutted “${REWORDED}”`,
    ]);
    const since = (mark: string) => `(${mark} since “First draft”)`;
    await page
      .getByRole('group', { name: `Conclusion ${since('added')}: ${ADDED}`, exact: true })
      .waitFor();
    await page
      .getByRole('group', { name: `Conclusion ${since('changed')}: ${REWORDED}`, exact: true })
      .waitFor();
    const ghost = page.getByRole('group', {
      name: `Removed since “First draft”: ${REBUTTAL}`,
      exact: true,
    });
    await ghost.waitFor();
    expect(await ghost.getByText('Removed', { exact: true }).count()).toBe(1);
    // The list jumps to what each change is about.
    await changes.getByRole('button', { name: `Added: ${ADDED}` }).click();
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
      .toContain(ADDED);

    // The comparison follows the map while it is open.
    await addClaimVia(page, 'Add claim', LATE);
    await changes.getByRole('button', { name: `Added: ${LATE}` }).waitFor();
    await page
      .getByRole('group', { name: `Conclusion ${since('added')}: ${LATE}`, exact: true })
      .waitFor();

    // Restore, after confirming: the old text and the deleted claim come back.
    await panel.getByRole('button', { name: 'Restore “First draft”' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore “First draft”?' });
    await confirm.getByRole('button', { name: 'Restore this version' }).click();
    await panel.getByText(/Restored “First draft”/).waitFor();
    await card(page, CLAIM, 'Conclusion').waitFor();
    await card(page, REBUTTAL).waitFor();
    await card(page, ADDED, 'Conclusion').waitFor({ state: 'detached' });
    await card(page, LATE, 'Conclusion').waitFor({ state: 'detached' });
  });

  it('offers a viewer the versions to open and compare, but no saving or restoring', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Viewer versions');
    const auth = { authorization: `Bearer ${map.token ?? ''}` };
    const post = (path: string, body: unknown) =>
      fetch(`${relay.httpUrl}/api/maps/${map.id}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(body),
      });
    expect((await post('/versions', { name: 'Shared draft' })).status).toBe(201);
    const link = (await (await post('/links', { role: 'viewer' })).json()) as { token: string };
    const viewer = await newPerson(browser, 'Vic');
    people.push(viewer);
    await openMap(viewer, mapUrl(relay.httpUrl, { id: map.id, token: link.token }));
    const { page } = viewer;
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Versions' });
    await panel.getByRole('button', { name: 'Compare with now: “Shared draft”' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Open “Shared draft”' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Save version' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Compare with now: “Shared draft”' }).click();
    await panel.getByText('Nothing has changed since “Shared draft”.').waitFor();
  });
});
