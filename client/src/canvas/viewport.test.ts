import { describe, expect, it } from 'vitest';
import type { LayoutGraph } from '../layout/graph.ts';
import type { LayoutSnapshot } from '../layout/LayoutStore.ts';
import { fitWhole, initialViewport, READABLE_ZOOM, viewportShowing, viewRect } from './viewport.ts';

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

  it('opens a map whole while it can be read whole', () => {
    const small = row(4);
    const opened = initialViewport(small, new Set(['c0', 'c1', 'c2', 'c3']), 1280, 650);
    expect(opened).toEqual(fitWhole(small, 1280, 650));
    expect(opened.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it('opens a map too wide to read whole at a readable zoom, on its conclusions', () => {
    // Two conclusions above a row of ten premises: the row cannot be read whole.
    const snap = row(10);
    snap.graph.nodes.push(
      { id: 'r0', kind: 'claim', width: 260, height: 112 },
      { id: 'r1', kind: 'claim', width: 260, height: 112 },
    );
    snap.positions.set('r0', { x: 1268, y: -300 });
    snap.positions.set('r1', { x: 1560, y: -300 });
    expect(fitWhole(snap, 1280, 650).zoom).toBeLessThan(READABLE_ZOOM);
    const v = initialViewport(snap, new Set(['r0', 'r1']), 1280, 650);
    expect(v.zoom).toBe(READABLE_ZOOM);
    // Both conclusions, centred; the map's top and bottom in view.
    const middle = ((1268 + 1560 + 260) / 2) * v.zoom + v.x;
    expect(middle).toBeCloseTo(640);
    expect(-300 * v.zoom + v.y).toBeGreaterThanOrEqual(0);
    expect(62 * v.zoom + v.y).toBeLessThanOrEqual(650);
  });

  it('opens at the first conclusion when the conclusions do not fit side by side', () => {
    const huge = row(60);
    const all = new Set(huge.graph.nodes.map((n) => n.id));
    const v = initialViewport(huge, all, 1280, 650);
    expect(v.zoom).toBe(READABLE_ZOOM);
    // The first card is in view, and the map's left edge sits at the margin, not mid-screen.
    const left = 100 * v.zoom + v.x;
    expect(left).toBeCloseTo((1280 * 0.1) / 2);
    expect(left + 260 * v.zoom).toBeLessThan(1280);
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
