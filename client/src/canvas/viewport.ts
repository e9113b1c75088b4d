import type { Viewport } from '@xyflow/react';
import type { LayoutSnapshot } from '../layout/LayoutStore.ts';

/** Below this zoom cards show no text: nobody can read it, and panning stays smooth. */
export const TEXT_ZOOM = 0.35;

/** The fitted map's margin: a tenth of the canvas, shared by both sides. */
const PAD = 0.9;

/** The area the laid-out map covers, in canvas units; null for an empty map. */
export function layoutBounds(
  snap: LayoutSnapshot,
): { minX: number; minY: number; maxX: number; maxY: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of snap.graph.nodes) {
    const p = snap.positions.get(n.id);
    if (!p) continue;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + n.width);
    maxY = Math.max(maxY, p.y + n.height);
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

/**
 * The viewport that shows the whole map, centred, no larger than life. Computed from the
 * layout rather than React Flow's `fitView`, which only counts the cards it has measured:
 * the canvas renders only the cards in sight, so it would fit what is already in view.
 */
export function fitWhole(
  snap: LayoutSnapshot,
  width: number,
  height: number,
  minZoom = 0.05,
): Viewport {
  const b = layoutBounds(snap);
  if (!b) return { x: 0, y: 0, zoom: 1 };
  const zoom = Math.max(
    minZoom,
    Math.min(1, (width * PAD) / (b.maxX - b.minX), (height * PAD) / (b.maxY - b.minY)),
  );
  return {
    x: (width - (b.maxX - b.minX) * zoom) / 2 - b.minX * zoom,
    y: (height - (b.maxY - b.minY) * zoom) / 2 - b.minY * zoom,
    zoom,
  };
}

/**
 * Where a map opens: the whole map if it fits with the cards' words still shown, otherwise
 * (a map of hundreds of claims) its first conclusion at the top centre with its reasons
 * below. Computed from the layout, so it needs no DOM measurement and costs nothing on a
 * big map.
 */
export function initialViewport(
  snap: LayoutSnapshot,
  roots: ReadonlySet<string>,
  width: number,
  height: number,
): Viewport {
  const whole = fitWhole(snap, width, height);
  if (whole.zoom >= TEXT_ZOOM) return whole;
  const b = layoutBounds(snap);
  const zoom = 0.8;
  const first = snap.graph.nodes.find((n) => roots.has(n.id)) ?? snap.graph.nodes[0];
  const p = (first && snap.positions.get(first.id)) ?? { x: b?.minX ?? 0, y: b?.minY ?? 0 };
  const w = first?.width ?? 0;
  return { x: width / 2 - (p.x + w / 2) * zoom, y: 40 - p.y * zoom, zoom };
}

/** The rectangle of the map a viewport shows on a canvas of this size, in map units. */
export function viewRect(
  viewport: Viewport,
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: width / viewport.zoom,
    height: height / viewport.zoom,
  };
}

/**
 * The viewport that shows all of `rect` (someone else's view), centred, on a canvas of this
 * size: a larger window shows it larger, a smaller one smaller, never beyond the canvas's
 * zoom limits.
 */
export function viewportShowing(
  rect: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
  limits: { min: number; max: number } = { min: 0.05, max: 2 },
): Viewport {
  const zoom = Math.min(
    limits.max,
    Math.max(limits.min, Math.min(width / rect.width, height / rect.height)),
  );
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom };
}
