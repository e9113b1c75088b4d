import { loadSource, REEDER, SIDDIQI } from '@warrant/fixtures';
import {
  addClaim,
  addPassage,
  addSource,
  cite,
  editSourceText,
  listClaims,
  listPassages,
  listSources,
  sourceText,
} from '@warrant/shared';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  browserAvailable,
  builtClient,
  card,
  launchBrowser,
  mapUrl,
  newPerson,
  openMap,
  type OwnedMap,
  type Person,
} from './browser.ts';

const run = browserAvailable();
const SENTENCE = 'NATO is a defensive alliance.';

/**
 * Selects `text` inside the reader's text, as a person dragging over it would; with `part`,
 * only that [from, to) slice of it (to pick a few characters that occur elsewhere too).
 */
async function selectInReader(page: Page, text: string, part?: [number, number]): Promise<void> {
  const found = await page.evaluate(
    ([wanted, from, to]) => {
      // Runs in the page; typed loosely because tests/ compiles without DOM types.
      const g = globalThis as unknown as {
        document: {
          querySelector(s: string): unknown;
          createTreeWalker(root: unknown, what: number): { nextNode(): unknown };
          createRange(): {
            setStart(n: unknown, o: number): void;
            setEnd(n: unknown, o: number): void;
          };
        };
        getSelection(): { removeAllRanges(): void; addRange(r: unknown): void };
      };
      const root = g.document.querySelector('.reader-text');
      const walker = g.document.createTreeWalker(root, 4);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = (node as { nodeValue: string }).nodeValue;
        const at = value.indexOf(wanted);
        if (at === -1) continue;
        const range = g.document.createRange();
        range.setStart(node, at + from);
        range.setEnd(node, at + to);
        const sel = g.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return true;
      }
      return false;
    },
    [text, part?.[0] ?? 0, part?.[1] ?? text.length] as const,
  );
  expect(found, `“${text}” in the reader`).toBe(true);
}

/**
 * A minimal PDF: each page prints its lines top down, in Helvetica; `info` becomes its
 * document information (title, author). pdf.js rebuilds the cross-reference table.
 */
function pdfOf(
  pages: readonly (readonly string[])[],
  info?: { title: string; author: string },
): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const kids: number[] = [];
  for (const lines of pages) {
    const ops = lines.map((l, i) => `${i === 0 ? '72 720' : '0 -16'} Td (${l}) Tj`).join(' ');
    const stream = `BT /F1 12 Tf ${ops} ET`;
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${objects.length} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
    );
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  if (info) objects.push(`<< /Title (${info.title}) /Author (${info.author}) >>`);
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  const infoRef = info ? ` /Info ${objects.length} 0 R` : '';
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A minimal one-page PDF with one line of text. */
function tinyPdf(line: string): Buffer {
  return pdfOf([[line]]);
}

describe.skipIf(!run)('sources, the reader and evidence in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people: Person[] = [];
  const files = mkdtempSync(join(tmpdir(), 'warrant-upload-'));

  beforeAll(async () => {
    const dist = await builtClient();
    [relay, browser] = await Promise.all([
      newRelay({ env: { WARRANT_CLIENT_DIST: dist } }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    for (const p of people) expect(p.errors, `page errors in ${p.name}'s browser`).toEqual([]);
    await browser?.close();
    await relay?.dispose();
  });

  /** A map holding the Reeder article and one claim without evidence. */
  async function mapWithReeder(title: string, claim: string): Promise<OwnedMap> {
    const id = await relay.createMap(title);
    const writer = newClient(relay, id);
    await writer.synced();
    const reeder = loadSource(REEDER);
    addSource(writer.doc, {
      title: reeder.title,
      authors: reeder.authors,
      issued: reeder.issued,
      kind: reeder.kind,
      body: reeder.text,
    });
    addClaim(writer.doc, { text: claim });
    await waitFor(
      async () => {
        const res = await relay.fetch(`/api/maps/${id}`);
        const body = (await res.json()) as { stats?: { claims?: number; sources?: number } };
        return body.stats?.claims === 1 && body.stats.sources === 1;
      },
      { what: 'the relay to hold the seeded map' },
    );
    writer.destroy();
    const token = relay.tokenFor(id);
    return token ? { id, token } : { id };
  }

  async function person(name: string, map: OwnedMap): Promise<Person> {
    const p = await newPerson(browser, name);
    people.push(p);
    await openMap(p, mapUrl(relay.httpUrl, map));
    return p;
  }

  it('A cites a sentence of the Reeder article; B sees the chip and lands on the passage', async () => {
    const claimText = 'NATO is not a collective security mechanism';
    const map = await mapWithReeder('Citing', claimText);
    const [a, b] = [await person('Ana', map), await person('Bea', map)];

    await card(a.page, claimText, 'Conclusion').click();
    await a.page.getByRole('button', { name: 'Open reader' }).click();
    const reader = a.page.getByRole('complementary', { name: 'Reader' });
    await reader.getByText(SENTENCE, { exact: false }).first().waitFor();
    // The PDF's hard line breaks are joined: the opening paragraph is one paragraph.
    await reader
      .locator('p', { hasText: 'The United Kingdom’s decision to leave the European Union' })
      .filter({ hasText: 'within the global security order.' })
      .waitFor();
    await selectInReader(a.page, SENTENCE);
    await reader.getByRole('button', { name: 'Cite as support' }).click();

    const chipName = new RegExp(
      `^Evidence that supports this claim: “${SENTENCE.replace('.', '\\.')}” — Reeder 2023$`,
    );
    await a.page.getByRole('button', { name: chipName }).waitFor();
    await reader
      .getByRole('button', { name: /^Cited passage: “NATO is a defensive alliance\.”/ })
      .waitFor();

    // B sees the chip, activates it, and lands on the highlighted passage, focused.
    const chip = b.page.getByRole('button', { name: chipName });
    await chip.waitFor();
    await chip.click();
    const passage = b.page.getByRole('complementary', { name: 'Reader' }).getByRole('button', {
      name: /^Cited passage: “NATO is a defensive alliance\.” \(supports 1 claim\)/,
    });
    await passage.waitFor();
    await waitFor(
      () =>
        passage.evaluate(
          (el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement,
        ),
      {
        what: 'the passage to take focus',
      },
    );
    await expect(passage.isVisible()).resolves.toBe(true);
    const box = await passage.boundingBox();
    expect(box && box.y > 0 && box.y < 800).toBe(true);
    // From the highlight, B can jump to the citing claim.
    await b.page
      .getByRole('region', { name: 'Claims citing this passage' })
      .getByRole('button', {
        name: new RegExp(`Go to claim supported by this passage: ${claimText}`),
      })
      .click();
    await waitFor(
      () =>
        card(b.page, claimText, 'Conclusion').evaluate(
          (el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement,
        ),
      { what: 'the citing claim to take focus' },
    );
  });

  it('imports pasted text, a .txt file and a PDF; refuses a corrupt PDF and an oversized file', async () => {
    const map = await mapWithReeder('Importing', 'A claim');
    const a = await person('Ana', map);
    const page = a.page;
    await page.getByRole('button', { name: 'Open reader' }).click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    const sources = reader.getByRole('combobox', { name: 'Source' });
    const count = async () => (await sources.locator('option').count()) as number;
    expect(await count()).toBe(1);

    const openImport = async () => {
      await reader.getByRole('button', { name: 'Import source' }).click();
      return page.getByRole('dialog', { name: 'Import a source' });
    };

    // The Siddiqi op-ed as a .txt upload.
    const siddiqi = loadSource(SIDDIQI);
    const txt = join(files, 'siddiqi.txt');
    writeFileSync(txt, siddiqi.text);
    let dialog = await openImport();
    await dialog.getByLabel(/Upload a file/).setInputFiles(txt);
    await waitFor(
      async () =>
        (await dialog.getByRole('textbox', { name: 'Source text' }).inputValue()).length > 1000,
      {
        what: 'the file to be read',
      },
    );
    await dialog
      .getByRole('textbox', { name: 'Authors (separated by semicolons)' })
      .fill(siddiqi.authors.join('; '));
    await dialog.getByRole('textbox', { name: 'Date' }).fill(siddiqi.issued);
    await dialog.getByRole('button', { name: 'Import source' }).click();
    await waitFor(async () => (await count()) === 2, { what: 'the .txt source to be added' });
    const firstWords = siddiqi.text.trim().split(/\s+/).slice(0, 4).join(' ');
    await reader.locator('.reader-text p').first().waitFor();
    expect(await reader.locator('.reader-text').innerText()).toContain(firstWords);

    // Pasted text, with a citation typed in.
    dialog = await openImport();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Pasted note');
    await dialog
      .getByRole('textbox', { name: 'Source text' })
      .fill('First paragraph\nwrapped here.\n\nSecond paragraph.');
    await dialog.getByRole('button', { name: 'Import source' }).click();
    await reader.locator('p', { hasText: 'First paragraph wrapped here.' }).waitFor();
    expect(await count()).toBe(3);

    // A real PDF is read in the browser, with its text layer.
    const pdf = join(files, 'note.pdf');
    writeFileSync(pdf, tinyPdf('Collective security is a promise.'));
    dialog = await openImport();
    await dialog.getByLabel(/Upload a file/).setInputFiles(pdf);
    await waitFor(
      async () =>
        (await dialog.getByRole('textbox', { name: 'Source text' }).inputValue()).includes(
          'Collective security is a promise.',
        ),
      { what: 'the PDF text to be extracted' },
    );
    await dialog.getByRole('button', { name: 'Import source' }).click();
    await reader.locator('p', { hasText: 'Collective security is a promise.' }).waitFor();
    expect(await count()).toBe(4);

    // A corrupt PDF and an oversized file: a clear message, nothing added.
    const bad = join(files, 'broken.pdf');
    writeFileSync(bad, Buffer.from('%PDF-1.7\nthis is not really a pdf at all\n'));
    const big = join(files, 'big.txt');
    writeFileSync(big, Buffer.alloc(11 * 1024 * 1024, 'a'));
    dialog = await openImport();
    await dialog.getByLabel(/Upload a file/).setInputFiles(bad);
    await dialog
      .getByRole('alert')
      .filter({ hasText: /could not be read|no text layer/ })
      .waitFor();
    await dialog.getByLabel(/Upload a file/).setInputFiles(big);
    await dialog
      .getByRole('alert')
      .filter({ hasText: /the limit is 10\.0 MB/ })
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await count()).toBe(4);
  });

  it('imports both real sources as files; each reads as paragraphs, not printed lines', async () => {
    const map = await mapWithReeder('Real sources', 'A claim');
    const a = await person('Ana', map);
    const page = a.page;
    await page.getByRole('button', { name: 'Open reader' }).click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    const paragraphs = () =>
      reader.locator('.reader-text p').evaluateAll((ps) =>
        // As a person reads it: the spaces a joined line break leaves show as one.
        ps.map((p) => (p as unknown as { textContent: string }).textContent.replace(/\s+/g, ' ')),
      );

    for (const fixture of [loadSource(REEDER), loadSource(SIDDIQI)]) {
      const path = join(files, fixture.file);
      writeFileSync(path, fixture.text);
      await reader.getByRole('button', { name: 'Import source' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import a source' });
      await dialog.getByLabel(/Upload a file/).setInputFiles(path);
      await waitFor(
        async () =>
          (await dialog.getByRole('textbox', { name: 'Source text' }).inputValue()) ===
          fixture.text,
        { what: `${fixture.file} to be read exactly` },
      );
      await dialog.getByRole('textbox', { name: 'Title' }).fill(`${fixture.title} (uploaded)`);
      await dialog
        .getByRole('textbox', { name: 'Authors (separated by semicolons)' })
        .fill(fixture.authors.join('; '));
      await dialog.getByRole('textbox', { name: 'Date' }).fill(fixture.issued);
      await dialog.getByRole('button', { name: 'Import source' }).click();
      await dialog.waitFor({ state: 'detached' });
      await waitFor(
        async () =>
          (await reader.getByRole('combobox', { name: 'Source' }).inputValue()) !== '' &&
          (await reader.locator('.reader-meta strong').innerText()).endsWith('(uploaded)'),
        { what: `the reader to show ${fixture.file}` },
      );
      const shown = await paragraphs();
      const lines = fixture.text.split('\n').filter((l) => l.trim()).length;
      if (fixture.file === SIDDIQI) {
        // Saved one paragraph per line: each line is a paragraph, not one block.
        expect(shown).toHaveLength(lines);
        expect(shown[3]).toMatch(
          /^The Importance of collective security & Ukraine crisis.*threats to the peace\.$/,
        );
      } else {
        // Hard-wrapped PDF text: far fewer paragraphs than printed lines.
        expect(shown.length).toBeGreaterThan(60);
        expect(shown.length).toBeLessThan(lines / 2);
        expect(
          shown.some(
            (t) =>
              t.startsWith('The United Kingdom’s decision to leave the European Union') &&
              t.endsWith('within the global security order.'),
          ),
        ).toBe(true);
        expect(shown.some((t) => t.startsWith('century,17') && t.endsWith(SENTENCE))).toBe(true);
      }
    }
    // The model keeps each text exactly as uploaded.
    const id = map.id;
    const check = newClient(relay, id);
    await check.synced();
    const texts = listSources(check.doc).map((s) => sourceText(check.doc, s.id));
    expect(texts).toContain(loadSource(SIDDIQI).text);
    expect(texts.filter((t) => t === loadSource(REEDER).text)).toHaveLength(2);
    check.destroy();
  });

  it('reads a long PDF page by page with a progress bar; paragraphs run across pages', async () => {
    const map = await mapWithReeder('Long PDF', 'A claim');
    const a = await person('Ana', map);
    const page = a.page;
    // 150 pages of hard-wrapped lines; each page's last paragraph goes on over the page.
    const line = 'collective security is a promise that every state makes to all the';
    const pages = Array.from({ length: 150 }, (_, n) => [
      `Page ${n + 1} opens here and`,
      ...Array.from({ length: 38 }, () => line),
      'others and it is kept on the next page',
    ]);
    const path = join(files, 'long.pdf');
    writeFileSync(path, pdfOf(pages, { title: 'A long report', author: 'Ada Writer' }));
    await page.getByRole('button', { name: 'Open reader' }).click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    await reader.getByRole('button', { name: 'Import source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a source' });
    // Remember whether a progress bar ever showed: it may come and go between two polls.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        sawProgress?: boolean;
        document: { querySelector(s: string): unknown; body: unknown };
        MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void };
      };
      new g.MutationObserver(() => {
        if (g.document.querySelector('[role="dialog"] progress, dialog progress'))
          g.sawProgress = true;
      }).observe(g.document.body, { childList: true, subtree: true, attributes: true });
    });
    await dialog.getByLabel(/Upload a file/).setInputFiles(path);
    const body = dialog.getByRole('textbox', { name: 'Source text' });
    await waitFor(async () => (await body.inputValue()).includes('Page 150 opens here'), {
      what: 'all 150 pages to be read',
    });
    expect(await page.evaluate(() => (globalThis as { sawProgress?: boolean }).sawProgress)).toBe(
      true,
    );
    expect(await dialog.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('A long report');
    await dialog.getByRole('button', { name: 'Import source' }).click();
    await dialog.waitFor({ state: 'detached' });
    const para = reader.locator('.reader-text p', { hasText: 'Page 2 opens here' });
    await para.waitFor();
    // Page 1's last line and page 2's first line are one paragraph in the reader.
    expect((await para.innerText()).replace(/\s+/g, ' ')).toMatch(
      /kept on the next page Page 2 opens here and collective security/,
    );
  });

  it('reduces an HTML upload to its text: no markup shown, no script run', async () => {
    const map = await mapWithReeder('HTML', 'A claim');
    const a = await person('Ana', map);
    const page = a.page;
    const html = join(files, 'page.html');
    writeFileSync(
      html,
      `<!doctype html><html><head><title>An op-ed page</title>
      <meta name="author" content="Ada Writer">
      <script>window.parent.pwned = 1; document.title = 'pwned';</script></head>
      <body><h1>Collective   security</h1>
      <p>First &amp; <b>bold</b> words,
         wrapped in the markup.</p><img src="x" onerror="window.pwned = 2">
      <p>Second paragraph.<script>window.pwned = 3</script></p></body></html>`,
    );
    await page.getByRole('button', { name: 'Open reader' }).click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    await reader.getByRole('button', { name: 'Import source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a source' });
    await dialog.getByLabel(/Upload a file/).setInputFiles(html);
    const body = dialog.getByRole('textbox', { name: 'Source text' });
    await waitFor(async () => (await body.inputValue()).includes('Second paragraph.'), {
      what: 'the HTML to be read',
    });
    expect(await body.inputValue()).toBe(
      'Collective security\n\nFirst & bold words, wrapped in the markup.\n\nSecond paragraph.',
    );
    expect(await dialog.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('An op-ed page');
    expect(
      await dialog.getByRole('textbox', { name: 'Authors (separated by semicolons)' }).inputValue(),
    ).toBe('Ada Writer');
    await dialog.getByRole('button', { name: 'Import source' }).click();
    await reader.locator('p', { hasText: 'First & bold words, wrapped in the markup.' }).waitFor();
    expect(
      await reader.locator('.reader-text b, .reader-text img, .reader-text script').count(),
    ).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');
  });

  it('cites found words from the keyboard alone', async () => {
    const claimText = 'NATO rests on the right of self-defence';
    const map = await mapWithReeder('Keyboard citing', claimText);
    const a = await person('Ana', map);
    const page = a.page;
    await card(page, claimText, 'Conclusion').focus();
    await page.getByRole('button', { name: 'Open reader' }).press('Enter');
    const reader = page.getByRole('complementary', { name: 'Reader' });
    const search = reader.getByRole('searchbox', { name: 'Search in source' });
    await search.focus();
    // Typed with the PDF's line break in mind: the search reads it as a space.
    await page.keyboard.type('its operational mandate derives from Article 51 of the UN Charter');
    await reader.getByText('1 of 1').waitFor();
    await reader.getByRole('button', { name: 'Select match' }).press('Enter');
    await reader.getByRole('button', { name: 'Cite as support' }).press('Enter');
    const chip = page.getByRole('button', {
      name: /^Evidence that supports this claim: “its operational mandate derives from Article 51\s+of the UN Charter” — Reeder 2023$/,
    });
    await chip.waitFor();
    // The passage quotes the source exactly, hard line break and all.
    const check = newClient(relay, map.id);
    await check.synced();
    await waitFor(() => listPassages(check.doc).length === 1, { what: 'the passage to sync' });
    expect(listPassages(check.doc)[0]?.quote.exact).toBe(
      'its operational mandate derives from Article 51 \nof the UN Charter',
    );
    check.destroy();

    // From the highlight (Enter on it), the citing claim is listed; the editor takes the
    // citation back there.
    const highlight = reader.getByRole('button', { name: /^Cited passage: “its operational/ });
    await highlight.focus();
    await page.keyboard.press('Enter');
    const citing = reader.getByRole('region', { name: 'Claims citing this passage' });
    await citing
      .getByRole('button', { name: `Go to claim supported by this passage: ${claimText}` })
      .waitFor();
    await citing
      .getByRole('button', { name: `Remove this citation from claim: ${claimText}` })
      .click();
    await chip.waitFor({ state: 'detached' });
  });

  it('shows a citation whose words were deleted as orphaned, with its original quote', async () => {
    const claimText = 'The alliance is defensive';
    const map = await mapWithReeder('Orphans', claimText);
    const editor = newClient(relay, map.id);
    await editor.synced();
    const source = listSources(editor.doc)[0]!.id;
    const claim = listClaims(editor.doc)[0]!.id;
    const passage = addPassage(editor.doc, { source, exact: SENTENCE });
    cite(editor.doc, { claim, passage, stance: 'support' });
    const a = await person('Ana', map);
    const chipName =
      /^Evidence that supports this claim: “NATO is a defensive alliance\.” — Reeder 2023$/;
    await a.page.getByRole('button', { name: chipName }).waitFor();

    // A cleans up the footnote number glued to the sentence before it: the passage keeps
    // to its words.
    await a.page.getByRole('button', { name: 'Open reader' }).click();
    const reader = a.page.getByRole('complementary', { name: 'Reader' });
    await selectInReader(a.page, 'UN Charter.19', [11, 13]);
    await reader.getByRole('button', { name: 'Delete from source' }).click();
    await reader.getByText('Charter. NATO').waitFor();
    await reader
      .getByRole('button', { name: /^Cited passage: “NATO is a defensive alliance\.”/ })
      .waitFor();
    await a.page.getByRole('button', { name: chipName }).waitFor();
    await waitFor(() => !sourceText(editor.doc, source)?.includes('Charter.19'), {
      what: 'the clean-up to reach the other client',
    });

    // Someone cleaning up the source deletes the whole sentence.
    const at = sourceText(editor.doc, source)!.indexOf(SENTENCE);
    editSourceText(editor.doc, source, { index: at, deleteCount: SENTENCE.length });
    const orphan = a.page.getByRole('button', {
      name: 'Evidence that supports this claim: “NATO is a defensive alliance.” — Reeder 2023 (its words were deleted from the source)',
    });
    await orphan.waitFor();
    await orphan.click();
    const entry = a.page
      .getByRole('region', { name: 'Orphaned passages' })
      .getByRole('listitem')
      .filter({ hasText: SENTENCE });
    await entry.waitFor();
    await waitFor(
      () =>
        entry.evaluate(
          (el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement,
        ),
      { what: 'the orphaned passage to take focus' },
    );
    editor.destroy();
  });

  it('shows a viewer the reader, but no way to cite or import', async () => {
    const map = await mapWithReeder('Viewing', 'A claim to read');
    const res = await relay.fetch(`/api/maps/${map.id}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    const link = (await res.json()) as { token: string };
    const v = await person('Vic', { id: map.id, token: link.token });
    await v.page.getByRole('button', { name: 'Open reader' }).click();
    const reader = v.page.getByRole('complementary', { name: 'Reader' });
    await reader.getByText(SENTENCE, { exact: false }).first().waitFor();
    expect(await reader.getByRole('button', { name: 'Cite as support' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'New claim from passage' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Import source' }).count()).toBe(0);
  });

  it('shows the sample map’s citations from the first start', async () => {
    const list = (await (await relay.fetch('/api/maps')).json()) as { maps: { id: string }[] };
    const sample = list.maps[0];
    expect(sample).toBeDefined();
    if (!sample) return;
    const p = await person('Sam', { id: sample.id });
    await p.page
      .getByRole('button', { name: /^Evidence that (supports|rebuts) this claim: “/ })
      .first()
      .waitFor();
    await p.page.getByRole('button', { name: 'Open reader' }).click();
    await p.page
      .getByRole('complementary', { name: 'Reader' })
      .getByRole('button', { name: /^Cited passage: / })
      .first()
      .waitFor();
  });
});
