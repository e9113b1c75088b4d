/** One card or reason pill as the overview draws it: where, how big, in which colour. */
export interface OverviewRect {
  fill: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What of a 2D context the painter uses. */
export type OverviewContext = Pick<CanvasRenderingContext2D, 'clearRect' | 'fillRect'> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
};

const sameBox = (a: OverviewRect, b: OverviewRect) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * Draws the overview's rectangles, remembering what it drew: when nothing drawn has moved or
 * gone (a claim was added: the layout never moves the others), only the new and recoloured
 * rectangles are drawn, not the whole map again. On a map of 10,000 claims the whole drawing
 * is a task of 50–110 ms, and it came right after each "Add claim", while the person types.
 */
export class OverviewPainter {
  private drawn = new Map<string, OverviewRect>();
  /** The pixel ratio drawn at: a new one resizes the canvas, which clears it. */
  private ratio = 0;

  /** Draws `rects` (by node id) on `ctx`; returns how many it drew and whether it cleared. */
  paint(
    ctx: OverviewContext,
    rects: ReadonlyMap<string, OverviewRect>,
    size: { width: number; height: number; ratio: number },
  ): { drawn: number; whole: boolean } {
    let whole = this.drawn.size === 0 || rects.size < this.drawn.size || size.ratio !== this.ratio;
    this.ratio = size.ratio;
    if (!whole) {
      for (const [id, was] of this.drawn) {
        const now = rects.get(id);
        if (!now || !sameBox(was, now)) {
          whole = true;
          break;
        }
      }
    }
    if (whole) ctx.clearRect(0, 0, size.width, size.height);
    let drawn = 0;
    for (const [id, rect] of rects) {
      const was = this.drawn.get(id);
      if (!whole && was && was.fill === rect.fill) continue;
      ctx.fillStyle = rect.fill;
      ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
      drawn++;
    }
    this.drawn = new Map(rects);
    return { drawn, whole };
  }

  /** Forgets what was drawn: the next `paint` draws everything (a new canvas, a new scale). */
  reset(): void {
    this.drawn.clear();
  }
}

/** Where the map's corner is drawn and at what scale. */
export interface OverviewFrame {
  minX: number;
  minY: number;
  scale: number;
}

/** The map's extent: the smallest box around every node. */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Room left on the right and below, as a share of the map's size, for what comes next. */
const ROOM = 0.03;
/** A map using less than this share of its frame either way is drawn at a new scale. */
const SHRUNK = 0.8;

/**
 * The frame that shows `bounds` in a `width` × `height` drawing: `previous` while the map
 * still fits in it and fills most of it, else a new one with a little room on the right and
 * below, where new claims and reasons go. A frame that stays lets `OverviewPainter` draw only
 * what was added; a new one redraws everything.
 */
export function overviewFrame(
  bounds: Bounds | null,
  width: number,
  height: number,
  previous: OverviewFrame | null,
): OverviewFrame {
  if (!bounds) return previous ?? { minX: 0, minY: 0, scale: 1 };
  const w = bounds.maxX - bounds.minX || 1;
  const h = bounds.maxY - bounds.minY || 1;
  if (previous) {
    const frameW = width / previous.scale;
    const frameH = height / previous.scale;
    const fits =
      bounds.minX >= previous.minX &&
      bounds.minY >= previous.minY &&
      bounds.maxX <= previous.minX + frameW &&
      bounds.maxY <= previous.minY + frameH;
    const fills = w >= frameW * SHRUNK || h >= frameH * SHRUNK;
    if (fits && fills) return previous;
  }
  const scale = Math.min(width / (w * (1 + ROOM)), height / (h * (1 + ROOM)));
  return { minX: bounds.minX, minY: bounds.minY, scale };
}
