import type { LayoutSnapshot } from '../layout/LayoutStore.ts';
import type { LayoutEdge, LayoutNode } from '../layout/graph.ts';

/** An area of the canvas, in canvas units. */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** What a `width` × `height` pane shows at the transform `[x, y, zoom]`. */
export function visibleRect(
  [x, y, zoom]: readonly [number, number, number],
  width: number,
  height: number,
): Rect {
  return { minX: -x / zoom, minY: -y / zoom, maxX: (width - x) / zoom, maxY: (height - y) / zoom };
}

const area = (r: Rect) => (r.maxX - r.minX) * (r.maxY - r.minY);

/**
 * The part of the canvas whose cards React Flow is given: what is visible and half a screen
 * around it, so a pan of less than that changes nothing. Kept (the same object) while the
 * view stays inside it and is not much smaller than it; otherwise a new one around `visible`.
 */
export function nextWindow(current: Rect | null, visible: Rect): Rect {
  if (
    current &&
    visible.minX >= current.minX &&
    visible.minY >= current.minY &&
    visible.maxX <= current.maxX &&
    visible.maxY <= current.maxY &&
    area(current) <= area(visible) * 9
  ) {
    return current;
  }
  const dx = (visible.maxX - visible.minX) / 2;
  const dy = (visible.maxY - visible.minY) / 2;
  return {
    minX: visible.minX - dx,
    minY: visible.minY - dy,
    maxX: visible.maxX + dx,
    maxY: visible.maxY + dy,
  };
}

const meets = (a: Rect, b: Rect) =>
  a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;

/** Whether a node drawn at `position` with its size meets `window`. */
export function inWindow(
  node: { position: { x: number; y: number }; width?: number; height?: number },
  window: Rect,
): boolean {
  const { x, y } = node.position;
  return meets(
    { minX: x, minY: y, maxX: x + (node.width ?? 0), maxY: y + (node.height ?? 0) },
    window,
  );
}

/** The part of a layout React Flow is given for a window; see `cull`. */
export interface Culled {
  /** In the layout's order. */
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/**
 * The part of the layout React Flow needs for the window: nodes in it, edges that may cross it
 * (the box spanned by their two ends meets it) with both their ends, and the nodes in `keep`
 * (the selected card, the one being edited) wherever they are. React Flow renders only what
 * is visible anyway (`onlyRenderVisibleElements`), but it indexes every node and edge it is
 * given each time either list changes: on a map of thousands of claims that, not drawing, is
 * what made opening and every edit slow. Culled from the layout itself, before any React
 * Flow node or edge is built, so the canvas builds only the few dozen it shows, not all.
 *
 * An edge's box counts each end at the size of the largest node: a reason's pill is smaller
 * than a card, and the few edges that this lets in near the window's border cost nothing.
 */
export function cull(
  layout: Pick<LayoutSnapshot, 'graph' | 'positions'>,
  window: Rect,
  keep: ReadonlySet<string>,
): Culled {
  const { graph, positions } = layout;
  const shown = new Set<string>();
  let width = 0;
  let height = 0;
  for (const node of graph.nodes) {
    width = Math.max(width, node.width);
    height = Math.max(height, node.height);
    const p = positions.get(node.id);
    const inside =
      p !== undefined &&
      p.x <= window.maxX &&
      window.minX <= p.x + node.width &&
      p.y <= window.maxY &&
      window.minY <= p.y + node.height;
    if (inside || keep.has(node.id)) shown.add(node.id);
  }
  const inside = new Set(shown);
  const edges: LayoutEdge[] = [];
  for (const edge of graph.edges) {
    const s = positions.get(edge.from);
    const t = positions.get(edge.to);
    if (!s || !t) continue;
    const crosses =
      inside.has(edge.from) ||
      inside.has(edge.to) ||
      (Math.min(s.x, t.x) <= window.maxX &&
        window.minX <= Math.max(s.x, t.x) + width &&
        Math.min(s.y, t.y) <= window.maxY &&
        window.minY <= Math.max(s.y, t.y) + height);
    if (!crosses) continue;
    edges.push(edge);
    shown.add(edge.from);
    shown.add(edge.to);
  }
  return { nodes: graph.nodes.filter((n) => shown.has(n.id)), edges };
}
