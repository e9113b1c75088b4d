import * as Y from 'yjs';
import type { Fanout } from '../fanout/Fanout.ts';
import { SeqTracker } from '../fanout/SeqTracker.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import { CloseCodes } from '../protocol/constants.ts';
import {
  decodeClientMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from '../protocol/messages.ts';
import type { AuthorStamp } from '../storage/Attribution.ts';
import type { MapSummary, StoredMap } from '../storage/Storage.ts';
import { stampOf, structClients } from './authorship.ts';
import { Origin } from './origins.ts';
import type { Offload } from './Offload.ts';
import type { Peer } from './Peer.ts';
import { asStoredFrames } from '../sync/ColdAnswer.ts';
import { dropPending, encodeIntegrated, pendingBytes } from './pendingStructs.ts';
import { RoomAwareness } from './RoomAwareness.ts';
import { RoomBroadcast } from './RoomBroadcast.ts';
import type { LogDeps } from './RoomLog.ts';
import { loadStoredMap, nextTurn, OFFLOAD_BYTES, RoomLog, SLICE_BUDGET_MS } from './RoomLog.ts';
import { malformedUpdate } from './updateCheck.ts';
import { WriteGate, type WritePolicy } from './WriteGate.ts';

export interface RoomOptions extends Readonly<LogDeps['options']> {
  maxPendingBytes: number;
  maxAwarenessIdsPerConnection: number;
}

/** What a room needs: its log's (storage, commits, model, health...), plus fan-out. */
export interface RoomDeps extends LogDeps {
  fanout: Fanout;
  options: RoomOptions;
  /** Which roles may write this room's document; the map's rule if not given. */
  writes?: WritePolicy;
  /** Called once if a commit fails: the room's memory is ahead of disk and must be dropped. */
  onFailed(room: Room): void;
}

/**
 * One loaded map: its Y.Doc, awareness, and connections. The room dispatches each client
 * message: it applies an update the write gate lets through, has its log commit what Yjs
 * accepted (never the client's raw bytes), and only then broadcasts it, so nobody ever sees
 * an edit that is not on disk.
 */
export class Room {
  private readonly presence: RoomAwareness;
  private readonly peers = new Set<Peer>();
  private readonly log: RoomLog;
  private readonly out: RoomBroadcast;
  private readonly gate: WriteGate;
  private readonly unsubscribeFanout: () => void;
  /** With other relays committing to this map: which log positions the doc holds. */
  private readonly seqs: SeqTracker | null;
  private repairing: Promise<void> | null = null;
  private repairTimer: ReturnType<typeof setTimeout> | null = null;
  /** True while applying an update that may integrate previously pending structs. */
  private resolvingPending = false;
  /** While a client's update is applied: what Yjs emitted so far, persisted once it returns. */
  private applying: Emitted[] | null = null;
  /** While a client's update is applied: its connection and the client ids its structs carry. */
  private from: { peer: Peer; clients: ReadonlySet<number> } | null = null;
  private failed = false;
  private destroyed = false;
  /**
   * Client updates waiting behind a big one (being cut off-thread, or applied in slices),
   * so each room still applies its clients' updates in the order they arrived.
   */
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;

  private constructor(
    readonly mapId: string,
    readonly doc: Y.Doc,
    private readonly deps: RoomDeps,
    stored: StoredMap,
  ) {
    this.seqs = deps.fanout.shared ? new SeqTracker(stored.lastSeq) : null;
    this.log = new RoomLog(
      mapId,
      doc,
      stored,
      deps,
      (error, what, code) => this.fail(error, what, code),
      this.seqs,
    );
    this.out = new RoomBroadcast(this.peers, () => this.log.committedState);
    this.gate = new WriteGate(mapId, doc, deps);
    this.presence = new RoomAwareness(
      doc,
      deps.options.maxAwarenessIdsPerConnection,
      (frame) => this.out.send(frame, null),
      (update) => deps.fanout.publishAwareness(mapId, update),
    );
    doc.on('update', this.onDocUpdate);
    this.unsubscribeFanout = deps.fanout.subscribe(mapId, {
      update: (update, seq) => this.receiveCommitted(update, seq),
      awareness: (update) => {
        if (this.failed || this.destroyed) return;
        try {
          this.presence.applyRemote(update);
        } catch (error) {
          this.deps.logger.warn(
            { mapId, err: error },
            'skipped a bad presence update from a relay',
          );
        }
      },
    });
  }

  /**
   * The log position through which this room's doc holds every committed update, when other
   * relays commit to the map too (null otherwise).
   */
  get watermark(): number | null {
    return this.seqs?.watermark ?? null;
  }

  /**
   * Brings the doc up to what storage holds (another relay's updates that fan-out lost or
   * has not delivered yet) and sends the difference to this room's connections. Storage is
   * the truth: a relay never depends on fan-out delivering everything.
   */
  repair(): Promise<void> {
    if (this.repairing) return this.repairing;
    if (this.failed || this.destroyed) return Promise.resolve();
    this.repairing = (async () => {
      const stored = await this.deps.storage.load(this.mapId);
      if (!stored || this.failed || this.destroyed) return;
      const before = this.seqs?.watermark ?? 0;
      try {
        // One transaction: the doc emits just what it lacked, broadcast as one update.
        this.doc.transact(() => {
          Y.applyUpdate(this.doc, stored.snapshot);
          for (const update of stored.updates) Y.applyUpdate(this.doc, update);
        }, Origin.Fanout);
      } catch (error) {
        return this.fail(error, 'the map could not be repaired from storage');
      }
      this.seqs?.seeAllThrough(stored.lastSeq);
      this.deps.metrics.repairs.inc();
      this.deps.logger.debug(
        { mapId: this.mapId, from: before, through: stored.lastSeq },
        'repaired from storage',
      );
    })()
      .catch((error: unknown) => {
        this.deps.logger.warn({ mapId: this.mapId, err: error }, 'repair from storage failed');
      })
      .finally(() => {
        this.repairing = null;
      });
    return this.repairing;
  }

  /** An update another relay committed at `seq`, delivered by fan-out. */
  private receiveCommitted(update: Uint8Array, seq: number): void {
    if (this.failed || this.destroyed) return;
    if (this.seqs?.holds(seq)) return;
    try {
      Y.applyUpdate(this.doc, update, Origin.Fanout);
    } catch (error) {
      return this.fail(error, 'a fan-out update could not be applied');
    }
    if (!this.seqs) return;
    this.seqs.see(seq);
    // A position skipped: give fan-out a moment to deliver it (messages from two relays
    // can cross), then take it from storage.
    if (this.seqs.hasGap && !this.repairTimer) {
      this.repairTimer = setTimeout(() => {
        this.repairTimer = null;
        if (this.seqs?.hasGap) void this.repair();
      }, GAP_GRACE_MS);
    }
  }

  /**
   * Loads a map from storage, or resolves null if it does not exist. Runs the model's
   * migration; throws `MapTooNewError` if the map needs a newer relay.
   */
  static async load(mapId: string, deps: RoomDeps): Promise<Room | null> {
    const loaded = await loadStoredMap(mapId, deps);
    if (!loaded) return null;
    const room = new Room(mapId, loaded.doc, deps, loaded.stored);
    try {
      deps.model.open(loaded.doc);
    } catch (error) {
      room.destroy();
      throw error;
    }
    room.log.compactIfLong();
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
    this.out.forget(peer);
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
      case 'update': {
        const verdict = this.gate.admit(peer, message.update);
        if (verdict.kind === 'reject') return this.reject(peer, 'UpdateRejected', verdict.detail);
        if (verdict.kind === 'write') this.takeClientUpdate(peer, message.update);
        return;
      }
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

  /**
   * Resolves once every update received so far is applied (big ones take several turns) and
   * committed, or the room has failed.
   */
  async whenCommitted(): Promise<void> {
    while (this.queued > 0) await this.queue;
    return this.log.whenCommitted();
  }

  /**
   * Runs `read` against the doc at a moment when it holds nothing uncommitted, so API reads
   * (export, stats) never show an edit that is not on disk.
   */
  async readCommitted<T>(read: (doc: Y.Doc) => T): Promise<T> {
    await this.log.settled();
    return read(this.doc);
  }

  /**
   * What the map holds as committed (the model's summary). A small map is read from the doc;
   * a big one's summary comes from its last compaction, run off the event loop (now, if the
   * log grew since), so describing it never walks a huge doc on the relay's only thread.
   */
  async summary(): Promise<MapSummary> {
    await this.whenCommitted();
    await this.log.settled();
    if (!this.log.big) return this.deps.model.summary(this.doc);
    if (this.log.logLength > 0 || !this.log.summary) await this.log.compact();
    // Only if that compaction failed (it logged why): read the doc after all.
    return this.log.summary ?? this.deps.model.summary(this.doc);
  }

  /**
   * Waits for in-flight commits and compaction, writes a final snapshot, and frees the doc.
   * Callers guarantee no connection will join meanwhile (the manager holds new ones back).
   */
  async unload(): Promise<void> {
    await this.whenCommitted();
    await this.log.flush();
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
    return this.log.compact();
  }

  /**
   * Storage recovered: connections whose edits were refused meanwhile reconnect (the stock
   * client always does), and their sync step 2 carries those edits to disk.
   */
  releaseHeldBack(): void {
    for (const peer of this.gate.takeHeldBack()) {
      if (!this.peers.has(peer)) continue;
      this.leave(peer);
      peer.close(CloseCodes.StorageRecovered);
    }
  }

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.log.close();
    this.out.close();
    this.unsubscribeFanout();
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.presence.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
    this.peers.clear();
  }

  private async replyStep2(peer: Peer, stateVector: Uint8Array): Promise<void> {
    // Sending uncommitted edits would let this client see what a crash could still lose.
    await this.log.settled();
    if (!this.peers.has(peer) || this.failed || this.destroyed) return;
    let reply: Uint8Array;
    const offload = this.deps.offload;
    if (offload && this.log.big) {
      // Encoding megabytes would block every room: the worker encodes the map as stored,
      // which holds everything committed (the doc holds nothing else that anyone may see).
      try {
        const stored = await this.deps.storage.load(this.mapId);
        if (!stored) return;
        if (!this.peers.has(peer) || this.failed || this.destroyed) return;
        if (isEmptyStateVector(stateVector) && this.sendAsStored(peer, stored)) return;
        reply = await offload.state(stored, stateVector);
      } catch (error) {
        this.deps.logger.warn({ mapId: this.mapId, err: error }, 'off-thread sync reply failed');
        return this.reject(peer, 'InternalError', 'the map could not be encoded for a sync');
      }
      if (!this.peers.has(peer) || this.failed || this.destroyed) return;
      peer.send(encodeSyncStep2(reply));
      return;
    }
    try {
      reply = encodeIntegrated(this.doc, stateVector);
    } catch (error) {
      return this.fail(error, 'the map could not be encoded for a sync');
    }
    peer.send(encodeSyncStep2(reply));
  }

  /**
   * A client that holds nothing yet (the first open on a device) needs the map as stored,
   * which storage hands over as its snapshot and the log since: sent as they are, the log's
   * updates (merged into one) first and then the snapshot as sync step 2, so the client holds
   * everything once step 2 has arrived (Yjs keeps the log's structs pending until then).
   * The snapshot is neither decoded nor encoded, where the worker would take tens to hundreds
   * of milliseconds to merge and re-encode a big map before the client could start. A long
   * log, or one Yjs cannot merge, is left to the worker (false).
   */
  private sendAsStored(peer: Peer, stored: StoredMap): boolean {
    const frames = asStoredFrames(stored);
    if (!frames) return false;
    for (const frame of frames) peer.send(frame);
    return true;
  }

  /**
   * A client's update, applied at once if small and nothing is waiting; a big one (from
   * `offloadBytes`) is checked and cut into slices off-thread and applied a slice at a time,
   * and later updates of this room wait behind it.
   */
  private takeClientUpdate(peer: Peer, update: Uint8Array): void {
    const offload = this.deps.offload;
    const big = update.byteLength >= (this.deps.options.offloadBytes ?? OFFLOAD_BYTES);
    if (this.queued === 0 && !(offload && big)) return this.applyClientUpdate(peer, update);
    if (offload && big) this.log.markBig();
    this.queued += 1;
    // One compaction once the queue is applied, not one per slice committed meanwhile.
    this.log.holdCompaction(true);
    this.queue = this.queue
      .then(() => (offload && big ? this.applyInSlices(offload, peer, update) : undefined))
      .then(() => {
        if (!big || !offload) this.applyClientUpdate(peer, update);
      })
      .catch((error: unknown) => this.fail(error, 'a big update could not be applied'))
      .finally(() => {
        this.queued -= 1;
        if (this.queued === 0) this.log.holdCompaction(false);
      });
  }

  private async applyInSlices(offload: Offload, peer: Peer, update: Uint8Array): Promise<void> {
    const cut = await offload.slice(update);
    if (this.failed || this.destroyed) return;
    if (cut.kind === 'malformed') return this.reject(peer, 'UpdateRejected', cut.problem);
    if (cut.kind === 'whole') return this.applyClientUpdate(peer, update);
    // Each slice is a complete update: committed, then broadcast, like any other. Others
    // may see the first slices before the last arrive, as if the client had sent them so.
    let emitted = 0;
    let turn = performance.now();
    for (const slice of cut.slices) {
      // Checked off-thread already; decoded again only to name its structs' client ids.
      const n = this.integrate(peer, slice, structClients(Y.decodeUpdate(slice)));
      if (n === null) return;
      emitted += n;
      if (performance.now() - turn > SLICE_BUDGET_MS) {
        await nextTurn();
        turn = performance.now();
        if (this.failed || this.destroyed) return;
      }
    }
    this.afterApply(peer, emitted);
  }

  private applyClientUpdate(peer: Peer, update: Uint8Array): void {
    let problem: string | null;
    let clients: ReadonlySet<number>;
    try {
      // Decode fully first: Yjs integrates structs before reading the delete set, so a
      // truncated update could otherwise be half-applied before it throws.
      const decoded = Y.decodeUpdate(update);
      problem = malformedUpdate(decoded);
      clients = structClients(decoded);
    } catch (error) {
      return this.reject(peer, 'UpdateRejected', `undecodable update: ${String(error)}`);
    }
    if (problem) return this.reject(peer, 'UpdateRejected', problem);
    const emitted = this.integrate(peer, update, clients);
    if (emitted !== null) this.afterApply(peer, emitted);
  }

  /**
   * Applies a checked update (carrying structs of `clients`, for the authors record) and
   * persists what Yjs emitted; resolves how many updates that was, or null if Yjs threw (the
   * room has failed).
   */
  private integrate(peer: Peer, update: Uint8Array, clients: ReadonlySet<number>): number | null {
    this.resolvingPending = pendingBytes(this.doc) > 0;
    // What Yjs emits while applying is held until the whole call succeeded: an update that
    // throws halfway must leave nothing in storage, whatever it managed to emit.
    const emitted: Emitted[] = [];
    this.applying = emitted;
    this.from = { peer, clients };
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
      this.fail(error, 'an update broke the document while being applied');
      return null;
    } finally {
      this.resolvingPending = false;
      this.from = null;
    }
    this.applying = null;
    for (const e of emitted) this.persist(e);
    return emitted.length;
  }

  /** After a client's whole update: its ack if it added nothing, and the pending limit. */
  private afterApply(peer: Peer, emitted: number): void {
    if (emitted === 0 && peer.wantsAck) {
      // Nothing new (the relay had it all, e.g. a step 2 after reconnecting): it is as
      // saved as what is committed, and the client waiting to say "saved" is told so.
      void this.log.whenCommitted().then(() => {
        if (this.peers.has(peer) && !this.failed) this.out.queueAck(peer);
      });
    }
    const pending = pendingBytes(this.doc);
    if (pending > this.deps.options.maxPendingBytes) {
      dropPending(this.doc);
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
      this.out.send(encodeUpdate(update), null);
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
      authors: stampOf(transaction, this.from, Date.now()),
    };
    if (this.applying) this.applying.push(emitted);
    else this.persist(emitted);
  };

  /** Commits one emitted update; once it is durable, it goes to the others and other relays. */
  private persist({ update, author, echo, afterState, authors }: Emitted): void {
    if (this.failed) return;
    this.log.commit(
      update,
      afterState,
      (seq) => {
        this.out.queue(update, echo ? null : author);
        this.deps.fanout.publish(this.mapId, update, seq);
        if (author?.wantsAck) this.out.queueAck(author);
      },
      authors ?? undefined,
    );
  }

  /**
   * The room's memory can no longer be trusted to match storage (a commit failed, or Yjs
   * threw on an update): it goes without compacting, and its clients, who kept their edits,
   * reconnect to the map loaded afresh from what is stored.
   */
  private fail(error: unknown, what: string, code: CloseCodeName = 'InternalError'): void {
    const first = !this.failed;
    this.failed = true;
    this.log.markBroken();
    if (!first) return;
    this.deps.logger.error({ mapId: this.mapId, err: error }, `${what}; dropping room`);
    this.closeAll(code, code === 'InternalError' ? what : undefined);
    this.deps.onFailed(this);
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
}

/** How long a gap in another relay's log positions may last before storage fills it. */
const GAP_GRACE_MS = 200;

/** Whether a client's state vector says it holds nothing of the map yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0;
}

/** One update the doc emitted, with what persisting and broadcasting it needs. */
type Emitted = {
  update: Uint8Array;
  author: Peer | null;
  echo: boolean;
  afterState: Map<number, number>;
  /** Who wrote what it added (`authorship.ts`), recorded with it; null if it added nothing. */
  authors: AuthorStamp | null;
};
