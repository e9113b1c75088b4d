import type { LayoutGraph, LayoutNode } from './graph.ts';
import { GAP_X, GAP_Y, type Point, type Positions } from './positions.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + GAP_X / 2 &&
  b.x < a.x + a.width + GAP_X / 2 &&
  a.y < b.y + b.height + GAP_Y / 2 &&
  b.y < a.y + a.height + GAP_Y / 2;

/**
 * Gives positions to nodes that have none, leaving every placed node where it is: the map
 * never jumps when someone adds a claim. A new reason goes just below what it targets, a
 * new premise just below its reason, a lone claim at the end of the top row; each takes the
 * nearest free spot on its level, to the left or the right.
 *
 * Returns a new map (the input is not changed), or the same map when nothing was missing.
 */
export function placeNew(graph: LayoutGraph, previous: Positions): Positions {
  const missing = graph.nodes.filter((n) => !previous.has(n.id));
  if (missing.length === 0) return previous;
  const byId = new Map<string, LayoutNode>();
  const boxes: Box[] = [];
  for (const node of graph.nodes) {
    byId.set(node.id, node);
    const p = previous.get(node.id);
    if (p) boxes.push({ x: p.x, y: p.y, width: node.width, height: node.height });
  }
  // Every remembered place, less those of nodes gone from the graph. Copying the map whole
  // when none are gone (the usual case: a claim was added) is much cheaper than rebuilding
  // it entry by entry on a map of thousands of claims.
  const positions: Positions = new Map(previous);
  if (boxes.length !== previous.size) {
    for (const id of previous.keys()) if (!byId.has(id)) positions.delete(id);
  }
  // The links of the nodes to place, from one pass over the edges: the graph's own indexes
  // are built only when first read (see `buildGraph`), and adding a claim to a map of
  // thousands should not build them to read one node's.
  const placing = new Set(missing.map((n) => n.id));
  const parentsOf = new Map<string, string[]>();
  const childrenOf = new Map<string, string[]>();
  const add = (links: Map<string, string[]>, id: string, other: string) => {
    const list = links.get(id);
    if (list) list.push(other);
    else links.set(id, [other]);
  };
  for (const { from, to } of graph.edges) {
    if (placing.has(from)) add(parentsOf, from, to);
    if (placing.has(to)) add(childrenOf, to, from);
  }
  const center = (id: string): Point | undefined => {
    const p = positions.get(id);
    const n = byId.get(id);
    return p && n ? { x: p.x + n.width / 2, y: p.y + n.height / 2 } : undefined;
  };
  const bottom = (id: string) => (positions.get(id)?.y ?? 0) + (byId.get(id)?.height ?? 0);
  // The nearest free spot on the same level, left or right of the wanted one.
  const settle = (node: LayoutNode, start: Point) => {
    const at = (x: number) => ({ x, y: start.y, width: node.width, height: node.height });
    const band = boxes.filter(
      (b) => b.y < start.y + node.height + GAP_Y / 2 && start.y < b.y + b.height + GAP_Y / 2,
    );
    const candidates = [start.x];
    for (const b of band) candidates.push(b.x + b.width + GAP_X, b.x - node.width - GAP_X);
    candidates.sort((a, b) => Math.abs(a - start.x) - Math.abs(b - start.x));
    const x =
      candidates.find((c) => !band.some((b) => overlaps(b, at(c)))) ??
      Math.max(start.x, ...band.map((b) => b.x + b.width + GAP_X));
    const box = at(x);
    positions.set(node.id, { x: Math.round(box.x), y: Math.round(box.y) });
    boxes.push(box);
  };

  // Nodes whose parent is placed go first; repeat so chains of new nodes resolve top-down.
  let pending = missing;
  while (pending.length > 0) {
    const next: LayoutNode[] = [];
    for (const node of pending) {
      const parent = (parentsOf.get(node.id) ?? []).find((p) => positions.has(p));
      const placedKids = (childrenOf.get(node.id) ?? []).filter((c) => positions.has(c));
      if (parent && node.kind === 'reason' && placedKids.length > 0) {
        // A reason drawn between claims that already exist: halfway between them.
        const ends = [center(parent) as Point, ...placedKids.map((c) => center(c) as Point)];
        const x = ends.reduce((a, p) => a + p.x, 0) / ends.length;
        const y =
          (bottom(parent) + Math.min(...placedKids.map((c) => positions.get(c)?.y ?? 0))) / 2;
        settle(node, { x: x - node.width / 2, y: y - node.height / 2 });
        continue;
      }
      if (parent) {
        const c = center(parent) as Point;
        settle(node, { x: c.x - node.width / 2, y: bottom(parent) + GAP_Y });
        continue;
      }
      const placedChildren = (childrenOf.get(node.id) ?? []).filter((c) => positions.has(c));
      if (placedChildren.length > 0 && (parentsOf.get(node.id) ?? []).length === 0) {
        // A reason drawn between existing claims whose target is new or missing: above them.
        const cs = placedChildren.map((c) => center(c) as Point);
        const x = cs.reduce((a, p) => a + p.x, 0) / cs.length;
        const top = Math.min(...placedChildren.map((c) => positions.get(c)?.y ?? 0));
        settle(node, { x: x - node.width / 2, y: top - GAP_Y - node.height });
        continue;
      }
      next.push(node);
    }
    if (next.length === pending.length) {
      // Nothing to hang these on: start each on the top row, right of everything else.
      const [first, ...rest] = next as [LayoutNode, ...LayoutNode[]];
      // Loops, not Math.max(...spread): spreading a very large map's boxes overflows the stack.
      let right = 0;
      let top = boxes.length ? Infinity : 0;
      for (const b of boxes) {
        right = Math.max(right, b.x + b.width + GAP_X);
        top = Math.min(top, b.y);
      }
      settle(first, { x: right, y: top });
      pending = rest;
    } else {
      pending = next;
    }
  }
  return positions;
}
