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
  return fitBounds(layoutBounds(snap), width, height, minZoom);
}

/** `fitWhole` for bounds already measured (`layoutBounds`). */
function fitBounds(
  b: ReturnType<typeof layoutBounds>,
  width: number,
  height: number,
  minZoom = 0.05,
): Viewport {
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
 * The zoom below which a card's words are too small to read comfortably (its 14px text at
 * about 8px on the screen). A map that fits whole only below this opens at this zoom.
 */
export const READABLE_ZOOM = 0.6;

/** The top margin, in screen pixels, above a map opened at its conclusions. */
const TOP = 40;

/**
 * Where a map opens: the whole map if it fits at a readable zoom. Otherwise (a wide debate,
 * a map of hundreds of claims) at `READABLE_ZOOM`, showing the conclusions: all of them
 * centred when they fit side by side, else the first, with their reasons below, never more
 * empty canvas beside the map than its margin. The overview shows where the rest is, and
 * "Fit view" shows it all. Computed from the layout, so it needs no DOM measurement and
 * costs nothing on a big map.
 */
export function initialViewport(
  snap: LayoutSnapshot,
  roots: ReadonlySet<string>,
  width: number,
  height: number,
): Viewport {
  // One pass over the layout for its bounds: on a map of thousands each pass counts.
  const b = layoutBounds(snap);
  const whole = fitBounds(b, width, height);
  if (whole.zoom >= READABLE_ZOOM || !b) return whole;
  const zoom = READABLE_ZOOM;
  const seenWidth = (width * PAD) / zoom;
  const seenHeight = (height * PAD) / zoom;
  // The conclusions' extent; the first conclusion alone when they do not fit side by side.
  const top = snap.graph.nodes.filter((n) => roots.has(n.id) && snap.positions.has(n.id));
  const span = (nodes: typeof top) => {
    let left = Infinity;
    let right = -Infinity;
    for (const n of nodes) {
      const p = snap.positions.get(n.id);
      if (!p) continue;
      left = Math.min(left, p.x);
      right = Math.max(right, p.x + n.width);
    }
    return left === Infinity ? null : { left, right };
  };
  let focus = span(top) ?? { left: b.minX, right: b.maxX };
  if (focus.right - focus.left > seenWidth) focus = span(top.slice(0, 1)) ?? focus;
  // Centre on them, but keep the map's edge at the canvas's margin rather than mid-screen.
  const half = seenWidth / 2;
  let cx = (focus.left + focus.right) / 2;
  if (b.maxX - b.minX > seenWidth) cx = Math.min(Math.max(cx, b.minX + half), b.maxX - half);
  else cx = (b.minX + b.maxX) / 2;
  const x = width / 2 - cx * zoom;
  const y =
    b.maxY - b.minY <= seenHeight
      ? height / 2 - ((b.minY + b.maxY) / 2) * zoom
      : TOP - b.minY * zoom;
  return { x, y, zoom };
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
