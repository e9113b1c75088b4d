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
 * Locates a quote: every exact occurrence is scored by how much of its prefix and suffix
 * context matches (then by closeness to the position hint), so a quote that occurs twice
 * lands on the right one. If the exact words are not found, whitespace is compared loosely
 * (PDF-extracted text breaks lines mid-sentence; a cleaned-up copy may not).
 */
export function locateQuote(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: TextPositionSelector,
): TextRange | null {
  if (!quote.exact) return null;
  const exact = occurrences(text, quote.exact).map((start) => ({
    start,
    end: start + quote.exact.length,
  }));
  if (exact.length) return best(text, exact, quote, hint);
  return looseMatch(text, quote, hint);
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

/** Collapses whitespace runs to one space, remembering where each kept char came from. */
function normalize(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (!inSpace) {
        out += ' ';
        origin.push(i);
      }
      inSpace = true;
    } else {
      out += ch;
      origin.push(i);
      inSpace = false;
    }
  }
  origin.push(text.length);
  return { text: out, origin };
}

function looseMatch(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: TextPositionSelector,
): TextRange | null {
  const hay = normalize(text);
  const needle = normalize(quote.exact.trim()).text;
  if (!needle) return null;
  const ranges = occurrences(hay.text, needle).map((s) => {
    const start = hay.origin[s] as number;
    const lastKept = hay.origin[s + needle.length - 1] as number;
    return { start, end: lastKept + 1 };
  });
  return ranges.length ? best(text, ranges, quote, hint) : null;
}
