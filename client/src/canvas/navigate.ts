import type { LayoutGraph } from '../layout/graph.ts';
import type { Positions } from '../layout/positions.ts';
import type { NavDirection } from './CanvasNav.ts';

/**
 * The card the arrow keys lead to: up to what this card supports or rebuts, down to its
 * reasons' premises, left and right to the nearest card on the same level. Reasons are
 * stepped over, so the keys move from claim to claim.
 */
export function neighbour(
  graph: LayoutGraph,
  positions: Positions,
  from: string,
  direction: NavDirection,
): string | undefined {
  const isClaim = new Set(graph.nodes.filter((n) => n.kind === 'claim').map((n) => n.id));
  const skip = (ids: string[], step: (id: string) => string[]): string[] => {
    const out: string[] = [];
    for (const id of ids) out.push(...(isClaim.has(id) ? [id] : step(id)));
    return out;
  };
  if (direction === 'up') {
    const up = (id: string) => skip(graph.parents.get(id) ?? [], up);
    return up(from)[0];
  }
  if (direction === 'down') {
    const down = (id: string) => skip(graph.children.get(id) ?? [], down);
    return down(from)[0];
  }
  const here = positions.get(from);
  if (!here) return undefined;
  let best: { id: string; score: number } | undefined;
  for (const id of isClaim) {
    const p = positions.get(id);
    if (!p || id === from) continue;
    const dx = p.x - here.x;
    if ((direction === 'left' && dx >= 0) || (direction === 'right' && dx <= 0)) continue;
    const score = Math.abs(dx) + Math.abs(p.y - here.y) * 3;
    if (!best || score < best.score) best = { id, score };
  }
  return best?.id;
}
