/**
 * Which log positions of one map a relay's doc holds, when several relays commit to it.
 * Positions are per map and contiguous (PostgreSQL storage hands them out), so everything
 * at or below `watermark` is in the doc, and a position seen above `watermark + 1` means
 * one in between has not arrived (yet): a gap to repair from storage if it lasts.
 */
export class SeqTracker {
  private mark: number;
  /** Positions held above the watermark. */
  private readonly above = new Set<number>();
  /** When the current gap was first seen (performance.now()), or null without a gap. */
  private gapSince: number | null = null;

  constructor(start: number) {
    this.mark = start;
  }

  /** Every position up to this one is in the doc. */
  get watermark(): number {
    return this.mark;
  }

  /** Whether a position above the watermark is held while one below it is missing. */
  get hasGap(): boolean {
    return this.above.size > 0;
  }

  /** How long the current gap has lasted (ms), or 0. */
  gapAge(now = performance.now()): number {
    return this.gapSince === null ? 0 : now - this.gapSince;
  }

  /** Whether `seq` is already in the doc. */
  holds(seq: number): boolean {
    return seq <= this.mark || this.above.has(seq);
  }

  /** The doc now holds `seq`. */
  see(seq: number): void {
    if (seq <= this.mark) return;
    if (seq === this.mark + 1) {
      this.mark = seq;
      while (this.above.delete(this.mark + 1)) this.mark += 1;
    } else {
      this.above.add(seq);
    }
    this.gapSince = this.above.size === 0 ? null : (this.gapSince ?? performance.now());
  }

  /** The doc now holds everything up to `seq` (it was reloaded from storage). */
  seeAllThrough(seq: number): void {
    if (seq > this.mark) this.mark = seq;
    for (const s of this.above) if (s <= this.mark) this.above.delete(s);
    while (this.above.delete(this.mark + 1)) this.mark += 1;
    this.gapSince = this.above.size === 0 ? null : this.gapSince;
  }
}
