import type { TextPositionSelector, TextRange } from './anchoring.ts';
import { foldNormalize, looseHits, loosePattern, SPACE } from './textFolding.ts';

/** Least similarity (1 − edit distance / longer length) a fuzzy match must reach. */
export const FUZZY_SIMILARITY = 0.8;

/** How many characters of context are searched for (the prefix's tail, the suffix's head). */
const PROBE_LENGTH = 16;
/** A probe found more often than this says nothing about where the quote is. */
const MAX_PROBE_HITS = 4096;
/** Candidate spans between a prefix hit and a suffix hit that are compared, at most. */
const MAX_BRACKETS = 64;
/** Windows (around one-sided context hits, or the hint) searched for the quote, at most. */
const MAX_WINDOWS = 9;
/** Longer quotes are not matched fuzzily (the cost grows with the square of the length). */
export const MAX_FUZZY_QUOTE = 4000;

interface Candidate extends TextRange {
  similarity: number;
  /** 2: prefix and suffix both agree; 1: one of them; 0: only the position hint. */
  support: number;
}

/**
 * The third stage. The tail of the prefix and the head of the suffix are searched for
 * (loosely); an empty prefix means the start of the text, an empty suffix its end. Each
 * prefix hit followed, about a quote's length later, by a suffix hit brackets a candidate.
 * Without such a pair, the quote is searched for (approximate substring match) in windows
 * just after prefix hits, just before suffix hits and around the position hint. A candidate
 * is accepted when its similarity to the quote, folded and with whitespace collapsed, is at
 * least `FUZZY_SIMILARITY`; better-supported candidates win, then more similar ones, then
 * those nearer the hint. Work: a few regular-expression scans of the text, then edit
 * distances bounded to a few windows of about the quote's length.
 */
export function fuzzyMatch(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: TextPositionSelector,
): TextRange | null {
  const exact = quote.exact.trim();
  const q = foldNormalize(exact).text;
  // d ≤ (1 − s)·max(|q|, |c|) and |c| ≤ |q| + d give d ≤ |q|·(1 − s)/s.
  const maxEdits = Math.floor((q.length * (1 - FUZZY_SIMILARITY)) / FUZZY_SIMILARITY + 1e-9);
  if (maxEdits < 1 || q.length > MAX_FUZZY_QUOTE) return null;
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  const length = exact.length;
  const slack = maxEdits + PROBE_LENGTH;
  const near = (target: number | undefined) => (a: number, b: number) =>
    target === undefined ? a - b : Math.abs(a - target) - Math.abs(b - target) || a - b;

  const probe = (pattern: string) => looseHits(text, pattern, MAX_PROBE_HITS);
  const prefixHits = prefix.trim()
    ? probe(loosePattern(prefix.slice(-PROBE_LENGTH)))
    : prefix
      ? null
      : [{ start: 0, end: 0 }];
  const suffixHits = suffix.trim()
    ? probe(loosePattern(suffix.slice(0, PROBE_LENGTH)))
    : suffix
      ? null
      : [{ start: text.length, end: text.length }];
  const starts = (prefixHits ?? []).map((h) => h.end).sort((a, b) => a - b);
  const ends = (suffixHits ?? []).map((h) => h.start).sort((a, b) => a - b);

  const accept = (range: TextRange, support: number, out: Candidate[]): void => {
    const r = trimRange(text, range);
    if (r.end <= r.start) return;
    const c = foldNormalize(text, r.start, r.end).text;
    if (Math.abs(c.length - q.length) > maxEdits) return;
    const d = boundedDistance(q, c, maxEdits);
    const similarity = 1 - d / Math.max(q.length, c.length);
    if (d <= maxEdits && similarity >= FUZZY_SIMILARITY) out.push({ ...r, similarity, support });
  };

  // 1. Spans bracketed by a prefix hit and a suffix hit about a quote's length apart.
  const bracketed: Candidate[] = [];
  let compared = 0;
  const minSpan = Math.floor(length / 2);
  const maxSpan = Math.ceil(length * 1.5) + slack;
  for (const s of [...starts].sort(near(hint?.start))) {
    if (compared >= MAX_BRACKETS) break;
    for (let i = lowerBound(ends, s + minSpan); i < ends.length; i++) {
      const e = ends[i] as number;
      if (e > s + maxSpan || compared >= MAX_BRACKETS) break;
      compared++;
      accept({ start: s, end: e }, 2, bracketed);
    }
  }
  if (bracketed.length) return pick(bracketed, hint);

  // 2. Windows where one side's hits put the quote (when the tail of the prefix or the head
  // of the suffix is not found, its other end is tried), and around the hint. Each window is
  // the quote's length plus slack on both sides, however long the context or the hint.
  const windows: { from: number; to: number; support: number }[] = [];
  const span = (from: number, support: number) =>
    windows.push({ from: from - slack, to: from + length + slack, support });
  const far = (context: string, side: 'start' | 'end'): number[] =>
    context.length > PROBE_LENGTH
      ? (
          probe(
            loosePattern(
              side === 'end' ? context.slice(0, PROBE_LENGTH) : context.slice(-PROBE_LENGTH),
            ),
          ) ?? []
        ).map((h) => h[side])
      : [];
  const afterPrefix = starts.length
    ? starts
    : prefixHits
      ? far(prefix, 'end').map((h) => h + prefix.length - PROBE_LENGTH)
      : [];
  const beforeSuffix = ends.length
    ? ends
    : suffixHits
      ? far(suffix, 'start').map((h) => h - (suffix.length - PROBE_LENGTH))
      : [];
  for (const s of [...afterPrefix].sort(near(hint?.start)).slice(0, 4)) span(s, 1);
  for (const e of [...beforeSuffix].sort(near(hint?.end)).slice(0, 4)) span(e - length, 1);
  if (hint) span(hint.start, 0);
  const found: Candidate[] = [];
  for (const w of windows.slice(0, MAX_WINDOWS)) {
    const from = Math.max(0, w.from);
    const to = Math.min(text.length, w.to);
    if (to <= from) continue;
    const win = foldNormalize(text, from, to);
    const m = bestSubstring(q, win.text, maxEdits);
    if (!m) continue;
    const range = {
      start: win.origin[m.start] as number,
      end: (win.origin[m.end - 1] as number) + 1,
    };
    accept(range, w.support, found);
  }
  return found.length ? pick(found, hint) : null;
}

function pick(candidates: Candidate[], hint?: TextPositionSelector): TextRange {
  const distance = (c: Candidate) => (hint ? Math.abs(c.start - hint.start) : c.start);
  const [winner] = [...candidates].sort(
    (a, b) => b.support - a.support || b.similarity - a.similarity || distance(a) - distance(b),
  );
  const { start, end } = winner as Candidate;
  return { start, end };
}

function trimRange(text: string, r: TextRange): TextRange {
  let { start, end } = r;
  while (start < end && SPACE.test(text[start] as string)) start++;
  while (end > start && SPACE.test(text[end - 1] as string)) end--;
  return { start, end };
}

/** The first index of the sorted `list` whose value is at least `value`. */
function lowerBound(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Levenshtein distance of `a` and `b` if at most `k`, else `k + 1`: O(k · length). */
export function boundedDistance(a: string, b: string, k: number): number {
  if (Math.abs(a.length - b.length) > k) return k + 1;
  const over = k + 1;
  let prev = new Int32Array(b.length + 1).fill(over);
  let cur = new Int32Array(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, k); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(b.length, i + k);
    // Left of the band is out of reach (or, in the first column, i deletions).
    cur[lo - 1] = lo === 1 && i <= k ? i : over;
    let rowMin = cur[lo - 1] as number;
    for (let j = lo; j <= hi; j++) {
      const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const v = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1, over);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length] as number, over);
}

/**
 * The substring of `t` nearest to `p` in edit distance, if within `k` (Sellers' algorithm
 * with Ukkonen's cut-off: rows whose distance already exceeds `k` are not computed). Ties go
 * to the substring whose length is nearest `p`'s.
 */
function bestSubstring(
  p: string,
  t: string,
  k: number,
): { start: number; end: number; distance: number } | null {
  const m = p.length;
  const over = k + 1;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = Math.min(i, over);
  let prevRows = Math.min(m, k);
  let winner: { start: number; end: number; distance: number } | null = null;
  for (let j = 1; j <= t.length; j++) {
    const ch = t[j - 1];
    cur[0] = 0;
    curStart[0] = j;
    const rows = Math.min(m, prevRows + 1);
    let last = 0;
    for (let i = 1; i <= rows; i++) {
      let v = (prev[i - 1] as number) + (p[i - 1] === ch ? 0 : 1);
      let s = prevStart[i - 1] as number;
      const del = (cur[i - 1] as number) + 1;
      if (del < v) {
        v = del;
        s = curStart[i - 1] as number;
      }
      const ins = (i <= prevRows ? (prev[i] as number) : over) + 1;
      if (ins < v) {
        v = ins;
        s = prevStart[i] as number;
      }
      if (v > over) v = over;
      cur[i] = v;
      curStart[i] = s;
      if (v <= k) last = i;
    }
    if (rows === m && (cur[m] as number) <= k) {
      const distance = cur[m] as number;
      const start = curStart[m] as number;
      const better =
        !winner ||
        distance < winner.distance ||
        (distance === winner.distance &&
          Math.abs(j - start - m) < Math.abs(winner.end - winner.start - m));
      if (better) winner = { start, end: j, distance };
    }
    prevRows = last;
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return winner;
}
