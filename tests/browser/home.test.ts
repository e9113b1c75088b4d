import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { browserAvailable, browserSuite, card, newPerson } from './browser.ts';

const run = browserAvailable();

describe.skipIf(!run)('the home page in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  it('creates a map by title, asks the name once, and lists the map under recent maps', async () => {
    const person = await newPerson(browser, 'Ines');
    people.push(person);
    const { page } = person;
    await page.goto(relay.httpUrl);
    await page.getByRole('textbox', { name: 'Map title' }).fill('Should voting be compulsory?');
    await page.getByRole('button', { name: 'New map', exact: true }).click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ines');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Map title' }).inputValue()).toBe(
      'Should voting be compulsory?',
    );
    expect(new URL(page.url()).pathname).toMatch(/^\/maps\/[\w-]+$/);

    await page.getByRole('link', { name: 'All maps' }).click();
    const recent = page.getByRole('link', { name: 'Should voting be compulsory?' });
    await recent.click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    // Asked once: the second visit goes straight to the map.
    expect(await page.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);

    await page.getByRole('button', { name: /Ines \(you\): change your name/ }).click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ines Roca');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /Ines Roca \(you\): change your name/ }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  });

  it('opens the sample NATO debate from the home page', async () => {
    const person = await newPerson(browser, 'Sam');
    people.push(person);
    const { page } = person;
    await page.goto(relay.httpUrl);
    const open = page.getByRole('button', { name: 'Open the sample map' });
    await page.getByText(/NATO/).first().waitFor();
    await open.click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Sam');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('group', { name: /^Conclusion: NATO is an archetypal collective security/ })
      .waitFor();
    await page
      .getByRole('group', { name: /^Linked reason: supports/ })
      .first()
      .waitFor();
    expect(await card(page, 'x').count()).toBe(0);
  });

  it('explains a link to a map that does not exist and offers the way back', async () => {
    const person = await newPerson(browser, 'Noa');
    people.push(person);
    const { page } = person;
    await page.goto(`${relay.httpUrl}/maps/NoSuchMapAtAll`);
    await page.getByRole('textbox', { name: 'Your name' }).fill('Noa');
    await page.getByRole('button', { name: 'Continue' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('There is no map at this address').waitFor();
    await page.getByRole('button', { name: 'Back to your maps' }).click();
    await page.getByRole('button', { name: 'New map', exact: true }).waitFor();
  });
});
