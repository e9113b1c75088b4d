import { describe, expect, it } from 'vitest';
import type { LayoutGraph, LayoutNode } from '../layout/graph.ts';
import { cull, inWindow, nextWindow, visibleRect } from './cull.ts';

/** A layout of 100 × 50 cards at the given places, linked by `edges` (from → to). */
function layout(places: Record<string, [number, number]>, edges: [string, string][] = []) {
  const nodes: LayoutNode[] = Object.keys(places).map((id) => ({
    id,
    kind: 'claim',
    width: 100,
    height: 50,
  }));
  const graph: LayoutGraph = {
    nodes,
    edges: edges.map(([from, to]) => ({ from, to })),
    parents: new Map(),
    children: new Map(),
  };
  const positions = new Map(Object.entries(places).map(([id, [x, y]]) => [id, { x, y }]));
  return { graph, positions };
}

describe('culling the canvas to the view', () => {
  const view = { minX: 0, minY: 0, maxX: 500, maxY: 500 };

  it('gives the nodes in the window, and the far end of every edge that leaves it', () => {
    const map = layout({ in: [10, 10], far: [5000, 5000], linked: [3000, 10] }, [
      ['linked', 'in'],
      ['far', 'linked'],
    ]);
    const shown = cull(map, view, new Set());
    expect(shown.nodes.map((n) => n.id)).toEqual(['in', 'linked']);
    expect(shown.edges).toEqual([{ from: 'linked', to: 'in' }]);
    // The layout's own objects, in its order: what is built from them can be kept.
    expect(shown.nodes[0]).toBe(map.graph.nodes[0]);
    expect(shown.edges[0]).toBe(map.graph.edges[0]);
  });

  it('keeps an edge that crosses the window with both ends outside it', () => {
    const map = layout({ left: [-2000, 200], right: [2000, 200] }, [['left', 'right']]);
    const shown = cull(map, view, new Set());
    expect(shown.nodes.map((n) => n.id)).toEqual(['left', 'right']);
    expect(shown.edges).toHaveLength(1);
  });

  it('counts a card touching the window from outside, and no card beyond it', () => {
    const map = layout({ above: [100, -49], beside: [501, 100], before: [-100, 100] });
    expect(cull(map, view, new Set()).nodes.map((n) => n.id)).toEqual(['above', 'before']);
    expect(inWindow({ position: { x: -100, y: 100 }, width: 100, height: 50 }, view)).toBe(true);
    expect(inWindow({ position: { x: -101, y: 100 }, width: 100, height: 50 }, view)).toBe(false);
  });

  it('keeps the selected or edited card wherever it is', () => {
    const map = layout({ a: [10, 10], away: [9000, 9000] });
    expect(cull(map, view, new Set(['away'])).nodes.map((n) => n.id)).toEqual(['a', 'away']);
  });

  it('moves the window only when the view leaves it or is much smaller than it', () => {
    const visible = visibleRect([-100, -100, 2], 2000, 1600);
    expect(visible).toEqual({ minX: 50, minY: 50, maxX: 1050, maxY: 850 });
    const win = nextWindow(null, visibleRect([10, 10, 1], 1000, 800));
    expect(win).toEqual({ minX: -510, minY: -410, maxX: 1490, maxY: 1190 });
    expect(nextWindow(win, visibleRect([-300, -200, 1], 1000, 800))).toBe(win);
    expect(nextWindow(win, visibleRect([0, 0, 1.5], 1000, 800))).toBe(win);
    expect(nextWindow(win, visibleRect([-600, 0, 1], 1000, 800))).not.toBe(win);
    // Zoomed in far: a window nine times the view or more is narrowed.
    expect(nextWindow(win, visibleRect([0, 0, 4], 1000, 800))).not.toBe(win);
  });
});
