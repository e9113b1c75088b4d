import { describe, expect, it } from 'vitest';
import {
  overviewFrame,
  OverviewPainter,
  type OverviewContext,
  type OverviewRect,
} from './OverviewPainter.ts';

function recorder() {
  const calls: string[] = [];
  const ctx: OverviewContext = {
    fillStyle: '',
    clearRect: () => calls.push('clear'),
    fillRect(x, y) {
      calls.push(`${String(this.fillStyle)}@${x},${y}`);
    },
  };
  return { ctx, calls };
}

const rect = (x: number, fill = 'grey'): OverviewRect => ({ fill, x, y: 0, width: 4, height: 2 });
const rects = (...entries: [string, OverviewRect][]) => new Map(entries);
const SIZE = { width: 200, height: 130, ratio: 1 };

/** A painter that has drawn claims a (at x 0) and b (at x 10), and its calls from then on. */
function paintedTwo() {
  const painter = new OverviewPainter();
  const { ctx, calls } = recorder();
  const first = painter.paint(ctx, rects(['a', rect(0)], ['b', rect(10)]), SIZE);
  calls.length = 0;
  return { painter, ctx, calls, first };
}

describe('OverviewPainter', () => {
  it('draws only the new claim when one is added and nothing else moved', () => {
    const { painter, ctx, calls, first } = paintedTwo();
    expect(first).toEqual({ drawn: 2, whole: true });
    const added = rects(['a', rect(0)], ['b', rect(10)], ['c', rect(20, 'blue')]);
    expect(painter.paint(ctx, added, SIZE)).toEqual({ drawn: 1, whole: false });
    expect(calls).toEqual(['blue@20,0']);
  });

  it('redraws a rectangle whose colour changed, in place', () => {
    const { painter, ctx, calls } = paintedTwo();
    painter.paint(ctx, rects(['a', rect(0)], ['b', rect(10, 'navy')]), SIZE);
    expect(calls).toEqual(['navy@10,0']);
  });

  it('clears and draws everything when something moved or went', () => {
    const { painter, ctx, calls } = paintedTwo();
    expect(painter.paint(ctx, rects(['a', rect(5)], ['b', rect(10)]), SIZE).whole).toBe(true);
    expect(calls).toEqual(['clear', 'grey@5,0', 'grey@10,0']);
    calls.length = 0;
    expect(painter.paint(ctx, rects(['b', rect(10)]), SIZE)).toEqual({ drawn: 1, whole: true });
    expect(calls).toEqual(['clear', 'grey@10,0']);
  });

  it('draws everything again at a new pixel ratio (the canvas was resized, so cleared)', () => {
    const painter = new OverviewPainter();
    const { ctx } = recorder();
    painter.paint(ctx, new Map([['a', rect(0)]]), SIZE);
    const result = painter.paint(ctx, new Map([['a', rect(0)]]), { ...SIZE, ratio: 2 });
    expect(result).toEqual({ drawn: 1, whole: true });
  });

  it('draws everything again after a reset', () => {
    const painter = new OverviewPainter();
    const { ctx } = recorder();
    painter.paint(ctx, new Map([['a', rect(0)]]), SIZE);
    painter.reset();
    expect(painter.paint(ctx, new Map([['a', rect(0)]]), SIZE)).toEqual({ drawn: 1, whole: true });
  });
});

describe('overviewFrame', () => {
  const W = 188;
  const H = 118;

  it('fits the map with a little room on the right and below', () => {
    const frame = overviewFrame({ minX: 0, minY: 0, maxX: 1000, maxY: 100 }, W, H, null);
    expect(frame.minX).toBe(0);
    expect(1000 * frame.scale).toBeLessThan(W);
    expect(1000 * frame.scale).toBeGreaterThan(W * 0.95);
  });

  it('keeps its frame when a claim added at the end of the top row still fits', () => {
    const first = overviewFrame({ minX: 0, minY: 0, maxX: 1000, maxY: 100 }, W, H, null);
    const next = overviewFrame({ minX: 0, minY: 0, maxX: 1020, maxY: 100 }, W, H, first);
    expect(next).toBe(first);
  });

  it('takes a new frame when the map outgrows it or shrinks well inside it', () => {
    const first = overviewFrame({ minX: 0, minY: 0, maxX: 1000, maxY: 100 }, W, H, null);
    const wider = overviewFrame({ minX: 0, minY: 0, maxX: 1100, maxY: 100 }, W, H, first);
    expect(wider).not.toBe(first);
    expect(wider.scale).toBeLessThan(first.scale);
    const left = overviewFrame({ minX: -50, minY: 0, maxX: 1000, maxY: 100 }, W, H, first);
    expect(left.minX).toBe(-50);
    const smaller = overviewFrame({ minX: 0, minY: 0, maxX: 500, maxY: 50 }, W, H, first);
    expect(smaller.scale).toBeGreaterThan(first.scale);
  });

  it('draws an empty map at scale 1', () => {
    expect(overviewFrame(null, W, H, null)).toEqual({ minX: 0, minY: 0, scale: 1 });
  });
});
