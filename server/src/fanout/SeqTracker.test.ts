import { describe, expect, it } from 'vitest';
import { SeqTracker } from './SeqTracker.ts';

describe('SeqTracker', () => {
  it('advances through contiguous positions', () => {
    const t = new SeqTracker(3);
    t.see(4);
    t.see(5);
    expect(t.watermark).toBe(5);
    expect(t.hasGap).toBe(false);
  });

  it('holds positions past a gap and closes it when the missing one arrives', () => {
    const t = new SeqTracker(0);
    t.see(1);
    t.see(3);
    t.see(4);
    expect(t.watermark).toBe(1);
    expect(t.hasGap).toBe(true);
    expect(t.holds(3)).toBe(true);
    expect(t.holds(2)).toBe(false);
    t.see(2);
    expect(t.watermark).toBe(4);
    expect(t.hasGap).toBe(false);
    expect(t.gapAge()).toBe(0);
  });

  it('closes a gap when the doc is reloaded from storage', () => {
    const t = new SeqTracker(0);
    t.see(5);
    t.see(9);
    expect(t.gapAge(performance.now() + 10)).toBeGreaterThan(0);
    t.seeAllThrough(7);
    expect(t.watermark).toBe(7);
    expect(t.hasGap).toBe(true); // 9 is held, 8 is not
    t.seeAllThrough(9);
    expect(t.watermark).toBe(9);
    expect(t.hasGap).toBe(false);
  });

  it('ignores positions it already holds', () => {
    const t = new SeqTracker(10);
    t.see(4);
    expect(t.watermark).toBe(10);
    expect(t.hasGap).toBe(false);
  });
});
