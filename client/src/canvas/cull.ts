import type { Edge } from '@xyflow/react';
import type { MapNode } from './nodeTypes.ts';

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

function boxOf(node: MapNode): Rect {
  const { x, y } = node.position;
  return { minX: x, minY: y, maxX: x + (node.width ?? 0), maxY: y + (node.height ?? 0) };
}

const meets = (a: Rect, b: Rect) =>
  a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;

/**
 * The nodes and edges React Flow needs for the window: nodes in it, edges that may cross it
 * (the box spanned by their two ends meets it) with both their ends, and the nodes in `keep`
 * (the selected card, the one being edited) wherever they are. React Flow renders only what
 * is visible anyway (`onlyRenderVisibleElements`), but it indexes every node and edge it is
 * given each time either list changes: on a map of thousands of claims that, not drawing, is
 * what made opening and every edit slow. Order and objects are kept, so React Flow's own
 * equality checks still skip what did not change.
 */
export function cull(
  nodes: readonly MapNode[],
  edges: readonly Edge[],
  window: Rect,
  keep: ReadonlySet<string>,
): { nodes: MapNode[]; edges: Edge[] } {
  const byId = new Map<string, MapNode>();
  const inside = new Set<string>();
  for (const node of nodes) {
    byId.set(node.id, node);
    if (keep.has(node.id) || meets(boxOf(node), window)) inside.add(node.id);
  }
  const shown = new Set(inside);
  const keptEdges: Edge[] = [];
  for (const edge of edges) {
    const s = byId.get(edge.source);
    const t = byId.get(edge.target);
    if (!s || !t) continue;
    const crosses =
      inside.has(s.id) ||
      inside.has(t.id) ||
      meets(
        {
          minX: Math.min(s.position.x, t.position.x),
          minY: Math.min(s.position.y, t.position.y),
          maxX: Math.max(s.position.x + (s.width ?? 0), t.position.x + (t.width ?? 0)),
          maxY: Math.max(s.position.y + (s.height ?? 0), t.position.y + (t.height ?? 0)),
        },
        window,
      );
    if (!crosses) continue;
    keptEdges.push(edge);
    shown.add(s.id);
    shown.add(t.id);
  }
  return { nodes: nodes.filter((n) => shown.has(n.id)), edges: keptEdges };
}
