/**
 * Turning an uploaded file into a source's text, in the browser. Nothing a source contains is
 * ever rendered as markup: HTML is parsed into an inert document (scripts never run there)
 * and only its text is kept; PDFs are read with pdf.js, page by page, with progress.
 */

import { errorMessage } from '../ui/failure.ts';

/**
 * Largest file accepted: 10 MB. A long book's text is well under the model's 5 million
 * characters (MAX_SOURCE_TEXT); a bigger file is mostly images, and reading it in the page
 * would stall the tab for little text.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type FileKind = 'text' | 'markdown' | 'html' | 'pdf';

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** What kind of file this is, from its name and type; throws `ImportError` if unsupported. */
export function fileKind(file: { name: string; type: string; size: number }): FileKind {
  if (file.size > MAX_FILE_BYTES) {
    throw new ImportError(
      `“${file.name}” is ${megabytes(file.size)}; the limit is ${megabytes(MAX_FILE_BYTES)}. Nothing was imported.`,
    );
  }
  const name = file.name.toLowerCase();
  if (name.endsWith('.pdf') || file.type === 'application/pdf') return 'pdf';
  if (name.endsWith('.html') || name.endsWith('.htm') || file.type === 'text/html') return 'html';
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  if (name.endsWith('.txt') || file.type === 'text/plain') return 'text';
  throw new ImportError(
    `“${file.name}” is not a file Warrant can read. Use a .txt, .md, .html or .pdf file, or paste the text.`,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A document's text and, when it names them, a title and authors for the citation. */
export interface Extracted {
  text: string;
  title?: string;
  authors?: string[];
}

/**
 * The text of an HTML document, block elements on their own lines; nothing is rendered.
 * DOMParser makes an inert document: its scripts never run and nothing it links is loaded.
 */
export function htmlToText(html: string): Extracted {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc
    .querySelectorAll('script, style, noscript, template, iframe, object, embed, svg, math')
    .forEach((n) => n.remove());
  collapseMarkupSpace(doc);
  doc.querySelectorAll('br').forEach((n) => n.replaceWith(doc.createTextNode('\n')));
  const blocks =
    'p, div, section, article, main, header, footer, aside, nav, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, figcaption, table';
  doc.querySelectorAll(blocks).forEach((n) => {
    n.before(doc.createTextNode('\n\n'));
    n.append(doc.createTextNode('\n\n'));
  });
  const author = doc.querySelector('meta[name="author" i]')?.getAttribute('content')?.trim();
  const title = doc.title.trim();
  return {
    text: tidy(doc.body.textContent ?? ''),
    ...(title ? { title } : {}),
    ...(author ? { authors: [author] } : {}),
  };
}

/**
 * HTML's own whitespace is not the author's: indentation and line breaks inside a paragraph's
 * markup read as one space, as a browser shows them (except in <pre>).
 */
function collapseMarkupSpace(doc: Document): void {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('pre')) continue;
    node.nodeValue = (node.nodeValue ?? '').replace(/\s+/g, ' ');
  }
}

/** Reads a file as UTF-8 text; `onProgress(bytesRead, size)` as it goes (large files). */
export function readTextFile(
  file: Blob,
  onProgress: (done: number, total: number) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file, 'utf-8');
  });
}

/**
 * Whether decoded file content is text at all: a binary file renamed to .txt decodes to NUL
 * bytes and U+FFFD replacement characters.
 */
export function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 100_000);
  let bad = 0;
  for (const ch of sample) if (ch === '\u0000' || ch === '\uFFFD') bad++;
  return bad <= sample.length / 100;
}

/**
 * A text or Markdown file's text, kept as it is (its words, line breaks and spacing are what
 * passages quote), but for a byte-order mark and Windows line endings.
 */
export function plainFileText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Collapses runs of blank lines and spaces at line ends and starts; keeps the words. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Reads a PDF's text layer with pdf.js (in a worker bundled with the app, never a CDN), and
 * its title and author if it records them; `onProgress(done, total)` after each page.
 */
export async function pdfToText(
  data: ArrayBuffer,
  onProgress: (done: number, total: number) => void,
): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  const task = pdfjs.getDocument({ data, isEvalSupported: false });
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (error) {
      throw new ImportError(
        `This PDF could not be read (${errorMessage(error)}). Nothing was imported.`,
      );
    }
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      pages.push(lines.join('\n'));
      page.cleanup();
      onProgress(n, pdf.numPages);
    }
    // One line break between pages, not a blank line: a paragraph that goes on over the
    // page stays one paragraph in the reader (see readingParagraphs).
    const text = tidy(pages.join('\n'));
    if (!text) {
      throw new ImportError(
        'This PDF has no text layer (it may be a scan). Nothing was imported; paste the text instead.',
      );
    }
    const info = await pdf.getMetadata().then(
      (m) => m.info as { Title?: unknown; Author?: unknown },
      () => ({}) as { Title?: unknown; Author?: unknown },
    );
    const title = typeof info.Title === 'string' ? info.Title.trim() : '';
    const author = typeof info.Author === 'string' ? info.Author.trim() : '';
    return { text, ...(title ? { title } : {}), ...(author ? { authors: [author] } : {}) };
  } finally {
    await task.destroy();
  }
}
