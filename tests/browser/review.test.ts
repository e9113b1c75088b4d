import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import {
  addClaimVia,
  browserAvailable,
  browserSuite,
  card,
  createOwnedMap,
  createShareLink,
  enlist,
  mapUrl,
  openMap,
} from './browser.ts';

const run = browserAvailable();

describe.skipIf(!run)('an owner and a commenter reviewing one map in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  const person = (name: string) => enlist(browser, people, name);

  it('lets a commenter comment, mark and suggest but not edit, live for the owner who answers', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Homework review');
    const olu = await person('Olu');
    await openMap(olu, mapUrl(relay.httpUrl, map));
    await addClaimVia(olu.page, 'Add claim', 'Homework should be optional');
    await addClaimVia(olu.page, 'Add supporting claim', 'Children need rest');
    const url = await createShareLink(olu.page, 'commenter');

    const kim = await person('Kim');
    await openMap(kim, url);
    const k = kim.page;
    await k.getByText('Comment only.').waitFor();
    const conclusion = card(k, 'Homework should be optional', 'Conclusion');
    const rest = card(k, 'Children need rest');
    await conclusion.waitFor();

    // The map is read-only for a commenter: no editing commands, and keys change nothing.
    expect(await k.getByRole('button', { name: 'Add claim', exact: true }).count()).toBe(0);
    await rest.click();
    await k.keyboard.press('n');
    await k.keyboard.press('s');
    await k.keyboard.press('Delete');
    await rest.dblclick();
    await k.keyboard.type('x');
    expect(await k.getByRole('textbox', { name: /^Claim text/ }).count()).toBe(0);
    expect(await k.getByRole('group', { name: /^Claim: / }).count()).toBe(1);
    await rest.waitFor();

    // Kim comments on the conclusion (Shift+C) and marks the other claim "Needs evidence".
    await conclusion.click();
    await k.keyboard.press('Shift+C');
    const panelK = k.getByRole('complementary', { name: 'Comments' });
    // @ offers the people on the map; choosing one completes the name.
    const field = panelK.getByRole('combobox', { name: 'Comment' });
    await field.fill('For which ages? ');
    await field.press('End');
    await field.pressSequentially('@Ol');
    await panelK.getByRole('option', { name: '@Olu' }).waitFor();
    await field.press('Enter');
    expect(await field.inputValue()).toBe('For which ages? @Olu ');
    await panelK.getByRole('button', { name: 'Post comment' }).click();
    await conclusion.getByRole('button', { name: '1 comment' }).waitFor();
    // Focus goes back to the card commented on.
    await conclusion.and(k.locator(':focus')).waitFor();

    await rest.click();
    await k.getByRole('toolbar', { name: 'Review' }).getByRole('button', { name: 'Mark…' }).click();
    const markDialog = k.getByRole('dialog', { name: 'Mark this claim' });
    await markDialog.getByRole('radio', { name: /Needs evidence/ }).check();
    await markDialog.getByRole('textbox', { name: 'Note (optional)' }).fill('A study?');
    await markDialog.getByRole('button', { name: 'Mark', exact: true }).click();
    await rest.getByText('Needs evidence').waitFor();

    // Olu sees both live, answers and resolves the thread from the card's count.
    const o = olu.page;
    const conclusionO = card(o, 'Homework should be optional', 'Conclusion');
    await card(o, 'Children need rest').getByText('Needs evidence').waitFor();
    // The outline shows them too.
    await o.getByRole('button', { name: 'Outline view' }).click();
    await o.getByRole('treeitem', { name: /Children need rest.*Needs evidence/ }).waitFor();
    await o.getByRole('treeitem', { name: /Homework should be optional.*1 comment/ }).waitFor();
    await o.getByRole('button', { name: 'Map view' }).click();
    await conclusionO.getByRole('button', { name: '1 comment' }).click();
    const panelO = o.getByRole('complementary', { name: 'Comments' });
    const threadO = panelO.getByRole('article', {
      name: 'Thread: On claim: Homework should be optional',
    });
    await threadO.getByText('For which ages? @Olu').waitFor();
    // It mentions Olu, so it is among Olu's ("Mine").
    await panelO.getByRole('button', { name: 'Mine', exact: true }).click();
    await threadO.waitFor();
    await panelO.getByRole('button', { name: 'Open', exact: true }).click();
    await threadO.getByRole('combobox', { name: 'Reply' }).fill('Up to twelve');
    await threadO.getByRole('button', { name: 'Send reply' }).click();
    await threadO.getByText('Up to twelve').waitFor();
    await threadO.getByRole('button', { name: 'Resolve' }).click();
    await conclusionO.getByRole('button', { name: '1 comment' }).waitFor({ state: 'detached' });

    // The mark filter lists the marked claim; choosing it selects and focuses its card.
    await panelO.getByRole('combobox', { name: 'Claims marked' }).selectOption('Needs evidence');
    const marked = panelO.getByRole('region', { name: 'Claims marked Needs evidence' });
    await marked.getByText('by Kim (A study?)').waitFor();
    await marked.getByRole('button', { name: 'Children need rest' }).click();
    await card(o, 'Children need rest').and(o.locator(':focus')).waitFor();

    // A mark is its author's to remove: Kim removes hers, and it goes from Olu's screen.
    await rest.click();
    await k.getByRole('toolbar', { name: 'Review' }).getByRole('button', { name: 'Mark…' }).click();
    await markDialog.getByRole('button', { name: 'Remove “Needs evidence”' }).click();
    await markDialog.getByRole('button', { name: 'Cancel' }).click();
    await card(o, 'Children need rest').getByText('Needs evidence').waitFor({ state: 'detached' });
    await marked.getByText('None.').waitFor();

    // Kim sees the reply, under Resolved, and the count gone.
    await conclusion.getByRole('button', { name: '1 comment' }).waitFor({ state: 'detached' });
    await panelK.getByRole('button', { name: 'Resolved', exact: true }).click();
    const threadK = panelK.getByRole('article', {
      name: 'Thread: On claim: Homework should be optional',
    });
    await threadK.getByText('Up to twelve').waitFor();
    await threadK.getByText('Resolved', { exact: true }).waitFor();
    await threadK.getByRole('button', { name: 'Reopen' }).waitFor();

    // Kim suggests a rewording; Olu sees it in place and accepts it; both see the new text.
    await conclusion.click();
    await k.getByRole('button', { name: 'Suggest rewording' }).click();
    const rewording = panelK.getByRole('textbox', { name: 'Suggested rewording' });
    expect(await rewording.inputValue()).toBe('Homework should be optional');
    await rewording.fill('Homework should be optional until age twelve');
    await panelK.getByRole('button', { name: 'Suggest', exact: true }).click();

    await conclusionO
      .getByText('Suggested rewording: “Homework should be optional until age twelve”')
      .waitFor();
    const suggestion = panelO.getByRole('article', { name: 'Suggested rewording by Kim' });
    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await card(o, 'Homework should be optional until age twelve', 'Conclusion').waitFor();
    await card(k, 'Homework should be optional until age twelve', 'Conclusion').waitFor();
    await suggestion.waitFor({ state: 'detached' });
    // The accepted rewording is Olu's edit: Olu's undo takes it back.
    await o.keyboard.press('Escape');
    await o.getByRole('button', { name: 'Undo', exact: true }).click();
    await card(k, 'Homework should be optional', 'Conclusion').waitFor();

    // A suggested rebuttal, accepted: a new claim rebutting the conclusion, on both screens.
    await conclusion.click();
    await k.getByRole('button', { name: 'Suggest rebuttal' }).click();
    await panelK
      .getByRole('textbox', { name: 'Suggested rebuttal' })
      .fill('Practice at home builds skill');
    await panelK.getByRole('button', { name: 'Suggest', exact: true }).click();
    await conclusionO.getByText('Suggested rebuttal: “Practice at home builds skill”').waitFor();
    await panelO
      .getByRole('article', { name: 'Suggested rebuttal by Kim' })
      .getByRole('button', { name: 'Accept' })
      .click();
    await card(o, 'Practice at home builds skill').waitFor();
    await card(k, 'Practice at home builds skill').waitFor();
    await k.getByRole('group', { name: 'Reason: rebuts', exact: true }).waitFor();

    // A comment outlives its claim: the thread says it was on a deleted claim.
    await rest.click();
    await k.keyboard.press('Shift+C');
    await panelK.getByRole('combobox', { name: 'Comment' }).fill('Is this true?');
    await panelK.getByRole('button', { name: 'Post comment' }).click();
    await card(o, 'Children need rest').getByRole('button', { name: '1 comment' }).waitFor();
    await card(o, 'Children need rest').click();
    await o.getByRole('button', { name: 'Delete claim' }).click();
    await panelO
      .getByRole('article', { name: 'Thread: On a deleted claim' })
      .getByText('Is this true?')
      .waitFor();
  });

  it('shows comments on a reason to a viewer, read only, with the author’s edits and deletion', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Cars review');
    const olu = await person('Olu');
    const o = olu.page;
    await openMap(olu, mapUrl(relay.httpUrl, map));
    await addClaimVia(o, 'Add claim', 'Cities should ban cars');
    await addClaimVia(o, 'Add supporting claim', 'Cars pollute');
    // Shift+C, the Comment command's shortcut, is listed with the others.
    await o.getByRole('button', { name: 'Keyboard shortcuts', exact: true }).click();
    const help = o.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Comment on the selected claim or reason').waitFor();
    expect(await help.getByText('Shift+C', { exact: true }).count()).toBe(1);
    await help.getByRole('button', { name: 'Close' }).click();

    const reasonO = o.getByRole('group', { name: 'Reason: supports', exact: true });
    await reasonO.click();
    await o
      .getByRole('toolbar', { name: 'Review' })
      .getByRole('button', { name: 'Comment' })
      .click();
    const panelO = o.getByRole('complementary', { name: 'Comments' });
    await panelO.getByRole('combobox', { name: 'Comment' }).fill('Link is weak');
    await panelO.getByRole('button', { name: 'Post comment' }).click();
    await reasonO.getByRole('button', { name: '1 comment' }).waitFor();

    const url = await createShareLink(o, 'viewer');

    const vic = await person('Vic');
    const v = vic.page;
    await openMap(vic, url);
    await v.getByText('View only.').waitFor();
    const reasonV = v.getByRole('group', { name: 'Reason: supports', exact: true });
    await reasonV.getByRole('button', { name: '1 comment' }).click();
    const panelV = v.getByRole('complementary', { name: 'Comments' });
    const threadV = panelV.getByRole('article', { name: 'Thread: On a reason' });
    await threadV.getByText('Link is weak').waitFor();
    expect(await v.getByRole('toolbar', { name: 'Review' }).count()).toBe(0);
    expect(await threadV.getByRole('combobox', { name: 'Reply' }).count()).toBe(0);
    expect(await threadV.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    expect(await threadV.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await threadV.getByRole('button', { name: 'On a reason' }).click();
    // Selected (the canvas centres it; only claim cards take focus on a jump).
    await reasonV.and(v.locator('.selected')).waitFor();

    // Its author edits it, then deletes it: the viewer sees both.
    const threadO = panelO.getByRole('article', { name: 'Thread: On a reason' });
    await threadO.getByRole('button', { name: 'Edit' }).click();
    await threadO.getByRole('combobox', { name: 'Edit your comment' }).fill('The link is weak');
    await threadO.getByRole('button', { name: 'Save' }).click();
    await threadV.getByText('The link is weak').waitFor();
    await threadV.getByText('(edited)').waitFor();
    await threadO.getByRole('button', { name: 'Delete' }).click();
    await threadV.getByText('Comment deleted').waitFor();
    expect(await threadV.getByText('The link is weak').count()).toBe(0);
  });
});
