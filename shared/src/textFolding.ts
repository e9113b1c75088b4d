/**
 * What "the same words" allows when a quote is looked for: whitespace runs are equal (PDF
 * line breaks), and typographic variants (curly or straight quotes, dashes) fold to one.
 * Shared by the loose and the fuzzy stages of `locateQuote`.
 */

/** Typographic variants, each folded to one plain character (one code unit for one). */
const VARIANTS: Record<string, string> = {
  "'": '\u2018\u2019\u201a\u201b\u2032\u02bc',
  '"': '\u201c\u201d\u201e\u201f\u2033',
  '-': '\u2010\u2011\u2012\u2013\u2014\u2015\u2212',
};
const FOLD = new Map<string, string>();
const CLASS = new Map<string, string>();
for (const [plain, variants] of Object.entries(VARIANTS)) {
  const members = `\\${plain}${variants}`;
  for (const ch of plain + variants) {
    FOLD.set(ch, plain);
    CLASS.set(ch, `[${members}]`);
  }
}
// Non-breaking and other Unicode spaces are whitespace to `\s` already.
export const SPACE = /\s/;

export function fold(ch: string): string {
  return FOLD.get(ch) ?? ch;
}

/**
 * A regular expression source matching `s` loosely: any whitespace run for a whitespace run,
 * any typographic variant for a quote mark or dash. Linear to search (no nested repeats).
 */
export function loosePattern(s: string): string {
  let out = '';
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (SPACE.test(ch)) {
      if (!inSpace) out += '\\s+';
      inSpace = true;
      continue;
    }
    inSpace = false;
    out += CLASS.get(ch) ?? ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

/** Match offsets of a loose pattern, overlapping ones included; null past `limit` matches. */
export function looseHits(
  text: string,
  pattern: string,
  limit = Infinity,
): { start: number; end: number }[] | null {
  const out: { start: number; end: number }[] = [];
  const re = new RegExp(pattern, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (out.length >= limit) return null;
    out.push({ start: m.index, end: m.index + m[0].length });
    re.lastIndex = m.index + 1;
  }
  return out;
}

/**
 * `text[from, to)` folded and with whitespace runs collapsed to one space; `origin[i]` is the
 * offset in `text` of the kept character `i` (plus one entry for the end).
 */
export function foldNormalize(
  text: string,
  from = 0,
  to = text.length,
): { text: string; origin: number[] } {
  const chars: string[] = [];
  const origin: number[] = [];
  let inSpace = false;
  for (let i = from; i < to; i++) {
    const ch = text[i] as string;
    if (SPACE.test(ch)) {
      if (!inSpace) {
        chars.push(' ');
        origin.push(i);
      }
      inSpace = true;
    } else {
      chars.push(fold(ch));
      origin.push(i);
      inSpace = false;
    }
  }
  origin.push(to);
  return { text: chars.join(''), origin };
}
