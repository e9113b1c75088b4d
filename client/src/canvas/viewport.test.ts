import { describe, expect, it } from 'vitest';
import type { LayoutGraph } from '../layout/graph.ts';
import type { LayoutSnapshot } from '../layout/LayoutStore.ts';
import { fitWhole, initialViewport, TEXT_ZOOM, viewportShowing, viewRect } from './viewport.ts';

/** A row of `count` claim cards, 260 wide with 32 between them. */
function row(count: number): LayoutSnapshot {
  const nodes: LayoutGraph['nodes'] = [];
  const positions = new Map<string, { x: number; y: number }>();
  for (let i = 0; i < count; i++) {
    nodes.push({ id: `c${i}`, kind: 'claim', width: 260, height: 112 });
    positions.set(`c${i}`, { x: 100 + i * 292, y: -50 });
  }
  const graph: LayoutGraph = { nodes, edges: [], parents: new Map(), children: new Map() };
  return { graph, positions, settling: false };
}

/** Where the map's corners land on the screen under a viewport. */
function screenBounds(snap: LayoutSnapshot, v: { x: number; y: number; zoom: number }) {
  const count = snap.graph.nodes.length;
  return {
    left: 100 * v.zoom + v.x,
    top: -50 * v.zoom + v.y,
    right: (100 + (count - 1) * 292 + 260) * v.zoom + v.x,
    bottom: (-50 + 112) * v.zoom + v.y,
  };
}

describe('the viewport', () => {
  it('fits the whole map inside the canvas, centred', () => {
    const snap = row(10);
    const v = fitWhole(snap, 1280, 650);
    const b = screenBounds(snap, v);
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.top).toBeGreaterThanOrEqual(0);
    expect(b.right).toBeLessThanOrEqual(1280);
    expect(b.bottom).toBeLessThanOrEqual(650);
    expect(b.left).toBeCloseTo(1280 - b.right);
  });

  it('never enlarges a small map beyond life size', () => {
    expect(fitWhole(row(1), 1280, 650).zoom).toBe(1);
  });

  it('opens a map whole while its words can be shown, else at its first conclusion', () => {
    const wide = row(10);
    expect(initialViewport(wide, new Set(['c0']), 1280, 650)).toEqual(fitWhole(wide, 1280, 650));
    const huge = row(60);
    expect(fitWhole(huge, 1280, 650).zoom).toBeLessThan(TEXT_ZOOM);
    const opened = initialViewport(huge, new Set(['c0']), 1280, 650);
    expect(opened.zoom).toBe(0.8);
    expect((100 + 130) * opened.zoom + opened.x).toBeCloseTo(640);
  });
});

describe('showing someone else’s view (following)', () => {
  it('shows the same rectangle of the map on a window of another size', () => {
    const leader = { x: -200, y: 100, zoom: 0.8 };
    const rect = viewRect(leader, 1280, 800);
    expect(rect).toEqual({ x: 250, y: -125, width: 1600, height: 1000 });
    // A projector twice as wide and tall: the same picture, twice the size.
    const big = viewportShowing(rect, 2560, 1600);
    expect(big.zoom).toBeCloseTo(1.6);
    expect(viewRect(big, 2560, 1600)).toEqual(rect);
    // A narrower window shows all of it, centred, with room above and below.
    const narrow = viewportShowing(rect, 800, 800);
    expect(narrow.zoom).toBeCloseTo(0.5);
    const seen = viewRect(narrow, 800, 800);
    expect(seen.x).toBeCloseTo(rect.x);
    expect(seen.width).toBeCloseTo(rect.width);
    expect(seen.y + seen.height / 2).toBeCloseTo(rect.y + rect.height / 2);
  });

  it('stays within the canvas’s zoom limits', () => {
    expect(viewportShowing({ x: 0, y: 0, width: 10, height: 10 }, 1000, 1000).zoom).toBe(2);
  });
});
