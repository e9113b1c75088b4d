import type { MapStructure } from '../session/MapStore.ts';
import { elkLayout } from './elkLayout.ts';
import { buildGraph, extendGraph, type LayoutGraph } from './graph.ts';
import { placeNew } from './placeNew.ts';
import type { Point, Positions } from './positions.ts';
import { treeLayout } from './treeLayout.ts';
import { Emitter } from '../state/Emitter.ts';
import { whenSettled } from '../state/whenSettled.ts';

/** Above this many nodes the first layout is the linear-time tree layout, not ELK. */
const ELK_NODE_LIMIT = 400;

/** Where this device keeps a map's card positions. */
export function layoutStorageKey(mapId: string): string {
  return `warrant.layout.${mapId}`;
}

export interface LayoutSnapshot {
  graph: LayoutGraph;
  positions: Positions;
  /** A better layout is on its way; views may wait before showing this one. */
  settling: boolean;
}

/**
 * Where each card sits on this device. Layout is a view concern (positions are not part of
 * the shared map), so it is kept per device in localStorage: reopening a map shows it as
 * you left it. New nodes are placed next to their neighbours; nothing else moves unless
 * someone asks for "Tidy layout".
 */
export class LayoutStore {
  private snapshot: LayoutSnapshot | null = null;
  private structure: MapStructure | null = null;
  private readonly changed = new Emitter();
  private cancelSave: (() => void) | null = null;

  constructor(
    private readonly storageKey: string,
    private readonly storage: Pick<
      Storage,
      'getItem' | 'setItem'
    > | null = globalThis.localStorage ?? null,
  ) {}

  get = (): LayoutSnapshot | null => this.snapshot;

  subscribe = this.changed.subscribe;

  /**
   * Brings the layout up to date with the map's shape, synchronously. The first time a map
   * is seen on this device everything is laid out; a small map then gets ELK's layout
   * (`settling` is true until it arrives), a large one keeps the linear-time tree layout.
   */
  update(structure: MapStructure): void {
    if (structure === this.structure) return;
    const before = this.structure;
    this.structure = structure;
    const graph =
      this.snapshot && before
        ? extendGraph(this.snapshot.graph, before, structure)
        : buildGraph(structure);
    if (this.snapshot) {
      // Already showing this map: place what is new, move nothing else.
      const { positions, settling } = this.snapshot;
      this.publish({ graph, positions: placeNew(graph, positions), settling }, false);
      return;
    }
    // First sight of the map on this page: what this device remembers, if it covers most of
    // the map; otherwise lay it all out (ELK for a small map, the tree layout for a big one).
    const start = performance.now();
    try {
      this.first(graph);
    } finally {
      performance.measure('warrant:layout:first', { start });
    }
  }

  private first(graph: LayoutGraph): void {
    const known = this.load();
    let missing = graph.nodes.length;
    if (known.size > 0) for (const n of graph.nodes) if (known.has(n.id)) missing--;
    if (missing <= graph.nodes.length / 2) {
      this.publish({ graph, positions: placeNew(graph, known), settling: false }, false);
      return;
    }
    const small = graph.nodes.length > 1 && graph.nodes.length <= ELK_NODE_LIMIT;
    this.publish({ graph, positions: treeLayout(graph), settling: small }, false);
    if (small) {
      this.tidy().catch((error: unknown) => {
        console.error('ELK layout failed; keeping the tree layout.', error);
        if (this.snapshot) this.publish({ ...this.snapshot, settling: false });
      });
    }
  }

  /** A person dragged a card. */
  move(id: string, point: Point): void {
    if (!this.snapshot) return;
    const positions = new Map(this.snapshot.positions);
    positions.set(id, { x: Math.round(point.x), y: Math.round(point.y) });
    this.publish({ graph: this.snapshot.graph, positions, settling: false });
  }

  /** Lays the whole map out again with ELK ("Tidy layout"). */
  async tidy(): Promise<void> {
    const current = this.snapshot;
    if (!current) return;
    const positions = await elkLayout(current.graph);
    // The map may have changed while ELK ran: place what ELK did not see.
    const latest = this.snapshot ?? current;
    this.publish({
      graph: latest.graph,
      positions: placeNew(latest.graph, positions),
      settling: false,
    });
  }

  /** Writes the layout out now (the page is leaving). Subscriptions stay: React owns them. */
  destroy(): void {
    this.cancelSave?.();
    this.cancelSave = null;
    this.save();
  }

  /** `notify` is false when called during a render, which reads the snapshot right after. */
  private publish(snapshot: LayoutSnapshot, notify = true): void {
    this.snapshot = snapshot;
    if (notify) this.changed.emit();
    // Written at an idle moment once the opening map has settled: on a map of 10,000 claims
    // the write (every position as JSON into localStorage) is a task of 200 ms or more, which
    // on a one-second timer landed between the first cards and the first click.
    this.cancelSave?.();
    this.cancelSave = whenSettled(() => {
      this.cancelSave = null;
      this.save();
    }, 2000);
  }

  private load(): Positions {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      const positions: Positions = new Map();
      if (parsed && typeof parsed === 'object') {
        for (const [id, value] of Object.entries(parsed)) {
          if (
            Array.isArray(value) &&
            typeof value[0] === 'number' &&
            typeof value[1] === 'number'
          ) {
            positions.set(id, { x: value[0], y: value[1] });
          }
        }
      }
      return positions;
    } catch {
      return new Map();
    }
  }

  private save(): void {
    if (!this.snapshot || !this.storage) return;
    const out: Record<string, [number, number]> = {};
    for (const [id, p] of this.snapshot.positions) out[id] = [p.x, p.y];
    try {
      this.storage.setItem(this.storageKey, JSON.stringify(out));
    } catch {
      // Storage full or disabled: the layout is recomputed next time, nothing is lost.
    }
  }
}
