/**
 * Reading a source as flowing paragraphs. Text extracted from PDFs arrives with a hard line
 * break at the end of every printed line; a reader wants paragraphs. Inside a paragraph every
 * line break reads as a space. That replacement is one character for one, so an offset in a
 * paragraph's display text plus the paragraph's `start` is exactly the offset in the source:
 * quotes are always taken from the original.
 *
 * Where paragraphs end: at blank lines; and, in hard-wrapped text, also after a line that
 * stops well short of the wrap width with a sentence's end (the last line of a paragraph),
 * before a line that starts a list item, a heading or a footnote ("12  Ibid."), and before
 * an indented line after one that is not (a first-line indent; in PDF-extracted text, the
 * body resuming on a new page after the footnotes). Text
 * whose lines are long (an op-ed saved one paragraph per line) is not hard-wrapped: there
 * every line break ends a paragraph.
 */
export interface ReadingParagraph {
  /** Offset of the paragraph's first character in the source text. */
  readonly start: number;
  /** Offset just past its last character. */
  readonly end: number;
  /** The source text of the paragraph with each line break shown as a space. */
  readonly text: string;
}

/** Lines this long or longer are not hard-wrapped: each one is a paragraph. */
const LONG_LINE = 200;
/** A line ends its paragraph if it ends a sentence and is shorter than this part of the wrap. */
const SHORT_LINE = 0.7;
/** Fewer lines than this give no reliable wrap width; only blank lines split them. */
const MIN_LINES_FOR_WIDTH = 8;
const SENTENCE_END = /[.!?:][’”'")\]]*\d{0,3}\s*$/;
const BLOCK_START = /^\s*(?:[-*•–]\s|\d{1,3}[.)]\s|\d{1,3}\s{2,}\S|#{1,6}\s|>\s)/;
const INDENTED = /^[ \t]+\S/;

interface Line {
  start: number;
  /** Offset of the line break that ends it (or the text's end). */
  end: number;
  length: number;
  blank: boolean;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let from = 0;
  for (;;) {
    const at = source.indexOf('\n', from);
    const end = at === -1 ? source.length : at;
    const body = source.slice(from, end);
    lines.push({ start: from, end, length: body.trimEnd().length, blank: !body.trim() });
    if (at === -1) return lines;
    from = at + 1;
  }
}

/**
 * The width text was wrapped at: the 90th percentile of its line lengths, and whether there
 * are enough lines to trust it for telling a paragraph's short last line apart.
 */
function wrapWidth(lines: readonly Line[]): { width: number; reliable: boolean } {
  const lengths = lines
    .filter((l) => !l.blank)
    .map((l) => l.length)
    .sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  return { width, reliable: lengths.length >= MIN_LINES_FOR_WIDTH };
}

export function readingParagraphs(source: string): ReadingParagraph[] {
  const out: ReadingParagraph[] = [];
  const push = (start: number, end: number) => {
    // Trim surrounding whitespace so empty runs vanish and offsets stay exact.
    while (start < end && /\s/.test(source[start] ?? '')) start++;
    while (end > start && /\s/.test(source[end - 1] ?? '')) end--;
    if (end > start)
      out.push({ start, end, text: source.slice(start, end).replace(/[\r\n]/g, ' ') });
  };
  const lines = splitLines(source);
  const { width, reliable } = wrapWidth(lines);
  const wrapped = width < LONG_LINE;
  let from = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as Line;
    const next = lines[i + 1] as Line;
    const text = source.slice(line.start, line.end);
    const nextText = source.slice(next.start, next.end);
    const ends =
      line.blank ||
      next.blank ||
      !wrapped ||
      BLOCK_START.test(nextText) ||
      (INDENTED.test(nextText) && !INDENTED.test(text)) ||
      (reliable && line.length < width * SHORT_LINE && SENTENCE_END.test(text));
    if (ends) {
      push(from, line.end);
      from = next.start;
    }
  }
  push(from, source.length);
  return out;
}

/**
 * Every occurrence of `query` in `text`, case-insensitively, as [start, end) pairs of source
 * offsets. Whitespace in the query matches any run of whitespace, line breaks included, so a
 * phrase is found across the hard line breaks of PDF-extracted text.
 */
export function findAll(text: string, query: string): [number, number][] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('\\s+'), 'giu');
  const out: [number, number][] = [];
  for (const m of text.matchAll(pattern)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The span with surrounding whitespace left out, so a sloppy selection quotes cleanly. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return [start, end];
}

/** "Reeder 2023", "Siddiqi and Khan 2022", "Smith et al. 2020", or the title if no authors. */
export function shortCitation(meta: {
  authors: readonly string[];
  issued: string;
  title: string;
}): string {
  const surname = (name: string) => {
    const n = name.trim();
    if (n.includes(',')) return n.split(',')[0]?.trim() ?? n;
    return n.split(/\s+/).at(-1) ?? n;
  };
  const names = meta.authors.filter((a) => a.trim());
  const year = /\d{4}/.exec(meta.issued)?.[0] ?? '';
  let who: string;
  if (names.length === 0) who = meta.title.length > 40 ? `${meta.title.slice(0, 39)}…` : meta.title;
  else if (names.length === 1) who = surname(names[0] ?? '');
  else if (names.length === 2) who = `${surname(names[0] ?? '')} and ${surname(names[1] ?? '')}`;
  else who = `${surname(names[0] ?? '')} et al.`;
  return year ? `${who} ${year}` : who;
}

/** A quote cut to about `max` characters at a word boundary, with an ellipsis if cut. */
export function shortQuote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
