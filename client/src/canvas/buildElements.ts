import { MarkerType, Position, type Edge, type NodeHandle } from '@xyflow/react';
import type { RelationKind, RelationView } from '@warrant/shared';
import type { Selection } from '../session/EditorUi.ts';
import { CLAIM_SIZE, REASON_SIZE, type LayoutEdge, type LayoutNode } from '../layout/graph.ts';
import type { Positions } from '../layout/positions.ts';
import type { MapNode } from './nodeTypes.ts';

export const KIND_COLOR: Record<RelationKind, string> = { support: '#1a7f37', rebut: '#cf222e' };
const DASH: Record<RelationKind, string | undefined> = { support: undefined, rebut: '7 5' };
/** An undercut's arrow, into the reason it attacks: dotted, and labelled, unlike any other. */
const UNDERCUT_DASH = '2 4';

const HANDLE = 10;

/**
 * Where each card's two handles are, declared up front. Without this React Flow renders
 * every node once just to measure its handles, which on a 1,000-claim map means mounting
 * 2,000 nodes before it can cull to the visible few.
 */
function handlesFor(size: { width: number; height: number }): NodeHandle[] {
  const x = size.width / 2 - HANDLE / 2;
  return [
    {
      id: 'in',
      type: 'target',
      position: Position.Bottom,
      x,
      y: size.height - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    },
    {
      id: 'out',
      type: 'source',
      position: Position.Top,
      x,
      y: -HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    },
  ];
}
const CLAIM_HANDLES = handlesFor(CLAIM_SIZE);
const REASON_HANDLES = handlesFor(REASON_SIZE);

/**
 * React Flow nodes for some of the layout's nodes (those `cull` chose), reusing the node
 * object in `cache` wherever nothing about it changed, so React Flow keeps its measurements
 * and React skips those cards; what is built is kept there for next time.
 */
export function buildNodes(
  nodes: readonly LayoutNode[],
  positions: Positions,
  relations: ReadonlyMap<string, RelationView>,
  roots: ReadonlySet<string>,
  selection: Selection,
  cache: Map<string, MapNode>,
): MapNode[] {
  const out: MapNode[] = [];
  for (const n of nodes) {
    const position = positions.get(n.id) ?? { x: 0, y: 0 };
    const selected = selection?.id === n.id;
    const prev = cache.get(n.id);
    let node: MapNode;
    if (n.kind === 'claim') {
      const root = roots.has(n.id);
      if (
        prev?.type === 'claim' &&
        prev.data.root === root &&
        prev.selected === selected &&
        prev.position.x === position.x &&
        prev.position.y === position.y
      ) {
        out.push(prev);
        continue;
      }
      node = {
        id: n.id,
        type: 'claim',
        position,
        data: { root },
        selected,
        width: n.width,
        height: n.height,
        handles: CLAIM_HANDLES,
      };
    } else {
      const r = relations.get(n.id);
      const kind = r?.kind ?? 'support';
      const linked = (r?.premises.length ?? 0) > 1;
      const undercut = r !== undefined && 'relation' in r.target;
      if (
        prev?.type === 'reason' &&
        prev.data.kind === kind &&
        prev.data.linked === linked &&
        prev.data.undercut === undercut &&
        prev.selected === selected &&
        prev.position.x === position.x &&
        prev.position.y === position.y
      ) {
        out.push(prev);
        continue;
      }
      node = {
        id: n.id,
        type: 'reason',
        position,
        data: { kind, linked, undercut },
        selected,
        width: n.width,
        height: n.height,
        handles: REASON_HANDLES,
      };
    }
    cache.set(n.id, node);
    out.push(node);
  }
  return out;
}

/**
 * Lines from premises into their reason (no arrow) and one arrow from the reason onwards;
 * an undercut's arrow (from its reason into the reason it attacks) is dotted and labelled.
 * An edge whose kind did not change is the same object as before, so React Flow skips it.
 */
export function buildEdges(
  graphEdges: readonly LayoutEdge[],
  relations: ReadonlyMap<string, RelationView>,
  cache: Map<string, Edge> = new Map(),
): Edge[] {
  return graphEdges.map((e) => {
    const from = relations.get(e.from);
    const to = relations.get(e.to);
    const undercut = from !== undefined && to !== undefined;
    const intoReason = to !== undefined && !undercut;
    const kind = (intoReason ? to.kind : from?.kind) ?? 'support';
    const className = undercut ? 'edge undercut' : `edge ${kind}`;
    const id = `${e.from}->${e.to}`;
    const prev = cache.get(id);
    if (prev?.className === className) return prev;
    const color = KIND_COLOR[kind];
    const edge: Edge = {
      id,
      source: e.from,
      target: e.to,
      sourceHandle: 'out',
      targetHandle: 'in',
      focusable: false,
      selectable: false,
      className,
      style: {
        stroke: color,
        strokeWidth: 2,
        strokeDasharray: undercut ? UNDERCUT_DASH : DASH[kind],
      },
      ...(undercut ? { label: 'undercut', labelBgPadding: [4, 2] as [number, number] } : {}),
      ...(intoReason
        ? {}
        : { markerEnd: { type: MarkerType.ArrowClosed, color, width: 18, height: 18 } }),
    };
    cache.set(id, edge);
    return edge;
  });
}
