import type { LayoutGraph } from './graph.ts';
import { GAP_X, GAP_Y, type Positions } from './positions.ts';

/**
 * ELK's layered layout (conclusions on top, arrows pointing up), loaded on demand so the
 * editor's first paint does not pay for it.
 */
export async function elkLayout(graph: LayoutGraph): Promise<Positions> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const result = await elk.layout({
    id: 'map',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'UP',
      'elk.spacing.nodeNode': String(GAP_X),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP_Y),
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Network simplex centres each conclusion over its reasons instead of at one edge.
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.separateConnectedComponents': 'true',
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  const positions: Positions = new Map();
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}
