import type { Edge } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { cull, nextWindow, visibleRect } from './cull.ts';
import type { MapNode } from './nodeTypes.ts';

const card = (id: string, x: number, y: number): MapNode => ({
  id,
  type: 'claim',
  position: { x, y },
  data: { root: false },
  width: 100,
  height: 50,
});
const edge = (source: string, target: string): Edge => ({
  id: `${source}->${target}`,
  source,
  target,
});

describe('culling the canvas to the view', () => {
  const view = { minX: 0, minY: 0, maxX: 500, maxY: 500 };

  it('gives the nodes in the window, and the far end of every edge that leaves it', () => {
    const nodes = [card('in', 10, 10), card('far', 5000, 5000), card('linked', 3000, 10)];
    const edges = [edge('linked', 'in'), edge('far', 'linked')];
    const shown = cull(nodes, edges, view, new Set());
    expect(shown.nodes.map((n) => n.id)).toEqual(['in', 'linked']);
    expect(shown.edges.map((e) => e.id)).toEqual(['linked->in']);
    // Objects are kept, so React Flow's equality checks still hold.
    expect(shown.nodes[0]).toBe(nodes[0]);
  });

  it('keeps an edge that crosses the window with both ends outside it', () => {
    const nodes = [card('left', -2000, 200), card('right', 2000, 200)];
    const shown = cull(nodes, [edge('left', 'right')], view, new Set());
    expect(shown.nodes.map((n) => n.id)).toEqual(['left', 'right']);
    expect(shown.edges).toHaveLength(1);
  });

  it('keeps the selected or edited card wherever it is', () => {
    const nodes = [card('a', 10, 10), card('away', 9000, 9000)];
    expect(cull(nodes, [], view, new Set(['away'])).nodes.map((n) => n.id)).toEqual(['a', 'away']);
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
