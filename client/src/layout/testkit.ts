import type { RelationView } from '@warrant/shared';
import type { LayoutGraph } from './graph.ts';
import type { Positions } from './positions.ts';

/** A relation as the layout tests write one: id, kind, premises and the claim it bears on. */
export const rel = (
  id: string,
  kind: 'support' | 'rebut',
  premises: string[],
  target: string,
): RelationView => ({
  id,
  kind,
  premises,
  target: { claim: target },
  author: '',
  createdAt: 0,
});

/** Every pair of the graph's cards whose boxes overlap where `positions` puts them. */
export function overlapping(graph: LayoutGraph, positions: Positions): [string, string][] {
  const boxes = graph.nodes.map((n) => ({
    id: n.id,
    ...(positions.get(n.id) ?? { x: NaN, y: NaN }),
    w: n.width,
    h: n.height,
  }));
  const out: [string, string][] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        out.push([a.id, b.id]);
    }
  });
  return out;
}
