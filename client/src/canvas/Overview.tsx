import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import {
  useEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type PointerEvent,
  type RefObject,
} from 'react';
import type { RelationView } from '@warrant/shared';
import type { LayoutSnapshot } from '../layout/LayoutStore.ts';
import { useSession } from '../session/SessionContext.ts';
import { KIND_COLOR } from './buildElements.ts';
import { whenSettled } from '../state/whenSettled.ts';
import {
  overviewFrame,
  OverviewPainter,
  type OverviewFrame,
  type OverviewRect,
} from './OverviewPainter.ts';

const WIDTH = 200;
const HEIGHT = 130;
const PAD = 6;

/** The "Pan" buttons: which way the view moves, and by how much of itself. */
const PANS = [
  { label: 'Pan left', arrow: '←', dx: -1, dy: 0 },
  { label: 'Pan up', arrow: '↑', dx: 0, dy: -1 },
  { label: 'Pan down', arrow: '↓', dx: 0, dy: 1 },
  { label: 'Pan right', arrow: '→', dx: 1, dy: 0 },
] as const;
const PAN_STEP = 1 / 3;

const viewportOf = (s: ReactFlowState) => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
});
const sameViewport = (a: ReturnType<typeof viewportOf>, b: ReturnType<typeof viewportOf>) =>
  a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

/**
 * The whole map in miniature, drawn on one <canvas>: React Flow's MiniMap renders a
 * subscribed component per node, which on a thousand-claim map costs more than the map.
 * Click or drag in it to move the view there; its "Pan" buttons do the same from the keyboard.
 */
export function Overview({
  layout,
  relations,
  roots,
}: {
  layout: LayoutSnapshot;
  relations: readonly RelationView[];
  roots: ReadonlySet<string>;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useReactFlow();
  const { session } = useSession();
  const viewport = useStore(viewportOf, sameViewport);

  const lastFrame = useRef<OverviewFrame | null>(null);
  const frame = useMemo(() => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const n of layout.graph.nodes) {
      const p = layout.positions.get(n.id);
      if (!p) continue;
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x + n.width);
      maxY = Math.max(maxY, p.y + n.height);
    }
    const bounds = minX === Infinity ? null : { minX, minY, maxX, maxY };
    const next = overviewFrame(bounds, WIDTH - 2 * PAD, HEIGHT - 2 * PAD, lastFrame.current);
    lastFrame.current = next;
    return next;
  }, [layout]);

  // Drawn at an idle moment, once the opening map has settled (`whenSettled`): on a map of
  // thousands of claims the drawing is a pass over all of them, and neither the first cards,
  // the first click nor a new claim's editor should wait for the miniature. After a change
  // only what is new or recoloured is drawn, when nothing else moved (`OverviewPainter`).
  const painter = useMemo(() => new OverviewPainter(), []);
  useEffect(
    () =>
      whenSettled(() => {
        const ctx = canvas.current?.getContext('2d');
        if (!ctx) return;
        const ratio = window.devicePixelRatio || 1;
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        const kind = new Map(relations.map((r) => [r.id, r.kind]));
        const rects = new Map<string, OverviewRect>();
        for (const n of layout.graph.nodes) {
          const p = layout.positions.get(n.id);
          if (!p) continue;
          const k = kind.get(n.id);
          rects.set(n.id, {
            fill: k ? KIND_COLOR[k] : roots.has(n.id) ? '#0b3d91' : '#8c959f',
            x: PAD + (p.x - frame.minX) * frame.scale,
            y: PAD + (p.y - frame.minY) * frame.scale,
            width: Math.max(1, n.width * frame.scale),
            height: Math.max(1, n.height * frame.scale),
          });
        }
        painter.paint(ctx, rects, { width: WIDTH, height: HEIGHT, ratio });
      }, 500),
    [layout, relations, roots, frame, painter],
  );

  const view = {
    left: PAD + (-viewport.x / viewport.zoom - frame.minX) * frame.scale,
    top: PAD + (-viewport.y / viewport.zoom - frame.minY) * frame.scale,
    width: (viewport.width / viewport.zoom) * frame.scale,
    height: (viewport.height / viewport.zoom) * frame.scale,
  };

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = (event.clientX - box.left - PAD) / frame.scale + frame.minX;
    const y = (event.clientY - box.top - PAD) / frame.scale + frame.minY;
    session.follow.stop();
    void flow.setCenter(x, y, { zoom: viewport.zoom });
  };

  const pan = (dx: number, dy: number) => {
    session.follow.stop();
    void flow.setViewport(
      {
        x: viewport.x - dx * viewport.width * PAN_STEP,
        y: viewport.y - dy * viewport.height * PAN_STEP,
        zoom: viewport.zoom,
      },
      { duration: 150 },
    );
  };

  return (
    <div className="overview-box">
      <div className="overview-pan" role="group" aria-label="Pan the map">
        {PANS.map((p) => (
          <button
            key={p.label}
            type="button"
            className="tool"
            aria-label={p.label}
            title={p.label}
            onClick={() => pan(p.dx, p.dy)}
          >
            <span aria-hidden="true">{p.arrow}</span>
          </button>
        ))}
      </div>
      <Minimap canvas={canvas} view={view} onPoint={moveTo} />
    </div>
  );
}

/** The picture itself, for the pointer: a press or a drag in it moves the view there. */
function Minimap({
  canvas,
  view,
  onPoint,
}: {
  canvas: RefObject<HTMLCanvasElement | null>;
  view: CSSProperties;
  onPoint: (event: PointerEvent<HTMLDivElement>) => void;
}) {
  const moveTo = onPoint;
  return (
    <div
      className="overview"
      role="img"
      aria-label="Overview of the whole map"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons === 1) moveTo(e);
      }}
    >
      <canvas
        ref={canvas}
        width={WIDTH * (window.devicePixelRatio || 1)}
        height={HEIGHT * (window.devicePixelRatio || 1)}
        style={{ width: WIDTH, height: HEIGHT }}
      />
      <div className="overview-view" style={view} />
    </div>
  );
}
