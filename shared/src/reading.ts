/**
 * Reading a source as flowing paragraphs. Text extracted from PDFs arrives with a hard line
 * break at the end of every printed line; a reader wants paragraphs. Paragraphs are the runs
 * between blank lines, and inside one every line break reads as a space. That replacement is
 * one character for one, so an offset in a paragraph's display text plus the paragraph's
 * `start` is exactly the offset in the source: quotes are always taken from the original.
 */
export interface ReadingParagraph {
  /** Offset of the paragraph's first character in the source text. */
  readonly start: number;
  /** Offset just past its last character. */
  readonly end: number;
  /** The source text of the paragraph with each line break shown as a space. */
  readonly text: string;
}

const BLANK_LINES = /\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*/g;

export function readingParagraphs(source: string): ReadingParagraph[] {
  const out: ReadingParagraph[] = [];
  const push = (start: number, end: number) => {
    // Trim surrounding whitespace so empty runs vanish and offsets stay exact.
    while (start < end && /\s/.test(source[start] ?? '')) start++;
    while (end > start && /\s/.test(source[end - 1] ?? '')) end--;
    if (end > start)
      out.push({ start, end, text: source.slice(start, end).replace(/[\r\n]/g, ' ') });
  };
  let from = 0;
  for (const m of source.matchAll(BLANK_LINES)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, source.length);
  return out;
}

/** Every occurrence of `query` in `text`, case-insensitively, as [start, end) pairs. */
export function findAll(text: string, query: string): [number, number][] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hay = text.toLowerCase();
  const out: [number, number][] = [];
  for (let at = hay.indexOf(q); at !== -1; at = hay.indexOf(q, at + q.length)) {
    out.push([at, at + q.length]);
  }
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
