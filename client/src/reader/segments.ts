import type { PassageId, ReadingParagraph } from '@warrant/shared';

/** How the claims citing a passage use it: the highlight's style (a sign and a line style). */
export type PassageTone = 'support' | 'rebut' | 'mixed' | 'uncited';

/** A cited passage as the reader marks it: source offsets and how it is used. */
export interface PassageMark {
  readonly id: PassageId;
  readonly start: number;
  readonly end: number;
  readonly tone: PassageTone;
}

/** A run of one paragraph with the same highlighting throughout. */
export interface Segment {
  /** Source offsets. */
  readonly start: number;
  readonly end: number;
  readonly match: 'none' | 'match' | 'current';
  /** Passages covering this run, earliest first. */
  readonly passages: readonly PassageId[];
  /** Passages that begin here: this run is the one that takes focus for them. */
  readonly heads: readonly PassageId[];
  /** The tone of the covering passages together (null when none covers it). */
  readonly tone: PassageTone | null;
}

/**
 * Where each passage's highlight begins on screen: its first offset that is inside some
 * paragraph (a passage starting in the blank space between paragraphs begins at the next).
 * Passages wholly outside every paragraph get none.
 */
export function headOffsets(
  paragraphs: readonly ReadingParagraph[],
  passages: readonly PassageMark[],
): Map<PassageId, number> {
  const out = new Map<PassageId, number>();
  for (const p of passages) {
    // First paragraph ending after the passage's start (paragraphs are in order).
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((paragraphs[mid] as ReadingParagraph).end <= p.start) lo = mid + 1;
      else hi = mid;
    }
    const para = paragraphs[lo];
    if (!para) continue;
    const at = Math.max(p.start, para.start);
    if (at < p.end) out.set(p.id, at);
  }
  return out;
}

function toneOf(tones: readonly PassageTone[]): PassageTone | null {
  if (tones.length === 0) return null;
  const cited = new Set(tones.filter((t) => t !== 'uncited'));
  if (cited.size === 0) return 'uncited';
  if (cited.size > 1 || cited.has('mixed')) return 'mixed';
  return [...cited][0] ?? null;
}

/**
 * Cuts one paragraph at every boundary of a passage or a search match inside it. Overlapping
 * passages are fine: a run lists every passage covering it, and each passage has exactly one
 * head run (at `heads`' offset) so every passage can take focus, even one starting inside
 * another or quoting the very same words.
 */
export function paragraphSegments(
  para: Pick<ReadingParagraph, 'start' | 'end'>,
  passages: readonly PassageMark[],
  heads: ReadonlyMap<PassageId, number>,
  matches: readonly (readonly [number, number])[],
  current: readonly [number, number] | undefined,
): Segment[] {
  const inside = passages.filter((x) => x.end > para.start && x.start < para.end);
  const hits = matches.filter(([s, e]) => e > para.start && s < para.end);
  const cuts = new Set<number>([para.start, para.end]);
  const clip = (n: number) => Math.min(para.end, Math.max(para.start, n));
  for (const x of inside) cuts.add(clip(x.start)).add(clip(x.end));
  for (const [s, e] of hits) cuts.add(clip(s)).add(clip(e));
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const hit = hits.find(([s, e]) => s <= start && e >= end);
    const covering = inside
      .filter((x) => x.start <= start && x.end >= end)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    out.push({
      start,
      end,
      match: !hit ? 'none' : current && hit[0] === current[0] ? 'current' : 'match',
      passages: covering.map((x) => x.id),
      heads: covering.filter((x) => heads.get(x.id) === start).map((x) => x.id),
      tone: toneOf(covering.map((x) => x.tone)),
    });
  }
  return out;
}

/**
 * For each paragraph, the ranges overlapping it (ranges in any order), so cutting a long
 * source into runs costs time in proportion to what is highlighted, not paragraphs × ranges.
 */
export function byParagraph<T>(
  paragraphs: readonly Pick<ReadingParagraph, 'start' | 'end'>[],
  ranges: readonly T[],
  span: (r: T) => readonly [number, number],
): T[][] {
  const out: T[][] = paragraphs.map(() => []);
  for (const r of ranges) {
    const [start, end] = span(r);
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((paragraphs[mid] as ReadingParagraph).end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (
      let i = lo;
      i < paragraphs.length && (paragraphs[i] as ReadingParagraph).start < end;
      i++
    ) {
      out[i]?.push(r);
    }
  }
  return out;
}
