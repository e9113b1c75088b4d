/**
 * The analysed text of an OVA analysis (`analysis.txt` in OVA2-style files, `text.txt` in
 * OVA3's): HTML in which each locution's words are wrapped in
 * `<span class="highlighted" id="node7">…</span>`. Warrant keeps sources as plain text, so
 * the HTML is read into plain text plus the character range each highlight covers there.
 *
 * Plain text is what a browser shows, with two simplifications that make export → import
 * exact: `<br>` is a line break and block elements (`div`, `p`, `li`, headings) start a new
 * line; a raw line break in the HTML is a space; other whitespace is kept as it is (a
 * browser would collapse runs of spaces, but Warrant's sources keep them).
 */

export interface Highlight {
  /** The span's id without OVA's `node` prefix: the id of the node it highlights. */
  node: string;
  start: number;
  end: number;
}

/** A part of the text written by Warrant's exporter: one source. */
export interface TextSection {
  title: string;
  start: number;
  end: number;
}

export interface AnalysedText {
  text: string;
  highlights: Highlight[];
  sections: TextSection[];
}

/** The class Warrant's exporter gives the `div` around each source's text. */
export const SOURCE_CLASS = 'warrant-source';

const BLOCK = new Set([
  'div',
  'p',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'tr',
  'pre',
]);
const TOKEN =
  /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>|&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);/g;
const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function entity(name: string): string | null {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : null;
  }
  return NAMED[name.toLowerCase()] ?? null;
}

function decode(text: string): string {
  return text.replace(
    /&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);/g,
    (all, name: string) => entity(name) ?? all,
  );
}

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1];
    if (name) out.set(name.toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** A raw line break in HTML is a space. */
const spaced = (raw: string): string => (raw.includes('\n') ? raw.replace(/\r?\n/g, ' ') : raw);

/** Reads OVA's HTML into plain text, the highlights' ranges in it and Warrant's sections. */
export function readAnalysisHtml(html: string): AnalysedText {
  let text = '';
  const highlights: Highlight[] = [];
  const sections: TextSection[] = [];
  // Every open span and div, so each close tag ends the right one.
  const spans: { node: string | null; start: number }[] = [];
  const divs: { title: string | null; start: number }[] = [];
  const newLine = (): void => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  let at = 0;
  for (const m of html.matchAll(TOKEN)) {
    text += spaced(html.slice(at, m.index));
    at = m.index + m[0].length;
    const [all, close, rawTag, rawAttrs, ent] = m;
    if (ent !== undefined) {
      text += entity(ent) ?? all;
      continue;
    }
    if (rawTag === undefined) continue; // a comment
    const tag = rawTag.toLowerCase();
    if (tag === 'br') {
      text += '\n';
    } else if (tag === 'span') {
      if (!close) {
        const id = attributes(rawAttrs ?? '').get('id');
        spans.push({ node: id ? id.replace(/^node/, '') : null, start: text.length });
      } else {
        const open = spans.pop();
        if (open?.node && text.length > open.start) {
          highlights.push({ node: open.node, start: open.start, end: text.length });
        }
      }
    } else if (BLOCK.has(tag)) {
      if (tag === 'div' && !close) {
        const attrs = attributes(rawAttrs ?? '');
        const isSource = attrs.get('class')?.split(/\s+/).includes(SOURCE_CLASS);
        newLine();
        divs.push({ title: isSource ? (attrs.get('title') ?? '') : null, start: text.length });
        continue;
      }
      if (tag === 'div' && close) {
        const open = divs.pop();
        if (open?.title != null)
          sections.push({ title: open.title, start: open.start, end: text.length });
      }
      newLine();
    }
  }
  text += spaced(html.slice(at));
  return { text, highlights, sections };
}

/** A passage to highlight in a section's text. */
export interface Mark {
  node: string;
  start: number;
  end: number;
}

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
const escapeAttr = (text: string): string =>
  escapeText(text).replace(/"/g, '&quot;').replace(/<br>/g, ' ');

/**
 * Writes texts as OVA HTML, each in a `div` of class `SOURCE_CLASS` titled with its title,
 * with a highlight span around each mark. Spans nest but cannot cross: a mark that crosses
 * one already placed is not highlighted (its locution still carries its words) and is
 * returned in `unmarked`.
 */
export function writeAnalysisHtml(sections: { title: string; text: string; marks: Mark[] }[]): {
  html: string;
  unmarked: string[];
} {
  const unmarked: string[] = [];
  const html = sections
    .map(({ title, text, marks }) => {
      const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
      const placed: Mark[] = [];
      const stack: Mark[] = [];
      for (const m of sorted) {
        while (stack.length && (stack[stack.length - 1]?.end ?? 0) <= m.start) stack.pop();
        const outer = stack[stack.length - 1];
        if (outer && m.end > outer.end) {
          unmarked.push(m.node);
          continue;
        }
        stack.push(m);
        placed.push(m);
      }
      let out = '';
      let at = 0;
      const open: Mark[] = [];
      const closeUpTo = (pos: number): void => {
        for (let top = open[open.length - 1]; top && top.end <= pos; top = open[open.length - 1]) {
          out += escapeText(text.slice(at, top.end)) + '</span>';
          at = top.end;
          open.pop();
        }
      };
      for (const m of placed) {
        closeUpTo(m.start);
        out +=
          escapeText(text.slice(at, m.start)) + `<span class="highlighted" id="node${m.node}">`;
        at = m.start;
        open.push(m);
      }
      closeUpTo(Infinity);
      out += escapeText(text.slice(at));
      return `<div class="${SOURCE_CLASS}" title="${escapeAttr(title)}">${out}</div>`;
    })
    .join('');
  return { html, unmarked };
}
