import { describe, expect, it } from 'vitest';
import { applyPaced, SLICE_BUDGET_MS } from './BigUpdates.ts';

const slices = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Uint8Array.of(i));

/** Holds the thread for longer than a turn's budget. */
function busyWait(): void {
  const end = performance.now() + SLICE_BUDGET_MS + 2;
  while (performance.now() < end);
}

describe('applyPaced', () => {
  it('applies every slice in order and lets the event loop turn in between', async () => {
    const seen: number[] = [];
    let turned = 0;
    const ticker = setInterval(() => (turned += 1), 0);
    const done = await applyPaced(slices(4), (s) => {
      busyWait();
      seen.push(s[0] ?? -1);
      return true;
    });
    clearInterval(ticker);
    expect(done).toBe(true);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(turned).toBeGreaterThan(0);
  });

  it('stops at the slice whose apply says no', async () => {
    const seen: number[] = [];
    const done = await applyPaced(slices(5), (s) => {
      seen.push(s[0] ?? -1);
      return seen.length < 2;
    });
    expect(done).toBe(false);
    expect(seen).toEqual([0, 1]);
  });

  it('stops after a turn once the work is no longer wanted', async () => {
    const seen: number[] = [];
    const done = await applyPaced(
      slices(5),
      (s) => {
        busyWait();
        seen.push(s[0] ?? -1);
        return true;
      },
      () => false,
    );
    expect(done).toBe(false);
    expect(seen).toEqual([0]);
  });
});
