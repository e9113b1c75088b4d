import {
  Background,
  ControlButton,
  Controls,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  type Viewport,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ClaimId } from '@warrant/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { preloadEditor } from '../editor/LazyClaimEditor.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useLayout } from '../layout/useLayout.ts';
import { useStructure } from '../session/useStructure.ts';
import { useUi } from '../session/useUi.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { buildEdges, buildNodes } from './buildElements.ts';
import { cull, inWindow, nextWindow, visibleRect, type Rect } from './cull.ts';
import { CanvasNavContext, type CanvasNav } from './CanvasNav.ts';
import { ClaimNode } from './ClaimNode.tsx';
import { ConnectDialog, type ConnectTarget } from '../claim/ConnectDialog.tsx';
import { neighbour } from './navigate.ts';
import { Overview } from './Overview.tsx';
import type { MapNode } from './nodeTypes.ts';
import { ReasonNode } from './ReasonNode.tsx';
import { GhostNode } from './GhostNode.tsx';
import { ghostNodes } from './ghosts.ts';
import { fitWhole, initialViewport, READABLE_ZOOM, viewportShowing, viewRect } from './viewport.ts';
import { useLeader } from '../follow/useLeader.ts';
import { livePainted } from '../offline/firstPaint.ts';
import { settleGate } from '../state/whenSettled.ts';
import type { LayoutSnapshot } from '../layout/LayoutStore.ts';

const nodeTypes = { claim: ClaimNode, reason: ReasonNode, ghost: GhostNode };

/** Where a node is and how big: from the layout, or for a ghost, from its node. */
function placeOf(
  snap: LayoutSnapshot | null,
  ghosts: readonly MapNode[],
  id: string,
): { p?: { x: number; y: number }; n?: { width: number; height: number } } {
  const p = snap?.positions.get(id);
  const n = snap?.graph.nodes.find((node) => node.id === id);
  if (p && n) return { p, n };
  const ghost = ghosts.find((g) => g.id === id);
  if (!ghost) return {};
  return { p: ghost.position, n: { width: ghost.width ?? 0, height: ghost.height ?? 0 } };
}

/** Cards React Flow moved (a drag under way), over the layout they were moved on. */
interface Moved {
  of: LayoutSnapshot | null;
  nodes: ReadonlyMap<string, MapNode>;
}

const NOT_MOVED: Moved = { of: null, nodes: new Map() };

/** The canvas element's size, for viewport arithmetic. */
function canvasSize(): { width: number; height: number } | null {
  const el = document.querySelector('.react-flow');
  return el ? { width: el.clientWidth, height: el.clientHeight } : null;
}

interface Size {
  width: number;
  height: number;
}

function Canvas({ size }: { size: Size }) {
  const { session, ui } = useSession();
  const leader = useLeader();
  const structure = useStructure();
  const { layout, store } = useLayout();
  const selection = useUi((s) => s.selection);
  const reveal = useUi((s) => s.reveal);
  const compare = useUi((s) => s.compare);
  const canEdit = useCanEdit();
  const flow = useReactFlow();
  const [pending, setPending] = useState<{ from: ClaimId; to: ConnectTarget } | null>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  // React Flow gets only the cards and edges in and around the view (see `cull`), built when
  // they are first shown: the window moves when the view leaves it. None until the pane has a
  // size.
  const flowStore = useStoreApi<MapNode>();
  const [win, setWin] = useState<Rect | null>(null);
  const winRef = useRef<Rect | null>(null);
  // Where the map opens, worked out from the layout and the pane's size before React Flow
  // mounts: its first render then draws the right cards in the right place, rather than
  // nothing, then the cards around the origin, then (after `onInit`) the ones wanted.
  const opening = useRef<Viewport | null>(null);
  if (!opening.current && layout && !layout.settling && size.width > 0 && size.height > 0) {
    const following = session.follow.get()?.view;
    opening.current =
      following?.mode === 'map'
        ? viewportShowing(following, size.width, size.height)
        : initialViewport(layout, structure.roots, size.width, size.height);
    const { x, y, zoom } = opening.current;
    winRef.current = nextWindow(null, visibleRect([x, y, zoom], size.width, size.height));
  }
  const shownWin = win ?? winRef.current;
  useEffect(() => {
    const follow = ({
      transform,
      width,
      height,
    }: {
      transform: [number, number, number];
      width: number;
      height: number;
    }) => {
      if (!width || !height) return;
      const next = nextWindow(winRef.current, visibleRect(transform, width, height));
      if (next === winRef.current) return;
      winRef.current = next;
      setWin(next);
    };
    follow(flowStore.getState());
    return flowStore.subscribe(follow);
  }, [flowStore]);
  const editing = useUi((s) => s.editing);
  const selectedId = selection?.id;

  // Every node and edge object built so far, by id: reused while nothing about it changed,
  // so React Flow keeps its measurements and React skips those cards.
  const nodeCache = useRef(new Map<string, MapNode>());
  const edgeCache = useRef(new Map<string, Edge>());
  const relations = useMemo(
    () => new Map(structure.relations.map((r) => [r.id, r])),
    [structure.relations],
  );
  // Claims gone since the compared version, ghosted in a row under the map.
  const ghosts = useMemo(
    () => (layout && compare?.removed.length ? ghostNodes(layout, compare) : []),
    [layout, compare],
  );
  const ghostsRef = useRef(ghosts);
  ghostsRef.current = ghosts;
  const [moved, setMoved] = useState<Moved>(NOT_MOVED);
  const shown = useMemo(() => {
    if (!layout || !shownWin) return { nodes: [], edges: [] };
    const keep = new Set<string>();
    if (selectedId) keep.add(selectedId);
    if (editing) keep.add(editing);
    const part = cull(layout, shownWin, keep);
    const nodes = buildNodes(
      part.nodes,
      layout.positions,
      relations,
      structure.roots,
      selection,
      nodeCache.current,
    );
    for (const ghost of ghosts) {
      if (keep.has(ghost.id) || inWindow(ghost, shownWin)) nodes.push(ghost);
    }
    const dragged = moved.of === layout ? moved.nodes : null;
    return {
      nodes: dragged?.size ? nodes.map((n) => dragged.get(n.id) ?? n) : nodes,
      edges: buildEdges(part.edges, relations, edgeCache.current),
    };
  }, [layout, shownWin, selectedId, editing, relations, structure.roots, selection, ghosts, moved]);
  const shownRef = useRef(shown);
  shownRef.current = shown;

  const onNodesChange = useCallback((changes: NodeChange<MapNode>[]) => {
    const current = new Map(shownRef.current.nodes.map((n) => [n.id, n]));
    const kept = changes.filter((c) => {
      // Selection and deletion go through the app (the doc and the toolbar), not React Flow.
      if (c.type === 'select' || c.type === 'remove') return false;
      // A card measured at the size it declared changes nothing. Passing it on would rebuild
      // what React Flow is given each time panning brings cards into view.
      if (c.type === 'dimensions' && c.dimensions && !c.resizing) {
        const node = current.get(c.id);
        const same =
          node &&
          Math.abs((node.measured?.width ?? node.width ?? 0) - c.dimensions.width) < 1 &&
          Math.abs((node.measured?.height ?? node.height ?? 0) - c.dimensions.height) < 1;
        return !same;
      }
      return true;
    });
    if (kept.length === 0) return;
    // Only the cards changed (a drag moves a few), kept over the layout until it changes.
    const ids = new Set(kept.map((c) => (c.type === 'add' ? c.item.id : c.id)));
    const touched = [...current.values()].filter((n) => ids.has(n.id));
    const changed = applyNodeChanges(kept, touched);
    setMoved((prev) => {
      const of = layoutRef.current;
      const nodes = new Map(prev.of === of ? prev.nodes : []);
      for (const n of changed) nodes.set(n.id, n);
      return { of, nodes };
    });
  }, []);

  const onNodeDragStop: OnNodeDrag<MapNode> = useCallback(
    (_event, node) => store.move(node.id, node.position),
    [store],
  );

  const onNodeClick: NodeMouseHandler<MapNode> = useCallback(
    (_event, node) => {
      if (node.type === 'ghost') return; // not in the map: nothing to select
      ui.select({ kind: node.type === 'claim' ? 'claim' : 'reason', id: node.id });
    },
    [ui],
  );

  const onConnect = useCallback((c: Connection) => {
    if (!c.source || !c.target || c.source === c.target) return;
    const target = layoutRef.current?.graph.nodes.find((n) => n.id === c.target);
    if (!target) return;
    setPending({ from: c.source, to: { kind: target.kind, id: target.id } });
  }, []);

  // Pans just enough to bring a card fully into view, so the rest of the picture stays where
  // the person last saw it.
  const panTo = useCallback(
    (id: string) => {
      const { p, n } = placeOf(layoutRef.current, ghostsRef.current, id);
      if (!p || !n) return;
      const { x, y, zoom } = flow.getViewport();
      const el = document.querySelector('.react-flow');
      const w = el?.clientWidth ?? window.innerWidth;
      const h = el?.clientHeight ?? window.innerHeight;
      const margin = 48;
      const left = p.x * zoom + x;
      const top = p.y * zoom + y;
      const right = left + n.width * zoom;
      const bottom = top + n.height * zoom;
      let dx = 0;
      let dy = 0;
      if (right > w - margin) dx = w - margin - right;
      if (left + dx < margin) dx = margin - left;
      if (bottom > h - 170) dy = h - 170 - bottom;
      if (top + dy < margin) dy = margin - top;
      if (dx !== 0 || dy !== 0) void flow.setViewport({ x: x + dx, y: y + dy, zoom });
    },
    [flow],
  );

  const nav: CanvasNav = useMemo(
    () => ({
      move(from, direction) {
        const current = layoutRef.current;
        if (!current) return;
        const to = neighbour(current.graph, current.positions, from, direction);
        if (!to) return;
        ui.select({ kind: 'claim', id: to });
        ui.reveal(to);
      },
      show: panTo,
    }),
    [ui, panTo],
  );

  // Bring a revealed card into view (it may not be rendered yet: only visible cards are).
  useEffect(() => {
    if (!reveal) return;
    // Moving to a card oneself (keyboard, a new claim) is moving one's own view.
    session.follow.stop();
    const snap = layoutRef.current;
    const { p, n } = placeOf(snap, ghostsRef.current, reveal.id);
    if (!snap || !p || !n) return;
    const { zoom } = flow.getViewport();
    if (zoom < READABLE_ZOOM || snap.graph.nodes.length === 1) {
      // Too far out to read, or the map's first claim: centre it at a readable size.
      void flow.setCenter(p.x + n.width / 2, p.y + n.height / 2, { zoom: Math.max(zoom, 0.85) });
      return;
    }
    panTo(reveal.id);
  }, [reveal, flow, panTo, session]);

  // The whole map, from the layout as it is now (a tidy may just have replaced it).
  const fitAll = useCallback(() => {
    const snap = store.get();
    const el = document.querySelector('.react-flow');
    if (!snap || !el) return;
    session.follow.stop();
    void flow.setViewport(fitWhole(snap, el.clientWidth, el.clientHeight), { duration: 200 });
  }, [flow, store, session]);

  // This person's view, for anyone following them (throttled by the publisher).
  // The pane's size from React Flow's store (kept by its resize observer), else as measured
  // before the first paint: reading the element's size here would force a style and layout
  // pass in the middle of opening (~60 ms at 1,000 claims, in `onInit`).
  const publishView = useCallback(
    (viewport: Viewport) => {
      const { width, height } = flowStore.getState();
      const pane = width > 0 && height > 0 ? { width, height } : size;
      session.viewPublisher.publish({
        mode: 'map',
        ...viewRect(viewport, pane.width, pane.height),
      });
    },
    [session, flowStore, size],
  );

  // Any pan or zoom by this person (React Flow passes the event only for theirs) stops
  // following; every change of view, theirs or applied from a leader, is published.
  const onMove = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      if (event && session.follow.get()) session.follow.stop();
      publishView(viewport);
    },
    [session, publishView],
  );

  // Following someone on the map: show the rectangle they see.
  const leaderView = leader?.view?.mode === 'map' ? leader.view : null;
  useEffect(() => {
    const size = canvasSize();
    if (!leaderView || !size) return;
    void flow.setViewport(viewportShowing(leaderView, size.width, size.height));
  }, [leaderView, flow]);

  const onInit = useCallback(() => {
    // Marks for `pnpm bench` and the performance test: when the canvas first shows the map.
    performance.mark('warrant:canvas-ready');
    livePainted();
    settleGate.shown();
    preloadEditor();
    if (opening.current) {
      publishView(opening.current); // React Flow opened there (`defaultViewport`)
      return;
    }
    const snap = layoutRef.current;
    const el = document.querySelector('.react-flow');
    if (!snap || !el) return;
    const following = session.follow.get()?.view;
    const start =
      following?.mode === 'map'
        ? viewportShowing(following, el.clientWidth, el.clientHeight)
        : initialViewport(snap, structure.roots, el.clientWidth, el.clientHeight);
    void flow.setViewport(start);
    publishView(start);
  }, [flow, structure.roots, session, publishView]);

  if (!layout || layout.settling) {
    return (
      <div className="canvas-wait" role="status">
        Laying out the map…
      </div>
    );
  }
  return (
    <CanvasNavContext.Provider value={nav}>
      <ReactFlow<MapNode>
        nodes={shown.nodes}
        edges={shown.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onPaneClick={() => ui.select(null)}
        onConnect={onConnect}
        onInit={onInit}
        onMove={onMove}
        {...(opening.current ? { defaultViewport: opening.current } : {})}
        onlyRenderVisibleElements
        nodesConnectable={canEdit}
        // The cards and reason pills are the focusable, named elements; React Flow's own
        // wrappers around them would be a second, nameless Tab stop for each.
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label="Argument map"
      >
        <Background gap={24} size={1} color="#d0d7de" />
        <Panel position="bottom-right">
          <Overview layout={layout} relations={structure.relations} roots={structure.roots} />
        </Panel>
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={fitAll} aria-label="Fit view" title="Show the whole map">
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              />
            </svg>
          </ControlButton>
        </Controls>
        <Panel position="top-right">
          <button
            type="button"
            className="tool"
            aria-label="Tidy layout"
            title="Lay the whole map out again"
            onClick={() => {
              void store.tidy().then(fitAll);
            }}
          >
            Tidy layout
          </button>
        </Panel>
      </ReactFlow>
      {pending ? (
        <ConnectDialog from={pending.from} to={pending.to} onClose={() => setPending(null)} />
      ) : null}
    </CanvasNavContext.Provider>
  );
}

/** The graph view of the open map. */
export function MapCanvas() {
  // The pane's size, read before the first paint, so the canvas can open at its viewport.
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (el) setSize({ width: el.clientWidth, height: el.clientHeight });
  }, []);
  return (
    <div className="canvas" data-testid="canvas" ref={box}>
      <ReactFlowProvider>{size ? <Canvas size={size} /> : null}</ReactFlowProvider>
    </div>
  );
}
