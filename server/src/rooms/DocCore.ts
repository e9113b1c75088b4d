import * as Y from 'yjs';
import { addsNothing } from '../auth/readOnly.ts';
import { encodeSyncStep2 } from '../protocol/messages.ts';
import type { MapSummary } from '../storage/Storage.ts';
import type { MapModel } from './MapModel.ts';
import type { Compacted, StoredBytes } from './Offload.ts';
import { Origin } from './origins.ts';
import { dropPending, encodeIntegrated, pendingBytes } from './pendingStructs.ts';
import { rebuildDoc } from './rebuildDoc.ts';
import { sliceUpdate } from './sliceUpdate.ts';
import { checkUpdate } from './updateCheck.ts';

/**
 * One update the hosted doc emitted, with what the room needs to commit and relay it: the
 * doc's state right after it (what `Committed` acks carry) and the client ids whose clocks it
 * moved (the authors record names the sender's among them).
 */
export interface HostedEmit {
  update: Uint8Array;
  afterState: Map<number, number>;
  moved: number[];
}

/** Where an update applied to a hosted doc came from. */
export type HostedSource = 'client' | 'fanout' | 'local';

/** What applying an update to a hosted doc did. */
export type HostedApply =
  /** Not an update any Yjs client writes (a client's only; checked before applying). */
  | { kind: 'malformed'; problem: string }
  /**
   * Applied. `clients`: the client ids its structs carry (a client's only); `echo`: it
   * completed structs that were pending, so its sender lacks part of what it emitted.
   */
  | { kind: 'applied'; emitted: HostedEmit[]; clients: number[]; echo: boolean; pending: number }
  /** Yjs threw: the doc can no longer be trusted. `echo` as above: it may be innocent. */
  | { kind: 'threw'; error: string; echo: boolean };

/** A hosted doc freshly loaded: its state, what migrating it emitted, log entries skipped. */
export interface HostedOpen {
  state: Map<number, number>;
  emitted: HostedEmit[];
  skipped: { index: number; error: string }[];
}

/**
 * A room's authoritative Y.Doc behind a narrow, bytes-only interface, so it can live on the
 * relay's Yjs worker thread (`DocHost.ts`): the room hands it updates and asks it for state
 * vectors, sync replies and summaries, and never touches the doc. A 16 MB map's half a
 * million Yjs items then fill the worker's heap, not the event loop's, and their garbage
 * collections pause only the worker.
 */
export class DocCore {
  private constructor(private readonly doc: Y.Doc) {}

  /**
   * Rebuilds a stored map (skipping log entries Yjs throws on, as every loader does) and
   * migrates it with `model`; throws what `model.open` throws (e.g. `MapTooNewError`).
   */
  static open(stored: StoredBytes, model: MapModel | undefined): { core: DocCore } & HostedOpen {
    const skipped: { index: number; error: string }[] = [];
    const doc = rebuildDoc(stored, (index, error) => skipped.push({ index, error: String(error) }));
    const core = new DocCore(doc);
    const emitted = core.capture(() => model?.open(doc));
    return { core, state: core.state(), emitted, skipped };
  }

  /** The doc's state vector as a map (client id → clock). */
  state(): Map<number, number> {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  /**
   * Applies `update`. A client's is checked first, as the relay checks every client update
   * (`malformedUpdate`), and fully decoded before Yjs sees it: Yjs integrates structs before
   * reading the delete set, so a truncated update could otherwise be half-applied.
   */
  apply(update: Uint8Array, source: HostedSource): HostedApply {
    let clients: number[] = [];
    if (source === 'client') {
      const checked = checkUpdate(update);
      if (checked.kind === 'malformed') return checked;
      clients = [...new Set(checked.decoded.structs.map((s) => s.id.client))];
    }
    const echo = pendingBytes(this.doc) > 0;
    try {
      const emitted = this.capture(() => Y.applyUpdate(this.doc, update, ORIGINS[source]));
      return { kind: 'applied', emitted, clients, echo, pending: pendingBytes(this.doc) };
    } catch (error) {
      return { kind: 'threw', error: String(error), echo };
    }
  }

  /**
   * Brings the doc up to a stored map in one transaction, so it emits just what it lacked
   * (one update, relayed to the room's connections).
   */
  repair(stored: StoredBytes): HostedEmit[] {
    return this.capture(() =>
      this.doc.transact(() => {
        Y.applyUpdate(this.doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update);
      }, Origin.Fanout),
    );
  }

  /** What a client at `stateVector` lacks (a sync step 2 reply); the whole doc without one. */
  diff(stateVector?: Uint8Array): Uint8Array {
    return encodeIntegrated(this.doc, stateVector);
  }

  /**
   * The whole doc (integrated structs) cut into slices (`sliceUpdate`) that, applied in
   * order, rebuild it: what a copy of it is built from a few slices at a time.
   */
  slices(): Uint8Array[] {
    const whole = encodeIntegrated(this.doc);
    const cut = sliceUpdate(whole, EMITTED_SLICE_LIMITS);
    return cut.kind === 'slices' ? cut.slices : [whole];
  }

  /** Whether `update` would change nothing (a read-only connection's step 2). Throws if undecodable. */
  addsNothing(update: Uint8Array): boolean {
    return addsNothing(this.doc, update);
  }

  /** Forgets structs waiting on missing dependencies (never integrated, stored or relayed). */
  dropPending(): void {
    dropPending(this.doc);
  }

  /** The map's summary by `model`. */
  summary(model: MapModel): MapSummary {
    return model.summary(this.doc);
  }

  /**
   * The doc folded into one snapshot (integrated structs only), with its title and summary
   * by `model` if given: what a compaction stores.
   */
  compact(model: MapModel | undefined): Compacted {
    const snapshot = encodeIntegrated(this.doc);
    if (!model) return { snapshot };
    try {
      return { snapshot, title: model.title(this.doc), summary: model.summary(this.doc) };
    } catch {
      return { snapshot };
    }
  }

  /** The map's title by `model`. */
  title(model: MapModel): string | undefined {
    return model.title(this.doc);
  }

  destroy(): void {
    this.doc.destroy();
  }

  /** Runs `change` and returns what the doc emitted meanwhile, in order; rethrows what it throws. */
  private capture(change: () => void): HostedEmit[] {
    const emitted: HostedEmit[] = [];
    const listen = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      emitted.push(...inSlices(update, tr.beforeState, tr.afterState));
    };
    this.doc.on('update', listen);
    try {
      change();
    } finally {
      this.doc.off('update', listen);
    }
    return emitted;
  }
}

/** From this size on, what the hosted doc emitted is committed and relayed in slices. */
export const SLICE_EMITTED_BYTES = 256 * 1024;

/** Each slice of a big emitted update: about 64 KB (`sliceUpdate`'s limits). */
const EMITTED_SLICE_LIMITS = { maxStructs: 1000, maxLength: 64 * 1024 };

/**
 * One emitted update, or a big one cut into slices (`sliceUpdate`: applied in order they do
 * what the whole does) so the room commits and relays it a slice at a time and no storage
 * transaction or frame on the event loop holds megabytes. Each slice carries the state the
 * doc reaches once it and the slices before it are applied, and the clients it moves.
 */
function inSlices(
  update: Uint8Array,
  before: Map<number, number>,
  after: Map<number, number>,
): HostedEmit[] {
  const movedFrom = (from: Map<number, number>, to: Map<number, number>): number[] => {
    const moved: number[] = [];
    for (const [client, clock] of to) if (clock > (from.get(client) ?? 0)) moved.push(client);
    return moved;
  };
  const whole = [{ update, afterState: new Map(after), moved: movedFrom(before, after) }];
  if (update.byteLength < SLICE_EMITTED_BYTES) return whole;
  const cut = sliceUpdate(update, EMITTED_SLICE_LIMITS);
  if (cut.kind !== 'slices' || cut.slices.length < 2) return whole;
  let state = new Map(before);
  return cut.slices.map((slice, i) => {
    const next = new Map(state);
    for (const [client, clock] of Y.parseUpdateMeta(slice).to) {
      if (clock > (next.get(client) ?? 0)) next.set(client, clock);
    }
    // The last slice (with the delete set) ends where the transaction did.
    const reached = i === cut.slices.length - 1 ? new Map(after) : next;
    const emit = { update: slice, afterState: reached, moved: movedFrom(state, reached) };
    state = reached;
    return emit;
  });
}

/** Transaction origins inside the hosted doc (nobody listens for them but `capture`). */
const ORIGINS: Record<HostedSource, unknown> = {
  client: 'client',
  fanout: Origin.Fanout,
  local: 'local',
};

/** What a room asks of its hosted doc, by name (`DocHost` sends these to the worker). */
export type HostOp =
  | { op: 'open'; stored: StoredBytes; model: string | null }
  | { op: 'apply'; update: Uint8Array; source: HostedSource }
  | { op: 'repair'; stored: StoredBytes }
  | { op: 'diff'; stateVector?: Uint8Array }
  | { op: 'syncStep2'; stateVector: Uint8Array }
  | { op: 'slices' }
  | { op: 'addsNothing'; update: Uint8Array }
  | { op: 'dropPending' }
  | { op: 'summary'; model: string }
  | { op: 'title'; model: string }
  | { op: 'compact'; model: string | null }
  | { op: 'close' };

/** What each `HostOp` resolves with. */
export interface HostResults {
  open: HostedOpen;
  apply: HostedApply;
  repair: HostedEmit[];
  diff: Uint8Array;
  syncStep2: Uint8Array;
  slices: Uint8Array[];
  addsNothing: boolean;
  dropPending: null;
  summary: MapSummary;
  title: string | null;
  compact: Compacted;
  close: null;
}

/** Thrown (by name, across the thread) when a hosted map needs a newer relay. */
export const MAP_TOO_NEW = 'MapTooNewError';

/**
 * The hosted docs of one thread, by the key their room was given: what the worker (and
 * `InlineOffload`, in tests) runs `HostOp`s against. Returns the result with the buffers it
 * may transfer rather than copy.
 */
export class DocCores {
  private readonly cores = new Map<number, DocCore>();

  constructor(private readonly models: ReadonlyMap<string, MapModel>) {}

  private model(id: string): MapModel {
    const model = this.models.get(id);
    if (!model) throw new Error(`no model ${id} on this thread`);
    return model;
  }

  run(
    key: number,
    request: HostOp,
  ): { result: HostResults[HostOp['op']]; transfer: ArrayBuffer[] } {
    if (request.op === 'open') {
      this.cores.get(key)?.destroy();
      const model = request.model === null ? undefined : this.models.get(request.model);
      const { core, ...opened } = DocCore.open(request.stored, model);
      this.cores.set(key, core);
      return { result: opened, transfer: buffers(opened.emitted) };
    }
    const core = this.cores.get(key);
    if (!core) throw new Error(`no hosted doc ${key} on this thread`);
    switch (request.op) {
      case 'apply': {
        const result = core.apply(request.update, request.source);
        return { result, transfer: result.kind === 'applied' ? buffers(result.emitted) : [] };
      }
      case 'repair': {
        const result = core.repair(request.stored);
        return { result, transfer: buffers(result) };
      }
      case 'diff': {
        const result = core.diff(request.stateVector);
        return { result, transfer: [result.buffer as ArrayBuffer] };
      }
      case 'syncStep2': {
        // Framed here too: copying megabytes into a frame is work the event loop is spared.
        const result = encodeSyncStep2(core.diff(request.stateVector));
        return { result, transfer: [result.buffer as ArrayBuffer] };
      }
      case 'slices': {
        const result = core.slices();
        return { result, transfer: [...new Set(result.map((s) => s.buffer as ArrayBuffer))] };
      }
      case 'addsNothing':
        return { result: core.addsNothing(request.update), transfer: [] };
      case 'dropPending':
        core.dropPending();
        return { result: null, transfer: [] };
      case 'summary':
        return { result: core.summary(this.model(request.model)), transfer: [] };
      case 'compact': {
        const model = request.model === null ? undefined : this.model(request.model);
        const result = core.compact(model);
        return { result, transfer: [result.snapshot.buffer as ArrayBuffer] };
      }
      case 'title':
        return { result: core.title(this.model(request.model)) ?? null, transfer: [] };
      case 'close':
        core.destroy();
        this.cores.delete(key);
        return { result: null, transfer: [] };
    }
  }
}

const buffers = (emitted: HostedEmit[]): ArrayBuffer[] => [
  ...new Set(emitted.map((e) => e.update.buffer as ArrayBuffer)),
];
