import * as Y from 'yjs';
import type { CloseCodeName } from '../protocol/constants.ts';
import type { MapSummary, StoredMap } from '../storage/Storage.ts';
import { stampMoved } from './authorship.ts';
import { applyPaced } from './BigUpdates.ts';
import type { HostedEmit } from './DocCore.ts';
import { DocHost } from './DocHost.ts';
import type { Emitted, UpdateSource } from './Emitted.ts';
import type { Compacted, Offload } from './Offload.ts';
import { Origin } from './origins.ts';
import { encodeIntegrated } from './pendingStructs.ts';
import type { Peer } from './Peer.ts';

/** What a hosted doc needs of its room: who is connected, and the room's commit path. */
export interface HostingRoom {
  readonly mapId: string;
  /** The map model's name (what the host migrates with and reads titles by), if any. */
  readonly model: string | undefined;
  readonly maxPendingBytes: number;
  /** False once the room failed or was unloaded. */
  alive(): boolean;
  /** Throws if the room can take no more edits. */
  live(): void;
  isPeer(peer: Peer): boolean;
  fail(error: unknown, what: string): void;
  reject(peer: Peer, code: CloseCodeName, detail: string): void;
  /** Commits one emitted update, then broadcasts it. */
  persist(emitted: Emitted): void;
  /** Sends an update already committed (by another relay) to the room's connections. */
  relay(update: Uint8Array): void;
  /** After a client's whole update: its ack, and the pending limit. */
  afterApply(peer: Peer, emitted: number, pending: number): void;
}

/**
 * A room's doc hosted off the event loop (`DocHost`): sends every update and question to
 * the host, commits what the host says the doc emitted through the room, in order, and
 * keeps the doc's state vector as of the last update it emitted (the room's sync step 1).
 * The room calls it in its turn (`RoomTurns`), so answers come in the order asked.
 */
export class HostedDoc {
  /** Hosts a doc `DocHost.open` opened, whose state vector is `current`. */
  constructor(
    private readonly host: DocHost,
    private current: Map<number, number>,
    private readonly room: HostingRoom,
  ) {}

  /**
   * Moves `local` off the event loop: the host starts from what it integrated (structs
   * waiting on missing dependencies were never accepted and are dropped). Null if the room
   * closed meanwhile (the host is closed again).
   */
  static async promote(
    local: Y.Doc,
    offload: Offload,
    room: HostingRoom,
  ): Promise<HostedDoc | null> {
    const state = Y.decodeStateVector(Y.encodeStateVector(local));
    const snapshot = encodeIntegrated(local);
    const opened = await DocHost.open(offload, { snapshot, updates: [] }, null);
    if (!room.alive()) {
      opened.host.close();
      return null;
    }
    return new HostedDoc(opened.host, state, room);
  }

  /** The doc's state vector as of the last update it emitted. */
  get state(): Map<number, number> {
    return this.current;
  }

  /** The doc's compaction snapshot, with the model's title and summary. */
  snapshot = (): Promise<Compacted> => this.host.compact(this.room.model ?? null);

  /** Brings the doc up to `stored` and relays what it lacked; false if that failed the room. */
  async repair(stored: StoredMap): Promise<boolean> {
    let emitted: HostedEmit[];
    try {
      emitted = await this.host.repair(stored);
    } catch (error) {
      this.room.fail(error, 'the map could not be repaired from storage');
      return false;
    }
    this.relay(emitted);
    return true;
  }

  /** Applies another relay's committed update and relays it; false if that failed the room. */
  async applyCommitted(update: Uint8Array): Promise<boolean> {
    const applied = await this.host.apply(update, 'fanout');
    if (applied.kind !== 'applied') {
      const problem = applied.kind === 'threw' ? applied.error : applied.problem;
      this.room.fail(new Error(problem), 'a fan-out update could not be applied');
      return false;
    }
    this.relay(applied.emitted);
    return true;
  }

  /** What the doc emitted for another relay's update or a repair: relayed, not committed. */
  private relay(emitted: HostedEmit[]): void {
    if (!this.room.alive()) return;
    for (const e of emitted) {
      this.current = e.afterState;
      this.room.relay(e.update);
    }
  }

  /** Applies a client's update and commits what the doc emitted, in order. */
  async applyClient(peer: Peer, update: Uint8Array): Promise<void> {
    if (!this.room.alive()) return;
    const applied = await this.host.apply(update, 'client');
    if (!this.room.alive()) return;
    if (applied.kind === 'malformed') {
      return this.room.reject(peer, 'UpdateRejected', applied.problem);
    }
    if (applied.kind === 'threw') {
      // As `Room.integrate`: its sender is refused unless it may have completed someone else's.
      if (!applied.echo) {
        this.room.reject(peer, 'UpdateRejected', `update failed to apply: ${applied.error}`);
      }
      return this.room.fail(
        new Error(applied.error),
        'an update broke the document while being applied',
      );
    }
    const from = { peer, clients: new Set(applied.clients) };
    const author = this.room.isPeer(peer) ? peer : null;
    for (const e of applied.emitted) this.commit(e, author && from, applied.echo);
    this.room.afterApply(peer, applied.emitted.length, applied.pending);
    if (applied.pending > this.room.maxPendingBytes) await this.host.dropPending();
  }

  /** Applies the relay's own update and commits what the doc emitted. */
  async applyRelayUpdate(update: Uint8Array): Promise<void> {
    const applied = await this.host.apply(update, 'local');
    this.room.live();
    if (applied.kind !== 'applied') {
      const problem = applied.kind === 'threw' ? applied.error : applied.problem;
      const error = new Error(`the relay's edit could not be applied: ${problem}`);
      if (applied.kind === 'threw') this.room.fail(error, 'a relay edit broke the document');
      throw error;
    }
    for (const e of applied.emitted) this.commit(e, null, false);
  }

  /** Commits one update the doc emitted (`from` null: the relay's own). */
  commit(e: HostedEmit, from: UpdateSource | null, echo: boolean): void {
    this.current = e.afterState;
    this.room.persist({
      update: e.update,
      author: from?.peer ?? null,
      echo,
      afterState: e.afterState,
      authors: stampMoved(e.moved, from, Date.now()),
    });
  }

  /**
   * A copy of the doc as it is now, built here for a read that walks a doc: the host
   * encodes it and cuts it into slices on its own thread, and they are applied a few at a
   * time (`applyPaced`), so building even a 16 MB copy lets the event loop turn. The read
   * itself then runs here, as long as it takes. The caller destroys it.
   */
  async copy(): Promise<Y.Doc> {
    const slices = await this.host.slices();
    const copy = new Y.Doc();
    await applyPaced(slices, (slice) => {
      Y.applyUpdate(copy, slice, Origin.Load);
      return true;
    });
    return copy;
  }

  /** Runs `read` against a copy of the doc (`copy`). */
  async read<T>(read: (doc: Y.Doc) => T): Promise<T> {
    const copy = await this.copy();
    try {
      return read(copy);
    } finally {
      copy.destroy();
    }
  }

  /** The map as one Yjs update, encoded on the host's thread. */
  diff(): Promise<Uint8Array> {
    return this.host.diff();
  }

  /** The sync step 2 frame answering a client at `stateVector`. */
  syncStep2(stateVector: Uint8Array): Promise<Uint8Array> {
    return this.host.syncStep2(stateVector);
  }

  /** Whether `update` adds nothing to the doc (a refused writer's harmless sync step 2). */
  addsNothing(update: Uint8Array): Promise<boolean> {
    return this.host.addsNothing(update);
  }

  title(model: string): Promise<string | null> {
    return this.host.title(model);
  }

  summary(model: string): Promise<MapSummary> {
    return this.host.summary(model);
  }

  close(): void {
    this.host.close();
  }
}
