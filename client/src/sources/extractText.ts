/**
 * Turning an uploaded file into a source's text, in the browser. Nothing a source contains is
 * ever rendered as markup: HTML is parsed into an inert document (scripts never run there)
 * and only its text is kept; PDFs are read with pdf.js, page by page, with progress.
 */

/** Largest file accepted. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type FileKind = 'text' | 'markdown' | 'html' | 'pdf';

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** What kind of file this is, from its name and type; throws `ImportError` if unsupported. */
export function fileKind(file: { name: string; type: string; size: number }): FileKind {
  if (file.size > MAX_FILE_BYTES) {
    throw new ImportError(
      `“${file.name}” is ${megabytes(file.size)}; the limit is ${megabytes(MAX_FILE_BYTES)}.`,
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

/** The text of an HTML document, block elements on their own lines; nothing is rendered. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc
    .querySelectorAll('script, style, noscript, template, iframe, object, svg')
    .forEach((n) => n.remove());
  const blocks = 'p, div, section, article, li, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, br';
  doc.querySelectorAll(blocks).forEach((n) => n.append(doc.createTextNode('\n\n')));
  const text = doc.body?.textContent ?? '';
  return tidy(text);
}

/** Collapses runs of blank lines and trailing spaces; keeps the words exactly. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Reads a PDF's text layer with pdf.js; `onProgress(done, total)` after each page. */
export async function pdfToText(
  data: ArrayBuffer,
  onProgress: (done: number, total: number) => void,
): Promise<string> {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  let pdf;
  try {
    pdf = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
  } catch (error) {
    throw new ImportError(`This PDF could not be read (${describe(error)}). Nothing was imported.`);
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
    onProgress(n, pdf.numPages);
  }
  await pdf.destroy();
  const text = tidy(pages.join('\n\n'));
  if (!text) {
    throw new ImportError(
      'This PDF has no text layer (it may be a scan). Nothing was imported; paste the text instead.',
    );
  }
  return text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
