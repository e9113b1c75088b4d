/** Top-left corner of a node on the canvas. */
export interface Point {
  x: number;
  y: number;
}

export type Positions = Map<string, Point>;

/** Space between neighbouring cards and between layers. */
export const GAP_X = 32;
export const GAP_Y = 44;
