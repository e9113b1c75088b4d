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
  mapUrl,
  newPerson,
  openMap,
  type Person,
  enlist,
} from './browser.ts';

const run = browserAvailable();

const TEMPLATE_CLAIM = 'NATO enlargement made Europe safer';
const TITLE = 'Week 4: mapping the enlargement debate';
const INSTRUCTIONS = 'Support or rebut the claim with passages from both sources.';

/** The dashboard row of a student, and one of its figures by column heading. */
function dashboardRow(page: Page, name: string) {
  return page
    .getByRole('region', { name: 'Copies' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}
const COLUMN = { members: 0, claims: 1 } as const;
async function figure(page: Page, name: string, column: keyof typeof COLUMN): Promise<string> {
  return (await dashboardRow(page, name).getByRole('cell').nth(COLUMN[column]).innerText()).trim();
}

/** A student opens the join link, gives their name, and lands on their own copy, connected. */
async function join(student: Person, joinUrl: string): Promise<string> {
  const { page } = student;
  await page.goto(joinUrl);
  await page.getByRole('heading', { name: TITLE }).waitFor();
  await page.getByText(INSTRUCTIONS).waitFor();
  await page.getByRole('textbox', { name: 'Your name' }).fill(student.name);
  await page.getByRole('button', { name: 'Join and open my copy' }).click();
  await page.waitForURL(/\/maps\/[^/#]+#token=/);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return new URL(page.url()).pathname;
}

describe.skipIf(!run)('the classroom: an instructor and two students in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  const person = (name: string) => enlist(browser, people, name);

  it('asks once whether a map that is no assignment’s copy has feedback, not every few seconds', async () => {
    const noor = await person('Noor');
    const { page } = noor;
    const asked: string[] = [];
    page.on('request', (request) => {
      if (/^\/api\/maps\/[^/]+\/feedback$/.test(new URL(request.url()).pathname)) {
        asked.push(request.url());
      }
    });
    // Page time under the test's control: a minute of it passes without waiting a minute.
    await page.clock.install();
    const map = await createOwnedMap(relay.httpUrl, 'Not a copy');
    await openMap(noor, mapUrl(relay.httpUrl, map));
    await waitFor(() => asked.length === 1, { what: 'the feedback asked for once' });
    await page.clock.fastForward(65_000);
    await page.clock.fastForward(65_000);
    // Room for a request the timers would have sent to show up.
    await page.waitForTimeout(500);
    expect(asked).toHaveLength(1);
  });

  it('makes an assignment, both students join and edit their own copies live on the dashboard, and only the released one sees feedback', async () => {
    // The instructor's map, with one claim every copy starts from.
    const map = await createOwnedMap(relay.httpUrl, 'NATO enlargement');
    const ines = await person('Ines');
    const i = ines.page;
    await openMap(ines, mapUrl(relay.httpUrl, map));
    await addClaimVia(i, 'Add claim', TEMPLATE_CLAIM);
    await i.getByText('· All changes saved').waitFor();

    // The assignment, made from the map's Share dialog.
    await i.getByRole('button', { name: 'Share', exact: true }).click();
    await i
      .getByRole('dialog', { name: 'Share this map' })
      .getByRole('button', { name: 'Make an assignment…' })
      .click();
    const form = i.getByRole('dialog', { name: 'Make an assignment' });
    await form.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    await form.getByRole('textbox', { name: 'Instructions' }).fill(INSTRUCTIONS);
    await form.getByRole('radio', { name: 'Each on their own copy' }).check();
    await form.getByRole('radio', { name: /^The whole map/ }).check();
    await form.getByRole('button', { name: 'Make assignment' }).click();
    const made = i.getByRole('dialog', { name: 'Assignment made' });
    const joinUrl = await made.getByRole('textbox', { name: 'Join link' }).inputValue();
    expect(joinUrl).toMatch(new RegExp(`^${relay.httpUrl}/join/[A-Za-z0-9_-]+$`));
    await made.getByRole('button', { name: 'Open the dashboard' }).click();
    await i.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await i.getByText('No student has joined yet.').waitFor();

    // A rubric of two criteria.
    const rubric = i.getByRole('form', { name: 'Rubric' });
    await rubric.getByRole('button', { name: 'Add criterion' }).click();
    await rubric.getByRole('textbox', { name: 'Criterion 1 title' }).fill('Evidence');
    await rubric.getByRole('spinbutton', { name: 'Points for Evidence' }).fill('6');
    await rubric.getByRole('button', { name: 'Add criterion' }).click();
    await rubric.getByRole('textbox', { name: 'Criterion 2 title' }).fill('Structure');
    await rubric.getByRole('spinbutton', { name: 'Points for Structure' }).fill('4');
    await rubric.getByRole('button', { name: 'Save rubric' }).click();
    await rubric.getByText('Rubric saved: 2 criteria, 10 points.').waitFor();

    // Both students join with their names; each gets their own copy of the map.
    const ada = await person('Ada');
    const bo = await person('Bo');
    const adaCopy = await join(ada, joinUrl);
    const boCopy = await join(bo, joinUrl);
    expect(adaCopy).not.toBe(boCopy);
    await card(ada.page, TEMPLATE_CLAIM, 'Conclusion').waitFor();
    await card(bo.page, TEMPLATE_CLAIM, 'Conclusion').waitFor();
    await ada.page.getByRole('region', { name: 'Assignment' }).getByText(TITLE).waitFor();

    // The dashboard shows both, live: no reload between their edits and the figures.
    await dashboardRow(i, 'Ada').waitFor();
    await dashboardRow(i, 'Bo').waitFor();
    await expect.poll(() => figure(i, 'Ada', 'claims'), { timeout: 20_000 }).toBe('1');
    await card(ada.page, TEMPLATE_CLAIM, 'Conclusion').click();
    await addClaimVia(ada.page, 'Add supporting claim', 'Article 5 deters attacks');
    await card(bo.page, TEMPLATE_CLAIM, 'Conclusion').click();
    await addClaimVia(bo.page, 'Add rebuttal', 'Enlargement provoked Russia');
    await addClaimVia(bo.page, 'Add claim', 'Neutral states fared no worse');
    await ada.page.getByText('· All changes saved').waitFor();
    await bo.page.getByText('· All changes saved').waitFor();
    await expect.poll(() => figure(i, 'Ada', 'claims'), { timeout: 20_000 }).toBe('2');
    await expect.poll(() => figure(i, 'Bo', 'claims'), { timeout: 20_000 }).toBe('3');
    // Each edited their own copy only.
    expect(await card(ada.page, 'Enlargement provoked Russia').count()).toBe(0);
    expect(await card(bo.page, 'Article 5 deters attacks').count()).toBe(0);

    // Every copy compared with the instructor's map: both keep its claim, and add their own.
    const comparison = i.getByRole('region', { name: 'Compared with a reference' });
    await comparison.getByRole('button', { name: 'Compare every copy' }).click();
    await comparison
      .getByText('2 copies compared with “NATO enlargement”', { exact: false })
      .waitFor();
    await comparison.getByText('Every copy has every claim and reason of the reference.').waitFor();
    const extra = (name: string) =>
      comparison
        .getByRole('row')
        .filter({ has: i.getByRole('rowheader', { name, exact: true }) })
        .getByRole('cell')
        .nth(3)
        .innerText();
    expect(await extra('Ada')).toBe('1');
    expect(await extra('Bo')).toBe('2');

    // The instructor opens Ada's copy to review it, with grading beside it, and comments on
    // her claim.
    await i.getByRole('link', { name: 'Open Ada’s copy' }).click();
    const adaClaim = card(i, 'Article 5 deters attacks');
    await adaClaim.waitFor();
    await i.getByRole('complementary', { name: 'Grading' }).getByRole('form').waitFor();
    await adaClaim.click();
    await i
      .getByRole('toolbar', { name: 'Review' })
      .getByRole('button', { name: 'Comment' })
      .click();
    const comments = i.getByRole('complementary', { name: 'Comments' });
    await comments.getByRole('combobox', { name: 'Comment' }).fill('Which source says so?');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await adaClaim.getByRole('button', { name: '1 comment' }).waitFor();
    await i.getByRole('link', { name: 'Back to the dashboard' }).click();

    // Before release, Ada's Comments panel says calmly that comments come with the feedback.
    await ada.page.getByRole('button', { name: 'Comments', exact: true }).click();
    await ada.page
      .getByRole('complementary', { name: 'Comments' })
      .getByText('appear here once they release feedback')
      .waitFor();
    expect(await ada.page.getByText('Which source says so?').count()).toBe(0);

    // Grades Ada and releases her copy only.
    await i.getByRole('button', { name: 'Grade Ada' }).click();
    const grade = i.getByRole('dialog', { name: 'Grade Ada' });
    await grade.getByRole('spinbutton', { name: 'Evidence (out of 6)' }).fill('5');
    await grade.getByRole('spinbutton', { name: 'Structure (out of 4)' }).fill('3');
    await grade.getByText('Total: 8 of 10').waitFor();
    await grade.getByRole('textbox', { name: 'Overall feedback' }).fill('Good use of sources.');
    await grade.getByRole('button', { name: 'Save grade' }).click();
    await grade.getByText('Grade saved: 8 of 10.').waitFor();
    await grade.getByRole('button', { name: 'Release this copy' }).click();
    await grade.getByText('Feedback released to Ada.').waitFor();
    await grade.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => dashboardRow(i, 'Ada').getByRole('cell').nth(8).innerText())
      .toMatch(/^Released /);
    expect(await dashboardRow(i, 'Bo').getByRole('cell').nth(8).innerText()).toBe('Not released');

    // A push says what it is doing while the relay works through the copies, then what it did.
    await i.route(/\/api\/assignments\/[^/]+\/push$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1_000));
      await route.continue();
    });
    await i.getByRole('button', { name: 'Push template changes…' }).click();
    await i
      .getByRole('dialog', { name: 'Push the template’s changes?' })
      .getByRole('button', { name: 'Push to 2 copies' })
      .click();
    const status = i.locator('.dashboard-status');
    await status.getByText('Pushing the template’s changes into 2 copies…').waitFor();
    expect(await i.getByRole('button', { name: 'Push template changes…' }).isDisabled()).toBe(true);
    await status
      .getByText('Pushed to 2 copies: each already had everything in the template.')
      .waitFor();
    await i.unroute(/\/api\/assignments\/[^/]+\/push$/);

    // Ada sees her feedback (her copy asks again while it is not released); Bo does not.
    const feedback = ada.page.getByRole('complementary', { name: 'Feedback' });
    await feedback.waitFor({ timeout: 30_000 });
    await feedback.getByText('Total: 8 of 10').waitFor();
    await feedback.getByText('Good use of sources.').waitFor();
    await feedback.getByText('5 of 6').waitFor();
    // With the release, her copy's comments open too.
    await card(ada.page, 'Article 5 deters attacks')
      .getByRole('button', { name: '1 comment' })
      .waitFor();
    await bo.page
      .getByRole('region', { name: 'Assignment' })
      .getByText('Feedback not released yet')
      .waitFor();
    expect(await bo.page.getByRole('complementary', { name: 'Feedback' }).count()).toBe(0);
    await bo.page.reload();
    await bo.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await bo.page.getByText('Feedback not released yet').waitFor();
    expect(await bo.page.getByText('Good use of sources.').count()).toBe(0);

    // The join link, opened again on Ada's device, leads straight back to her copy.
    await ada.page.goto(joinUrl);
    await ada.page.waitForURL((url) => url.pathname === adaCopy);
    await card(ada.page, 'Article 5 deters attacks').waitFor();
  });
});

describe.skipIf(!run)('joining an assignment in groups, in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  /** An assignment made through the API by the map's owner: its join link. */
  async function assignment(groups: string[] | { size: number }): Promise<string> {
    const map = await createOwnedMap(relay.httpUrl, 'Group work');
    const res = await fetch(`${relay.httpUrl}/api/assignments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${map.token}` },
      body: JSON.stringify({ map: map.id, title: 'Group work', groups }),
    });
    expect(res.status).toBe(201);
    return `${relay.httpUrl}${((await res.json()) as { joinUrl: string }).joinUrl}`;
  }

  async function joinAs(name: string, url: string, group?: string): Promise<Page> {
    const student = await newPerson(browser, name);
    people.push(student);
    const { page } = student;
    await page.goto(url);
    await page.getByRole('textbox', { name: 'Your name' }).fill(name);
    if (group) {
      await page
        .getByRole('group', { name: 'Your group' })
        .getByRole('radio', { name: new RegExp(`^${group} `) })
        .check();
    }
    await page.getByRole('button', { name: 'Join and open my copy' }).click();
    await page.waitForURL(/\/maps\/[^/#]+#token=/);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    return page;
  }

  it('lets students pick a named group, showing how many joined each, and share its copy', async () => {
    const url = await assignment(['Red', 'Blue']);
    const cy = await joinAs('Cy', url, 'Red');
    const dee = await newPerson(browser, 'Dee');
    people.push(dee);
    await dee.page.goto(url);
    const groups = dee.page.getByRole('group', { name: 'Your group' });
    await groups.getByRole('radio', { name: 'Red (1 member)' }).waitFor();
    await groups.getByRole('radio', { name: 'Blue (0 members)' }).waitFor();
    // Joining without a pick says what is missing.
    await dee.page.getByRole('textbox', { name: 'Your name' }).fill('Dee');
    await dee.page.getByRole('button', { name: 'Join and open my copy' }).click();
    await dee.page.getByRole('alert').filter({ hasText: 'Pick your group.' }).waitFor();
    await groups.getByRole('radio', { name: 'Red (1 member)' }).check();
    await dee.page.getByRole('button', { name: 'Join and open my copy' }).click();
    await dee.page.waitForURL(/\/maps\/[^/#]+#token=/);
    expect(new URL(dee.page.url()).pathname).toBe(new URL(cy.url()).pathname);
  });

  it('places students in groups by size without asking them to pick', async () => {
    const url = await assignment({ size: 1 });
    const eve = await joinAs('Eve', url);
    const finn = await newPerson(browser, 'Finn');
    people.push(finn);
    await finn.page.goto(url);
    await finn.page.getByText('You are placed in a group as you join.').waitFor();
    expect(await finn.page.getByRole('radio').count()).toBe(0);
    await finn.page.getByRole('textbox', { name: 'Your name' }).fill('Finn');
    await finn.page.getByRole('button', { name: 'Join and open my copy' }).click();
    await finn.page.waitForURL(/\/maps\/[^/#]+#token=/);
    // Groups of one: each their own copy.
    expect(new URL(finn.page.url()).pathname).not.toBe(new URL(eve.url()).pathname);
  });
});
