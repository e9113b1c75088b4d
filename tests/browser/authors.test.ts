import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import {
  addClaimVia,
  focusedEditor,
  browserAvailable,
  browserSuite,
  card,
  createOwnedMap,
  mapUrl,
  newPerson,
  openMap,
} from './browser.ts';

const run = browserAvailable();

const MINE = 'Tuition should be free';
const THEIRS = 'Graduates pay more tax';

describe.skipIf(!run)('who did what, in the browser', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  it('shows the owner who created each card and who wrote which words; others get no toggle', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Authors test');
    const res = await fetch(`${relay.httpUrl}/api/maps/${map.id}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${map.token}` },
      body: JSON.stringify({ role: 'editor' }),
    });
    const editorLink = (await res.json()) as { id: string; token: string };

    const owner = await newPerson(browser, 'Ana');
    const student = await newPerson(browser, 'Ben');
    people.push(owner, student);
    await openMap(owner, mapUrl(relay.httpUrl, map));
    await addClaimVia(owner.page, 'Add claim', MINE);
    await owner.page.getByText('· All changes saved').waitFor();
    await openMap(student, mapUrl(relay.httpUrl, { id: map.id, token: editorLink.token }));
    await card(student.page, MINE, 'Conclusion').waitFor();
    // Ben writes his claim with a bold word: "Graduates pay **more** tax".
    await student.page.getByRole('button', { name: 'Add claim', exact: true }).click();
    await focusedEditor(student.page);
    await student.page.keyboard.type('Graduates pay ');
    await student.page.keyboard.press('ControlOrMeta+b');
    await student.page.keyboard.type('more');
    await student.page.keyboard.press('ControlOrMeta+b');
    await student.page.keyboard.type(' tax');
    await student.page.keyboard.press('Escape');
    await student.page.getByText('· All changes saved').waitFor();
    expect(await student.page.getByRole('button', { name: 'Show authors' }).count()).toBe(0);

    const { page } = owner;
    await card(page, THEIRS, 'Conclusion').waitFor();
    const toggle = page.getByRole('button', { name: 'Show authors' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const editorName = `Editor link ${editorLink.id.slice(0, 6)}`;
    await card(page, THEIRS, 'Conclusion')
      .getByRole('img', { name: `Created by ${editorName}` })
      .waitFor();
    await card(page, MINE, 'Conclusion')
      .getByRole('img', { name: /^Created by Owner link / })
      .waitFor();
    // Claim text names who wrote each run, not by colour alone.
    await card(page, THEIRS, 'Conclusion').getByTitle(`Written by ${editorName}`).first().waitFor();
    // In its own formatting: the bold word stays bold while authors are shown.
    expect(
      await card(page, THEIRS, 'Conclusion').locator('.authored-run strong').textContent(),
    ).toBe('more');
    const legend = page.getByRole('list', { name: 'Authors legend' });
    await legend.getByText(editorName).waitFor();

    await page.getByRole('button', { name: 'Authors', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Authors' });
    const row = panel.getByRole('row', { name: new RegExp(editorName) });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('1');

    await toggle.click();
    await card(page, THEIRS, 'Conclusion')
      .getByRole('img', { name: /Created by/ })
      .waitFor({
        state: 'detached',
      });
  });
});
