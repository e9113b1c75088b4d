import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import {
  browserAvailable,
  browserSuite,
  createOwnedMap,
  focusedEditor,
  mapUrl,
  newPerson,
  openMap,
} from './browser.ts';

const run = browserAvailable();

/**
 * A claim's rich text reduced to what a reader sees: tags and text, with links' addresses;
 * no attributes, no wrapping spans, none of the editor's own bits (carets, trailing breaks).
 * Runs in the page, as a string because tests/ compiles without DOM types.
 */
const STRUCTURE = `(selector) => {
  const walk = (node) => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1) return '';
    const cls = node.getAttribute('class') || '';
    if (/ProseMirror-trailingBreak|ProseMirror-separator|collaboration-carets?__/.test(cls)) return '';
    const tag = node.tagName.toLowerCase();
    const inner = [...node.childNodes].map(walk).join('');
    if (tag === 'span' || tag === 'div') return inner;
    const href = tag === 'a' ? ' href="' + node.getAttribute('href') + '"' : '';
    return tag === 'br' || tag === 'hr' ? '<' + tag + '>' : '<' + tag + href + '>' + inner + '</' + tag + '>';
  };
  const el = document.querySelector(selector);
  return el ? [...el.childNodes].map(walk).join('') : null;
}`;

async function structureOf(page: Page, selector: string): Promise<string> {
  const out = (await page.evaluate(`(${STRUCTURE})(${JSON.stringify(selector)})`)) as string | null;
  if (out === null) throw new Error(`nothing matches ${selector}`);
  return out;
}

describe.skipIf(!run)('rich text in a claim', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  it('formats from the format bar and the keyboard, and shows the claim as the editor did', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Rich text');
    const person = await newPerson(browser, 'Rita');
    people.push(person);
    const { page } = person;
    await openMap(person, mapUrl(relay.httpUrl, map));
    const addresses = ['https://example.com/keys', 'https://example.com/nato'];
    page.on('dialog', (dialog) => void dialog.accept(addresses.shift() ?? ''));
    await page.getByRole('button', { name: 'Add claim', exact: true }).click();
    await focusedEditor(page);
    const k = page.keyboard;
    const bar = page.getByRole('toolbar', { name: 'Text formatting' });
    const mark = async (keys: string, text: string) => {
      await k.press(keys);
      await k.type(text);
      await k.press(keys);
      await k.type(' ');
    };
    const barMark = async (button: string, text: string) => {
      await bar.getByRole('button', { name: button }).click();
      await k.type(text);
      await bar.getByRole('button', { name: button }).click();
      await k.type(' ');
    };

    // Every mark, by the keyboard and (bold, italic, link) by the format bar.
    await k.type('plain ');
    await mark('Control+b', 'bold');
    await mark('Control+i', 'italic');
    await mark('Control+u', 'under');
    await mark('Control+Shift+s', 'struck');
    await mark('Control+e', 'code');
    await k.press('Control+b');
    await k.press('Control+i');
    await k.type('both');
    await k.press('Control+i');
    await k.press('Control+b');
    await k.type(' ');
    await barMark('Bold', 'barbold');
    await barMark('Italic', 'baritalic');
    // Links: Ctrl+K, then the format bar, each on words just typed and selected, each
    // followed at once by End and a line break (which, before the caret was read first,
    // could replace the linked word: see client/src/editor/caretFirst.ts).
    await k.type('keys');
    for (let i = 0; i < 4; i++) await k.press('Shift+ArrowLeft');
    await k.press('Control+k');
    await k.press('End');
    await k.press('Shift+Enter');
    await k.type('site');
    for (let i = 0; i < 4; i++) await k.press('Shift+ArrowLeft');
    await bar.getByRole('button', { name: 'Link' }).click();
    await k.press('End');
    await k.press('Shift+Enter');
    await k.type('after a line break');
    // Every node: a heading, lists by keyboard and bar, a quote, code, a rule.
    await k.press('Enter');
    await k.press('Control+Alt+3');
    await k.type('A heading');
    await k.press('Enter');
    await k.type('- one');
    await k.press('Enter');
    await k.type('two');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('1. first');
    await k.press('Enter');
    await k.press('Enter');
    await bar.getByRole('button', { name: 'Bulleted list' }).click();
    await k.type('bar bullet');
    await k.press('Enter');
    await k.press('Enter');
    await bar.getByRole('button', { name: 'Numbered list' }).click();
    await k.type('bar number');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('quoted');
    await k.press('Control+Shift+b');
    await k.press('Enter');
    await k.press('Control+Shift+b');
    await k.type('```');
    await k.type(' let x = 1');
    await k.press('Enter');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('---');
    await k.type('the end');

    const editing = await structureOf(page, '.claim-card .ProseMirror');
    for (const part of [
      '<strong>bold</strong>',
      '<em>italic</em>',
      '<u>under</u>',
      '<s>struck</s>',
      '<code>code</code>',
      '<strong>barbold</strong>',
      '<em>baritalic</em>',
      '<a href="https://example.com/keys">keys</a><br><a href="https://example.com/nato">site</a><br>after a line break',
      '<h3>A heading</h3>',
      '<ul><li><p>one</p></li><li><p>two</p></li></ul>',
      '<ol><li><p>first</p></li></ol>',
      '<ul><li><p>bar bullet</p></li></ul>',
      '<ol><li><p>bar number</p></li></ol>',
      '<blockquote><p>quoted</p></blockquote>',
      '<pre><code>let x = 1</code></pre>',
      '<hr>',
    ])
      expect(editing).toContain(part);
    expect(editing).toMatch(/<(strong|em)><(em|strong)>both<\/\2><\/\1>/);

    await k.press('Escape');
    await page.locator('.claim-card .ProseMirror').waitFor({ state: 'detached' });
    // The card's static text is the editor's, node for node and mark for mark.
    expect(await structureOf(page, '.claim-card .claim-text')).toBe(editing);

    // It was stored as shown: after a reload, and on someone else's screen.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await page.locator('.claim-card .claim-text').waitFor();
    expect(await structureOf(page, '.claim-card .claim-text')).toBe(editing);
    const other = await newPerson(browser, 'Otto');
    people.push(other);
    await openMap(other, mapUrl(relay.httpUrl, map));
    await other.page.locator('.claim-card .claim-text a').first().waitFor();
    expect(await structureOf(other.page, '.claim-card .claim-text')).toBe(editing);
  });

  it('acts on a key where the caret shows, even before the browser has said it moved', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Caret first');
    const person = await newPerson(browser, 'Cara');
    people.push(person);
    const { page } = person;
    await openMap(person, mapUrl(relay.httpUrl, map));
    page.on('dialog', (dialog) => void dialog.accept('https://example.com/nato'));
    await page.getByRole('button', { name: 'Add claim', exact: true }).click();
    await focusedEditor(page);
    const k = page.keyboard;
    await k.type('see site');
    for (let i = 0; i < 4; i++) await k.press('Shift+ArrowLeft');
    await page
      .getByRole('toolbar', { name: 'Text formatting' })
      .getByRole('button', { name: 'Link' })
      .click();
    // The browser moves the caret to the end (as End does) and, in the same task, before its
    // "selectionchange" can run, Shift+Enter arrives: the state of a busy page, made certain.
    await page.evaluate(`(() => {
      const editor = document.activeElement;
      const text = editor.querySelector('a').firstChild;
      getSelection().collapse(text, text.length);
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, shiftKey: true, bubbles: true, cancelable: true }));
    })()`);
    await k.type('next');
    expect(await structureOf(page, '.claim-card .ProseMirror')).toBe(
      '<p>see <a href="https://example.com/nato">site</a><br>next</p>',
    );
  });
});
