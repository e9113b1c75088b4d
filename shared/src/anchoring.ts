import { fuzzyMatch } from './fuzzyQuote.ts';
import { looseHits, loosePattern } from './textFolding.ts';

export { boundedDistance, FUZZY_SIMILARITY, MAX_FUZZY_QUOTE } from './fuzzyQuote.ts';

/**
 * Finding a quote in a text, as W3C Web Annotation selectors describe it:
 * a TextQuoteSelector (`exact` with some `prefix`/`suffix` context) and, optionally, a
 * TextPositionSelector (`start`/`end`) as a hint. Offsets are UTF-16 code units, as in
 * JavaScript strings and `Y.Text`.
 */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  start: number;
  end: number;
}
export interface TextRange {
  start: number;
  end: number;
}

/** How much context a passage keeps on each side of its quote. */
export const CONTEXT_LENGTH = 32;

export function quoteSelector(text: string, range: TextRange): TextQuoteSelector {
  return {
    exact: text.slice(range.start, range.end),
    prefix: text.slice(Math.max(0, range.start - CONTEXT_LENGTH), range.start),
    suffix: text.slice(range.end, range.end + CONTEXT_LENGTH),
  };
}

/**
 * How a quote was found: `exact` — the very words; `loose` — the same words up to whitespace
 * (PDF line breaks) and typographic variants (curly or straight quotes, dashes); `fuzzy` — its
 * context (prefix/suffix, or the position hint) brackets a span whose words differ slightly
 * from the quote (a footnote number removed, a typo fixed), similarity at least
 * `FUZZY_SIMILARITY`.
 */
export type MatchQuality = 'exact' | 'loose' | 'fuzzy';

export interface QuoteMatch extends TextRange {
  quality: MatchQuality;
}

/**
 * Locates a quote: every exact occurrence is scored by how much of its prefix and suffix
 * context matches (then by closeness to the position hint), so a quote that occurs twice
 * lands on the right one. If the exact words are not found, whitespace and typographic
 * variants are compared loosely (PDF-extracted text breaks lines mid-sentence; a cleaned-up
 * copy may not). Failing that, the quote is matched fuzzily, but only where its context or
 * position hint points (see `fuzzyMatch`): the cost stays linear in the text's length.
 */
export function locateQuote(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: TextPositionSelector,
): QuoteMatch | null {
  if (!quote.exact) return null;
  const exact = occurrences(text, quote.exact).map((start) => ({
    start,
    end: start + quote.exact.length,
  }));
  const found = exact.length ? best(text, exact, quote, hint) : null;
  if (found) return { ...found, quality: 'exact' };
  const loose = looseMatch(text, quote, hint);
  if (loose) return { ...loose, quality: 'loose' };
  const fuzzy = fuzzyMatch(text, quote, hint);
  return fuzzy && { ...fuzzy, quality: 'fuzzy' };
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function best(
  text: string,
  ranges: TextRange[],
  quote: { prefix?: string; suffix?: string },
  hint?: TextPositionSelector,
): TextRange | null {
  let winner: TextRange | null = null;
  let winnerScore = -Infinity;
  for (const r of ranges) {
    let score = 0;
    if (quote.prefix) score += commonSuffix(text.slice(0, r.start), quote.prefix);
    if (quote.suffix) score += commonPrefix(text.slice(r.end), quote.suffix);
    // The position hint only breaks ties between equally good contexts.
    if (hint) score -= Math.abs(r.start - hint.start) / (text.length + 1);
    if (score > winnerScore) {
      winner = r;
      winnerScore = score;
    }
  }
  return winner;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function looseMatch(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: TextPositionSelector,
): TextRange | null {
  const needle = quote.exact.trim();
  if (!needle) return null;
  const ranges = looseHits(text, loosePattern(needle)) ?? [];
  return ranges.length ? best(text, ranges, quote, hint) : null;
}
