import type { LayoutGraph } from './graph.ts';
import { GAP_X, GAP_Y, type Positions } from './positions.ts';

/**
 * A tidy layered layout for the pro/con forest in linear time: each conclusion on top, its
 * reasons in the layer below, their premises below those. A claim used by several reasons
 * sits under the first one (the other arrows still reach it).
 *
 * ELK gives nicer results for tangled maps but takes seconds on a thousand claims; this is
 * what a large map opens with, and ELK runs when someone asks for "Tidy layout".
 *
 * Nodes are numbered by their place in `graph.nodes` and the tree is kept in typed arrays:
 * on a 10,000-claim map this runs while the map opens, and a map entry and an array per node
 * were most of its time (and garbage).
 */
export function treeLayout(graph: LayoutGraph): Positions {
  const { nodes } = graph;
  const count = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) index.set((nodes[i] as LayoutGraph['nodes'][number]).id, i);
  const node = (i: number) => nodes[i] as LayoutGraph['nodes'][number];

  // Each node's children, in the order of the edges (creation order), as one array of node
  // numbers with each node's share starting at `kidsAt[i]`; read from the edges, not the
  // graph's `children`, which are built only when someone asks (see `buildGraph`).
  const hasParent = new Uint8Array(count);
  const kidsAt = new Int32Array(count + 1);
  const ends = new Int32Array(graph.edges.length * 2).fill(-1);
  graph.edges.forEach(({ from, to }, e) => {
    const child = index.get(from);
    const parent = index.get(to);
    if (child === undefined || parent === undefined) return;
    ends[2 * e] = child;
    ends[2 * e + 1] = parent;
    hasParent[child] = 1;
    kidsAt[parent + 1] = (kidsAt[parent + 1] as number) + 1;
  });
  for (let i = 0; i < count; i++) kidsAt[i + 1] = (kidsAt[i + 1] as number) + (kidsAt[i] as number);
  const kids = new Int32Array(kidsAt[count] as number);
  const filled = kidsAt.slice(0, count);
  for (let e = 0; e < ends.length; e += 2) {
    const parent = ends[e + 1] as number;
    if (parent === -1) continue;
    kids[filled[parent] as number] = ends[e] as number;
    filled[parent] = (filled[parent] as number) + 1;
  }

  // Each node hangs under its first parent only, found breadth-first from the roots. A node's
  // children in the tree are a linked list (first child, next sibling) in creation order.
  const placed = new Uint8Array(count);
  const queue = new Int32Array(count);
  let queued = 0;
  const firstKid = new Int32Array(count).fill(-1);
  const lastKid = new Int32Array(count).fill(-1);
  const nextSibling = new Int32Array(count).fill(-1);
  const kidCount = new Int32Array(count);
  const roots: number[] = [];
  const enqueue = (i: number) => {
    placed[i] = 1;
    queue[queued++] = i;
  };
  const visit = (parent: number) => {
    for (let k = kidsAt[parent] as number; k < (kidsAt[parent + 1] as number); k++) {
      const child = kids[k] as number;
      if (placed[child]) continue;
      enqueue(child);
      if (lastKid[parent] === -1) firstKid[parent] = child;
      else nextSibling[lastKid[parent] as number] = child;
      lastKid[parent] = child;
      kidCount[parent] = (kidCount[parent] as number) + 1;
    }
  };
  for (let i = 0; i < count; i++) {
    if (node(i).kind === 'claim' && !hasParent[i]) {
      roots.push(i);
      enqueue(i);
    }
  }
  for (let q = 0; q < queued; q++) visit(queue[q] as number);
  // Claims only reachable through a cycle have no root above them: start trees there too.
  for (let i = 0; i < count; i++) {
    if (placed[i] || node(i).kind !== 'claim') continue;
    roots.push(i);
    enqueue(i);
    for (let q = queued - 1; q < queued; q++) visit(queue[q] as number);
  }

  // Post-order (reverse BFS order) so every child's width is known before its parent's.
  const width = new Float64Array(count);
  const span = new Float64Array(count);
  for (let q = queued - 1; q >= 0; q--) {
    const i = queue[q] as number;
    let s = GAP_X * Math.max(0, (kidCount[i] as number) - 1);
    for (let k = firstKid[i] as number; k !== -1; k = nextSibling[k] as number) {
      s += width[k] as number;
    }
    span[i] = s;
    width[i] = Math.max(node(i).width, s);
  }

  // Top-down: each node centred over the span of its children.
  const positions: Positions = new Map();
  const left = new Float64Array(count);
  const top = new Float64Array(count);
  const stack = new Int32Array(count);
  let x0 = 0;
  for (const root of roots) {
    left[root] = x0;
    top[root] = 0;
    let depth = 0;
    stack[depth++] = root;
    while (depth > 0) {
      const i = stack[--depth] as number;
      const n = node(i);
      const l = left[i] as number;
      const w = width[i] as number;
      positions.set(n.id, { x: Math.round(l + (w - n.width) / 2), y: top[i] as number });
      let x = l + (w - (span[i] as number)) / 2;
      const below = (top[i] as number) + n.height + GAP_Y;
      for (let k = firstKid[i] as number; k !== -1; k = nextSibling[k] as number) {
        left[k] = x;
        top[k] = below;
        stack[depth++] = k;
        x += (width[k] as number) + GAP_X;
      }
    }
    x0 += (width[root] as number) + GAP_X * 2;
  }
  return positions;
}
