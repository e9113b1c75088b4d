import type { ClaimId, RelationId } from '@warrant/shared';
import type { MapStructure } from '../session/MapStore.ts';

/** Card sizes are fixed (long text is clipped on the card) so layout never waits for the DOM. */
export const CLAIM_SIZE = { width: 260, height: 112 } as const;
export const REASON_SIZE = { width: 136, height: 30 } as const;

export type LayoutNode =
  | { id: ClaimId; kind: 'claim'; width: number; height: number }
  | { id: RelationId; kind: 'reason'; width: number; height: number };

/** An edge from a premise up to its reason, or from a reason up to what it targets. */
export interface LayoutEdge {
  from: string;
  to: string;
}

export interface LayoutGraph {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** Parent of each node in the pro/con forest: reason → target, premise → reason. */
  parents: Map<string, string[]>;
  /** Children of each node, in creation order. */
  children: Map<string, string[]>;
}

/**
 * A graph whose `parents` and `children` are built from its edges when first read: opening a
 * map needs neither (the tree layout reads the edges), and on a 10,000-claim map the two
 * indexes are ~40,000 map entries made while the first cards wait.
 */
function lazyGraph(
  nodes: LayoutNode[],
  edges: LayoutEdge[],
  build: () => Pick<LayoutGraph, 'parents' | 'children'>,
): LayoutGraph {
  let links: Pick<LayoutGraph, 'parents' | 'children'> | null = null;
  return {
    nodes,
    edges,
    get parents() {
      return (links ??= build()).parents;
    },
    get children() {
      return (links ??= build()).children;
    },
  };
}

/** The parent and child indexes of `edges`, in their order. */
function linksOf(edges: readonly LayoutEdge[]): Pick<LayoutGraph, 'parents' | 'children'> {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const { from: child, to: parent } of edges) {
    // Pushed in place: a conclusion with hundreds of reasons must not copy its list each time.
    const up = parents.get(child);
    if (up) up.push(parent);
    else parents.set(child, [parent]);
    const down = children.get(parent);
    if (down) down.push(child);
    else children.set(parent, [child]);
  }
  return { parents, children };
}

/**
 * The graph the canvas draws. Every relation is its own small node (the "reason"): premises
 * join there and one arrow leaves it. That draws linked reasons as the literature does, and
 * gives undercuts (relations targeting a relation) something to point at.
 */
export function buildGraph(structure: Pick<MapStructure, 'claims' | 'relations'>): LayoutGraph {
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  const known = new Set<string>(structure.claims);
  const { width, height } = CLAIM_SIZE;
  for (const id of structure.claims) nodes.push({ id, kind: 'claim', width, height });
  for (const r of structure.relations) {
    nodes.push({ id: r.id, kind: 'reason', width: REASON_SIZE.width, height: REASON_SIZE.height });
    known.add(r.id);
  }
  for (const r of structure.relations) {
    const target = 'claim' in r.target ? r.target.claim : r.target.relation;
    if (known.has(target)) edges.push({ from: r.id, to: target });
    for (const premise of r.premises)
      if (known.has(premise)) edges.push({ from: premise, to: r.id });
  }
  return lazyGraph(nodes, edges, () => linksOf(edges));
}

/**
 * The graph for `next`, built from `previous` (the graph of `before`) when all that happened
 * is claims added at the end with the relations unchanged — "Add claim", the commonest change —
 * else from scratch (`buildGraph`). New claims without relations are new nodes and nothing
 * else, so the edges and the parent and child indexes are `previous`'s own (the same
 * objects: views that built something from them can keep it). On a 10,000-claim map this is a
 * copy of the node list instead of ~100 ms of rebuilding.
 */
export function extendGraph(
  previous: LayoutGraph,
  before: Pick<MapStructure, 'claims' | 'relations'>,
  next: Pick<MapStructure, 'claims' | 'relations'>,
): LayoutGraph {
  const old = before.claims;
  const claims = next.claims;
  const appended =
    next.relations === before.relations &&
    claims.length > old.length &&
    previous.nodes.length === old.length + before.relations.length &&
    old.every((id, i) => claims[i] === id);
  if (!appended) return buildGraph(next);
  const nodes = previous.nodes.slice(0, old.length);
  for (let i = old.length; i < claims.length; i++) {
    nodes.push({ id: claims[i] as ClaimId, kind: 'claim', ...CLAIM_SIZE });
  }
  for (const node of previous.nodes.slice(old.length)) nodes.push(node);
  // The same indexes as `previous`, built (once, for both) only if someone reads them.
  return lazyGraph(nodes, previous.edges, () => ({
    parents: previous.parents,
    children: previous.children,
  }));
}
