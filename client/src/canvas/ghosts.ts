import type { LayoutSnapshot } from '../layout/LayoutStore.ts';
import { CLAIM_SIZE } from '../layout/graph.ts';
import { ghostMark, type CompareMarks } from '../session/compare.ts';
import type { GhostNodeType } from './nodeTypes.ts';

const GAP = 24;
/** Space between the map and the row of removed claims. */
const BELOW = 96;
const PER_ROW = 6;

/**
 * Removed claims as ghost cards, in rows under the map's lowest card: they have no place in
 * the map's layout any more, and a row of their own keeps the map itself where it was.
 */
export function ghostNodes(layout: LayoutSnapshot, compare: CompareMarks): GhostNodeType[] {
  let minX = Infinity;
  let maxY = -Infinity;
  for (const n of layout.graph.nodes) {
    const p = layout.positions.get(n.id);
    if (!p) continue;
    minX = Math.min(minX, p.x);
    maxY = Math.max(maxY, p.y + n.height);
  }
  if (minX === Infinity) [minX, maxY] = [0, 0];
  return compare.removed.map((c, i) => ({
    id: c.id,
    type: 'ghost',
    position: {
      x: minX + (i % PER_ROW) * (CLAIM_SIZE.width + GAP),
      y: maxY + BELOW + Math.floor(i / PER_ROW) * (CLAIM_SIZE.height + GAP),
    },
    data: {
      text: c.text,
      against: compare.against,
      ...(compare.with ? { with: compare.with } : {}),
      mark: ghostMark(compare),
    },
    width: CLAIM_SIZE.width,
    height: CLAIM_SIZE.height,
    draggable: false,
    connectable: false,
    selectable: false,
  }));
}
