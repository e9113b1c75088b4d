import type { Logger } from 'pino';
import * as Y from 'yjs';
import { canWrite } from '../auth/Auth.ts';
import { addsNothing } from '../auth/readOnly.ts';
import type { Fanout } from '../fanout/Fanout.ts';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import { CloseCodes } from '../protocol/constants.ts';
import {
  decodeClientMessage,
  encodeCommitted,
  encodeReadOnly,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
  READ_ONLY_REASON,
  STORAGE_UNAVAILABLE_REASON,
} from '../protocol/messages.ts';
import type { Storage } from '../storage/Storage.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import type { CommitQueue } from './CommitQueue.ts';
import type { MapModel } from './MapModel.ts';
import type { Peer } from './Peer.ts';
import { RoomAwareness } from './RoomAwareness.ts';
import { malformedUpdate } from './updateCheck.ts';

/** Transaction origins the room gives its own writes, so persistence can tell them apart. */
export const Origin = {
  /** Applying the stored snapshot and log: already on disk, never stored again. */
  Load: Symbol('warrant.load'),
  /** Updates another relay process committed and published: stored there, only broadcast. */
  Fanout: Symbol('warrant.fanout'),
} as const;

export interface RoomOptions {
  compactAfterUpdates: number;
  compactAfterBytes: number;
  maxPendingBytes: number;
  maxAwarenessIdsPerConnection: number;
}

export interface RoomDeps {
  storage: Storage;
  commits: CommitQueue;
  fanout: Fanout;
  metrics: RelayMetrics;
  logger: Logger;
  model: MapModel;
  options: RoomOptions;
  /** Whether storage takes writes; while it does not, every connection is read-only. */
  health: StorageHealth;
  /** Called once if a commit fails: the room's memory is ahead of disk and must be dropped. */
  onFailed(room: Room): void;
}

/**
 * One loaded map: its Y.Doc, awareness, and connections. The room applies each client
 * update, commits what Yjs accepted (never the client's raw bytes) through the group-commit
 * queue, and only then broadcasts it, so nobody ever sees an edit that is not on disk.
 */
export class Room {
  private readonly presence: RoomAwareness;
  private readonly peers = new Set<Peer>();
  /** Viewers already told they are read-only (told once per connection). */
  private readonly toldReadOnly = new WeakSet<Peer>();
  /** Connections whose edits were refused because storage could not take them. */
  private readonly heldBack = new Set<Peer>();
  private readonly unsubscribeFanout: () => void;
  /** Updates applied to the doc whose commit has not finished yet. */
  private uncommitted = 0;
  private committedWaiters: (() => void)[] = [];
  /** The doc's state after the last committed transaction: what `Committed` acks carry. */
  private committedState: Map<number, number>;
  private lastSeq: number;
  private logCount: number;
  private logBytes: number;
  private compacting: Promise<void> | null = null;
  private ackDue = new Set<Peer>();
  /** Committed updates of the current batch, sent together once the batch is done. */
  private outgoing: { update: Uint8Array; except: Peer | null }[] = [];
  /** True while applying an update that may integrate previously pending structs. */
  private resolvingPending = false;
  /** While a client's update is applied: what Yjs emitted so far, persisted once it returns. */
  private applying: Emitted[] | null = null;
  private failed = false;
  private destroyed = false;

  private constructor(
    readonly mapId: string,
    readonly doc: Y.Doc,
    private readonly deps: RoomDeps,
    stored: { lastSeq: number; logCount: number; logBytes: number },
  ) {
    this.lastSeq = stored.lastSeq;
    this.logCount = stored.logCount;
    this.logBytes = stored.logBytes;
    this.committedState = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.presence = new RoomAwareness(doc, deps.options.maxAwarenessIdsPerConnection, (frame) =>
      this.broadcast(frame, null),
    );
    doc.on('update', this.onDocUpdate);
    this.unsubscribeFanout = deps.fanout.subscribe(mapId, (update) => {
      if (this.failed || this.destroyed) return;
      try {
        Y.applyUpdate(doc, update, Origin.Fanout);
      } catch (error) {
        this.fail(error, 'a fan-out update could not be applied');
      }
    });
  }

  /**
   * Loads a map from storage, or resolves null if it does not exist. Runs the model's
   * migration; throws `MapTooNewError` if the map needs a newer relay.
   */
  static async load(mapId: string, deps: RoomDeps): Promise<Room | null> {
    const stored = await deps.storage.load(mapId);
    if (!stored) return null;
    const doc = loadDoc(stored, (index, error) => {
      deps.metrics.rejected.inc(1, { reason: 'UnloadableLogEntry' });
      deps.logger.error(
        { mapId, entry: index, err: error },
        'skipped a stored update that cannot be applied; the next compaction drops it',
      );
    });
    const room = new Room(mapId, doc, deps, {
      lastSeq: stored.lastSeq,
      logCount: stored.updates.length,
      logBytes: stored.updateBytes,
    });
    try {
      deps.model.open(doc);
    } catch (error) {
      room.destroy();
      throw error;
    }
    // A long log (a crash before the last compaction) is folded now, not on the next edit.
    if (room.logCount >= deps.options.compactAfterUpdates) void room.compact();
    return room;
  }

  get connectionCount(): number {
    return this.peers.size;
  }

  /** Adds a connection and starts the sync: our step 1, then everyone's awareness. */
  join(peer: Peer): void {
    if (this.failed || this.destroyed) {
      peer.close(CloseCodes.InternalError, 'room is closing');
      return;
    }
    this.peers.add(peer);
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    this.presence.join(peer);
  }

  /** Removes a connection (idempotent) and withdraws the awareness states it spoke for. */
  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.ackDue.delete(peer);
    this.presence.leave(peer);
  }

  /** Handles one binary frame from a joined connection. */
  receive(peer: Peer, frame: Uint8Array): void {
    if (!this.peers.has(peer)) return;
    let message;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      if (error instanceof ProtocolError) return this.reject(peer, error.closeCode, error.message);
      throw error;
    }
    switch (message.kind) {
      case 'syncStep1':
        void this.replyStep2(peer, message.stateVector);
        return;
      case 'update':
        if (!canWrite(peer.role)) return this.refuseWrite(peer, message.update, 'role');
        if (!this.deps.health.writable) return this.refuseWrite(peer, message.update, 'storage');
        return this.applyClientUpdate(peer, message.update);
      case 'awareness': {
        let problem: CloseCodeName | null;
        try {
          problem = this.presence.receive(peer, message.update);
        } catch (error) {
          return this.reject(peer, 'MalformedMessage', `bad awareness update: ${String(error)}`);
        }
        if (problem) this.reject(peer, problem, 'awareness update refused');
        return;
      }
      case 'queryAwareness':
        this.presence.sendAll(peer);
        return;
    }
  }

  /** Resolves once every update applied so far is committed (or the room has failed). */
  whenCommitted(): Promise<void> {
    if (this.uncommitted === 0 || this.failed) return Promise.resolve();
    return new Promise((resolve) => this.committedWaiters.push(resolve));
  }

  /**
   * Runs `read` against the doc at a moment when it holds nothing uncommitted, so API reads
   * (export, stats) never show an edit that is not on disk.
   */
  async readCommitted<T>(read: (doc: Y.Doc) => T): Promise<T> {
    while (this.uncommitted > 0 && !this.failed) await this.whenCommitted();
    return read(this.doc);
  }

  /**
   * Waits for in-flight commits and compaction, writes a final snapshot, and frees the doc.
   * Callers guarantee no connection will join meanwhile (the manager holds new ones back).
   */
  async unload(): Promise<void> {
    while (this.uncommitted > 0 && !this.failed) await this.whenCommitted();
    while (this.compacting) await this.compacting;
    if (!this.failed && this.logCount > 0) await this.compact();
    this.destroy();
  }

  /** Closes every connection with `code` (e.g. going away at shutdown). */
  closeAll(code: CloseCodeName, detail?: string): void {
    for (const peer of [...this.peers]) {
      this.leave(peer);
      peer.close(CloseCodes[code], detail);
    }
  }

  /** Folds the log into a snapshot of the integrated doc. Safe to call any time. */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.failed || this.destroyed) return Promise.resolve();
    // Everything at or before `lastSeq` is in the doc (we apply before we commit); updates
    // that commit while the storage call runs get later positions and stay in the log.
    const throughSeq = this.lastSeq;
    const countBefore = this.logCount;
    const bytesBefore = this.logBytes;
    let snapshot: Uint8Array;
    try {
      snapshot = this.encodeIntegrated();
    } catch (error) {
      // Never replace a log that loads with a snapshot that might not.
      this.fail(error, 'the map could not be encoded for compaction');
      return Promise.resolve();
    }
    let title: string | undefined;
    try {
      title = this.deps.model.title(this.doc);
    } catch {
      title = undefined;
    }
    this.compacting = this.deps.storage
      .compact(this.mapId, snapshot, throughSeq, title)
      .then(
        () => {
          this.logCount -= countBefore;
          this.logBytes -= bytesBefore;
          this.deps.metrics.compactions.inc();
          this.deps.logger.debug(
            { mapId: this.mapId, throughSeq, snapshotBytes: snapshot.byteLength },
            'compacted',
          );
        },
        (error: unknown) => {
          // The log still holds everything; the next compaction tries again.
          if (error instanceof StorageUnavailableError) this.deps.health.fail(error);
          this.deps.logger.error({ mapId: this.mapId, err: error }, 'compaction failed');
        },
      )
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unsubscribeFanout();
    this.presence.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
    this.peers.clear();
  }

  private async replyStep2(peer: Peer, stateVector: Uint8Array): Promise<void> {
    // Sending uncommitted edits would let this client see what a crash could still lose.
    while (this.uncommitted > 0 && !this.failed) await this.whenCommitted();
    if (!this.peers.has(peer) || this.failed || this.destroyed) return;
    let reply: Uint8Array;
    try {
      reply = this.encodeIntegrated(stateVector);
    } catch (error) {
      return this.fail(error, 'the map could not be encoded for a sync');
    }
    peer.send(encodeSyncStep2(reply));
  }

  /**
   * A write the relay will not take: from a viewer (`role`), or from anyone while storage
   * cannot take writes (`storage`). Applied only if it adds nothing the map does not already
   * contain (a stock client's step 2 always carries the delete set it was sent); anything
   * else is not applied, not stored, not relayed, counted and logged, and the client is told
   * once, with the protocol's own permission-denied message. A connection refused for
   * storage is remembered: when storage recovers it is asked to reconnect, and its step 2
   * then delivers what it kept.
   */
  private refuseWrite(peer: Peer, update: Uint8Array, why: 'role' | 'storage'): void {
    let harmless: boolean;
    try {
      harmless = addsNothing(this.doc, update);
    } catch (error) {
      return this.reject(peer, 'UpdateRejected', `undecodable update: ${String(error)}`);
    }
    if (harmless) return;
    const reason = why === 'role' ? 'ReadOnly' : 'StorageUnavailable';
    this.deps.metrics.rejected.inc(1, { reason });
    this.deps.logger.warn(
      { mapId: this.mapId, peer: peer.id, role: peer.role, bytes: update.byteLength, reason },
      why === 'role'
        ? 'refused a write from a read-only connection'
        : 'refused a write while storage is unavailable',
    );
    if (why === 'storage') this.heldBack.add(peer);
    if (!this.toldReadOnly.has(peer)) {
      this.toldReadOnly.add(peer);
      peer.send(encodeReadOnly(why === 'role' ? READ_ONLY_REASON : STORAGE_UNAVAILABLE_REASON));
    }
  }

  /**
   * Storage recovered: connections whose edits were refused meanwhile reconnect (the stock
   * client always does), and their sync step 2 carries those edits to disk.
   */
  releaseHeldBack(): void {
    for (const peer of this.heldBack) {
      if (!this.peers.has(peer)) continue;
      this.leave(peer);
      peer.close(CloseCodes.StorageRecovered);
    }
    this.heldBack.clear();
  }

  private applyClientUpdate(peer: Peer, update: Uint8Array): void {
    let problem: string | null;
    try {
      // Decode fully first: Yjs integrates structs before reading the delete set, so a
      // truncated update could otherwise be half-applied before it throws.
      problem = malformedUpdate(Y.decodeUpdate(update));
    } catch (error) {
      return this.reject(peer, 'UpdateRejected', `undecodable update: ${String(error)}`);
    }
    if (problem) return this.reject(peer, 'UpdateRejected', problem);
    this.resolvingPending = this.pendingBytes() > 0;
    // What Yjs emits while applying is held until the whole call succeeded: an update that
    // throws halfway must leave nothing in storage, whatever it managed to emit.
    const emitted: Emitted[] = [];
    this.applying = emitted;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.applying = null;
      // With data of someone else's waiting to be integrated, this update may be innocent
      // (it completed theirs): its sender reconnects with everyone else rather than being
      // refused for good. Without, it is what Yjs choked on.
      if (!this.resolvingPending) {
        this.reject(peer, 'UpdateRejected', `update failed to apply: ${String(error)}`);
      }
      // Yjs may have integrated part of it, or be stuck mid-transaction: the room's memory is
      // no longer what storage holds. Everyone reconnects to the map reloaded from storage,
      // which never held the waiting data either.
      return this.fail(error, 'an update broke the document while being applied');
    } finally {
      this.resolvingPending = false;
    }
    this.applying = null;
    for (const e of emitted) this.persist(e);
    if (emitted.length === 0 && peer.wantsAck) {
      // Nothing new (the relay had it all, e.g. a step 2 after reconnecting): it is as
      // saved as what is committed, and the client waiting to say "saved" is told so.
      void this.whenCommitted().then(() => {
        if (this.peers.has(peer) && !this.failed) this.queueAck(peer);
      });
    }
    const pending = this.pendingBytes();
    if (pending > this.deps.options.maxPendingBytes) {
      // Never integrated, never stored, never broadcast: dropping it loses nothing anyone saw.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.reject(peer, 'MissingDependencies', `${pending} pending bytes`);
    }
  }

  /** Persists what Yjs accepted; runs inside the transaction cleanup of every change. */
  private onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (origin === Origin.Load) return;
    if (origin === Origin.Fanout) {
      this.broadcast(encodeUpdate(update), null);
      return;
    }
    if (this.failed) return;
    const author = this.peers.has(origin as Peer) ? (origin as Peer) : null;
    // If this update completed pending structs, the author lacks part of what it contains.
    const emitted = {
      update,
      author,
      echo: this.resolvingPending,
      afterState: transaction.afterState,
    };
    if (this.applying) this.applying.push(emitted);
    else this.persist(emitted);
  };

  private persist({ update, author, echo, afterState }: Emitted): void {
    if (this.failed) return;
    this.uncommitted += 1;
    this.deps.commits.enqueue(this.mapId, update).then(
      (seq) => this.onCommitted(update, seq, afterState, author, echo),
      (error: unknown) => this.onCommitFailed(error),
    );
  }

  private onCommitted(
    update: Uint8Array,
    seq: number,
    afterState: Map<number, number>,
    author: Peer | null,
    echo: boolean,
  ): void {
    this.uncommitted -= 1;
    if (this.failed || this.destroyed) return this.settleWaiters();
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.logCount += 1;
    this.logBytes += update.byteLength;
    this.committedState = afterState;
    this.queueBroadcast(update, echo ? null : author);
    this.deps.fanout.publish(this.mapId, update);
    if (author?.wantsAck) this.queueAck(author);
    if (this.uncommitted === 0) this.settleWaiters();
    const { compactAfterUpdates, compactAfterBytes } = this.deps.options;
    if (this.logCount >= compactAfterUpdates || this.logBytes >= compactAfterBytes) {
      void this.compact();
    }
  }

  private onCommitFailed(error: unknown): void {
    this.uncommitted -= 1;
    const storageDown = error instanceof StorageUnavailableError;
    if (storageDown && !this.failed) this.deps.health.fail(error);
    this.fail(error, 'commit failed', storageDown ? 'StorageUnavailable' : 'InternalError');
  }

  /**
   * The room's memory can no longer be trusted to match storage (a commit failed, or Yjs
   * threw on an update): it goes without compacting, and its clients, who kept their edits,
   * reconnect to the map loaded afresh from what is stored.
   */
  private fail(error: unknown, what: string, code: CloseCodeName = 'InternalError'): void {
    if (!this.failed) {
      this.failed = true;
      this.deps.logger.error({ mapId: this.mapId, err: error }, `${what}; dropping room`);
      this.closeAll(code, code === 'InternalError' ? what : undefined);
      this.deps.onFailed(this);
    }
    this.settleWaiters();
  }

  private settleWaiters(): void {
    const waiters = this.committedWaiters;
    this.committedWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Sends a batch's committed updates as one merged update per recipient: a storm of small
   * edits costs each client one frame and one transaction per commit, not one per edit.
   */
  private queueBroadcast(update: Uint8Array, except: Peer | null): void {
    if (this.outgoing.length === 0) queueMicrotask(() => this.flushBroadcast());
    this.outgoing.push({ update, except });
  }

  private flushBroadcast(): void {
    const batch = this.outgoing;
    this.outgoing = [];
    if (this.destroyed || batch.length === 0) return;
    if (batch.length === 1) {
      const [only] = batch;
      if (only) this.broadcast(encodeUpdate(only.update), only.except);
      return;
    }
    const authors = new Set(batch.map((o) => o.except));
    if (authors.size > MAX_TAILORED_FRAMES) {
      // Many writers in one batch: a merge per author (minus its own edits) would cost more
      // than everything else the relay does (50 writers: 51 merges of ~500 updates per
      // batch). Everyone gets the one merged frame; an author's own edits in it are no-ops.
      this.broadcast(encodeUpdate(mergeAll(batch.map((o) => o.update))), null);
      return;
    }
    // One frame for everyone who wrote nothing in this batch, one per author (minus its own).
    const frames = new Map<Peer | null, Uint8Array | null>();
    for (const peer of this.peers) {
      const key = authors.has(peer) ? peer : null;
      let frame = frames.get(key);
      if (frame === undefined) {
        const parts = batch.filter((o) => o.except !== key || key === null).map((o) => o.update);
        frame = parts.length === 0 ? null : encodeUpdate(mergeAll(parts));
        frames.set(key, frame);
      }
      if (frame) peer.send(frame);
    }
  }

  private queueAck(peer: Peer): void {
    if (this.ackDue.size === 0) {
      // One ack per connection per commit batch: the batch's callbacks all run first.
      queueMicrotask(() => {
        const frame = encodeCommitted(Y.encodeStateVector(this.committedState));
        for (const p of this.ackDue) p.send(frame);
        this.ackDue.clear();
      });
    }
    this.ackDue.add(peer);
  }

  private broadcast(frame: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame);
  }

  private reject(peer: Peer, code: CloseCodeName, detail: string): void {
    this.deps.metrics.rejected.inc(1, { reason: code });
    this.deps.logger.warn(
      { mapId: this.mapId, peer: peer.id, reason: code, detail },
      'closing connection: bad input',
    );
    this.leave(peer);
    peer.close(CloseCodes[code], detail);
  }

  private pendingBytes(): number {
    const { pendingStructs, pendingDs } = this.doc.store;
    return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
  }

  /** The doc as one update, without pending structs: those are not accepted, let alone stored. */
  private encodeIntegrated(stateVector?: Uint8Array): Uint8Array {
    const store = this.doc.store;
    const { pendingStructs, pendingDs } = store;
    store.pendingStructs = null;
    store.pendingDs = null;
    try {
      return Y.encodeStateAsUpdate(this.doc, stateVector);
    } finally {
      store.pendingStructs = pendingStructs;
      store.pendingDs = pendingDs;
    }
  }
}

/** Above this many authors in one commit batch, everyone gets the same merged frame. */
const MAX_TAILORED_FRAMES = 4;

/** One update the doc emitted, with what persisting and broadcasting it needs. */
interface Emitted {
  update: Uint8Array;
  author: Peer | null;
  echo: boolean;
  afterState: Map<number, number>;
}

/**
 * Rebuilds a stored map: the snapshot, then each log entry. An entry Yjs throws on (it
 * should never be stored, but a relay older than this check could have) is skipped and
 * reported, and the doc rebuilt without it, since a throwing apply can leave it broken.
 */
function loadDoc(
  stored: { snapshot: Uint8Array; updates: readonly Uint8Array[] },
  onSkipped: (index: number, error: unknown) => void,
): Y.Doc {
  const build = (updates: readonly Uint8Array[]): Y.Doc => {
    const doc = new Y.Doc();
    doc.transact(() => {
      Y.applyUpdate(doc, stored.snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    }, Origin.Load);
    return doc;
  };
  try {
    return build(stored.updates);
  } catch {
    // Find the entries that throw, one at a time (only ever on a damaged log).
  }
  const good: Uint8Array[] = [];
  let doc = build([]);
  stored.updates.forEach((update, index) => {
    try {
      doc.transact(() => Y.applyUpdate(doc, update), Origin.Load);
      good.push(update);
    } catch (error) {
      onSkipped(index, error);
      doc.destroy();
      doc = build(good);
    }
  });
  return doc;
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 && updates[0] ? updates[0] : Y.mergeUpdates(updates);
}
