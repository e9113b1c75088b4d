import type { LayoutGraph, LayoutNode } from './graph.ts';
import { GAP_X, GAP_Y, type Positions } from './positions.ts';

/**
 * A tidy layered layout for the pro/con forest in linear time: each conclusion on top, its
 * reasons in the layer below, their premises below those. A claim used by several reasons
 * sits under the first one (the other arrows still reach it).
 *
 * ELK gives nicer results for tangled maps but takes seconds on a thousand claims; this is
 * what a large map opens with, and ELK runs when someone asks for "Tidy layout".
 */
export function treeLayout(graph: LayoutGraph): Positions {
  const byId = new Map<string, LayoutNode>(graph.nodes.map((n) => [n.id, n]));
  const owner = new Map<string, string>();
  const kids = new Map<string, string[]>();
  // Each node hangs under its first parent only, found breadth-first from the roots.
  const roots = graph.nodes.filter((n) => n.kind === 'claim' && !graph.parents.has(n.id));
  const queue = roots.map((n) => n.id);
  const placed = new Set(queue);
  const visit = (id: string) => {
    for (const child of graph.children.get(id) ?? []) {
      if (placed.has(child)) continue;
      placed.add(child);
      owner.set(child, id);
      const list = kids.get(id);
      if (list) list.push(child);
      else kids.set(id, [child]);
      queue.push(child);
    }
  };
  for (let i = 0; i < queue.length; i++) visit(queue[i] as string);
  // Claims only reachable through a cycle have no root above them: start trees there too.
  for (const n of graph.nodes) {
    if (placed.has(n.id) || n.kind !== 'claim') continue;
    roots.push(n);
    placed.add(n.id);
    queue.push(n.id);
    for (let i = queue.length - 1; i < queue.length; i++) visit(queue[i] as string);
  }

  const width = new Map<string, number>();
  // Post-order (reverse BFS order) so every child's width is known before its parent's.
  for (let i = queue.length - 1; i >= 0; i--) {
    const id = queue[i] as string;
    const node = byId.get(id);
    if (!node) continue;
    const childWidths = (kids.get(id) ?? []).map((c) => width.get(c) ?? 0);
    const span =
      childWidths.reduce((a, b) => a + b, 0) + GAP_X * Math.max(0, childWidths.length - 1);
    width.set(id, Math.max(node.width, span));
  }

  const positions: Positions = new Map();
  let left = 0;
  for (const root of roots) {
    const stack: { id: string; left: number; top: number }[] = [{ id: root.id, left, top: 0 }];
    while (stack.length > 0) {
      const { id, left: l, top } = stack.pop() as { id: string; left: number; top: number };
      const node = byId.get(id);
      if (!node) continue;
      const w = width.get(id) ?? node.width;
      positions.set(id, { x: Math.round(l + (w - node.width) / 2), y: top });
      const childList = kids.get(id) ?? [];
      const childWidths = childList.map((c) => width.get(c) ?? 0);
      const span =
        childWidths.reduce((a, b) => a + b, 0) + GAP_X * Math.max(0, childList.length - 1);
      let x = l + (w - span) / 2;
      childList.forEach((child, i) => {
        stack.push({ id: child, left: x, top: top + node.height + GAP_Y });
        x += (childWidths[i] ?? 0) + GAP_X;
      });
    }
    left += (width.get(root.id) ?? root.width) + GAP_X * 2;
  }
  return positions;
}
