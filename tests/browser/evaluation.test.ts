import type { Browser } from 'playwright-core';
import { describe, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { addClaimVia, browserAvailable, browserSuite, card, twoPeopleOnNewMap } from './browser.ts';

const run = browserAvailable();

describe.skipIf(!run)('which claims stand, live on two screens', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  const twoPeople = (title: string) => twoPeopleOnNewMap(relay, browser, people, title);

  it('rejects a rebutted claim on B’s screen until A answers the rebuttal, and says why', async () => {
    const [a, b] = await twoPeople('Lens');
    const target = 'Tuition should be free';
    const rebuttal = 'Free tuition mostly helps the well-off';
    const answer = 'Most students from poor families do not enrol today';
    await addClaimVia(a.page, 'Add claim', target);
    await addClaimVia(a.page, 'Add rebuttal', rebuttal);

    await b.page.getByRole('button', { name: 'Which claims stand' }).click();
    const onB = card(b.page, target, 'Conclusion');
    await onB.getByText('Rejected', { exact: true }).waitFor();

    // The rebuttal nobody answered is listed in Checks, and goes to its claim.
    await b.page.getByRole('button', { name: /^Checks/ }).click();
    await b.page
      .getByRole('group', { name: /^Rebuttals never answered \(1\)/ })
      .getByRole('button', { name: `Unanswered rebuttal: ${rebuttal}` })
      .waitFor();

    // A answers the rebuttal (the new rebuttal's card is still selected on A's screen).
    await addClaimVia(a.page, 'Add rebuttal', answer);
    await onB.getByText('Accepted', { exact: true }).waitFor();
    await a.page.getByRole('button', { name: 'Which claims stand' }).click();
    // A's view followed the new claims down the map; the whole of it is one click away.
    await a.page.getByRole('button', { name: 'Fit view' }).click();
    await card(a.page, target, 'Conclusion').getByText('Accepted', { exact: true }).waitFor();
    await card(a.page, rebuttal).getByText('Rejected', { exact: true }).waitFor();

    await onB.click();
    await b.page.getByRole('button', { name: 'Why?', exact: true }).click();
    const why = b.page.getByRole('region', { name: 'Why' });
    await why.getByText('It is accepted: every rebuttal of it fails.').waitFor();
    await why.getByRole('button', { name: `Go to claim: ${rebuttal} (rejected)` }).waitFor();
  });
});
