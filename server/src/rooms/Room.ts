import * as Y from 'yjs';
import type { Fanout } from '../fanout/Fanout.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import { CloseCodes } from '../protocol/constants.ts';
import {
  decodeClientMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from '../protocol/messages.ts';
import type { MapSummary, StoredMap } from '../storage/Storage.ts';
import { structClients } from './authorship.ts';
import { applyPaced, isBig, movesOffThread } from './BigUpdates.ts';
import { DocHost } from './DocHost.ts';
import { HostedDoc, type HostingRoom } from './HostedDoc.ts';
import { Origin } from './origins.ts';
import type { Offload } from './Offload.ts';
import type { Peer } from './Peer.ts';
import { encodeIntegrated, pendingBytes } from './pendingStructs.ts';
import { RoomAwareness } from './RoomAwareness.ts';
import { RoomBroadcast } from './RoomBroadcast.ts';
import { RoomCommits } from './RoomCommits.ts';
import { RoomRepair } from './RoomRepair.ts';
import type { LogDeps } from './RoomLog.ts';
import { rebuildStoredMap, reportSkipped, RoomLog, storedHuge } from './RoomLog.ts';
import { RoomTurns } from './RoomTurns.ts';
import { storedSyncReply } from './StoredSyncReply.ts';
import { checkUpdate } from './updateCheck.ts';
import { addsNothing } from '../auth/readOnly.ts';
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
 * One loaded map's life: its Y.Doc, awareness, and connections. The room dispatches each
 * client message: it applies an update the write gate lets through, and its commit path
 * (`RoomCommits`) has the log commit what Yjs accepted (never the client's raw bytes) and
 * only then broadcasts it, so nobody ever sees an edit that is not on disk. With other
 * relays committing to the map, `RoomRepair` fills what fan-out left out from storage.
 *
 * A map's doc lives here, big updates (from `offloadBytes`, `BigUpdates`) applied in slices,
 * later work waiting its turn (`RoomTurns`). A huge map's (from `hostBytes` as stored, or
 * once a client sends an update of `hostUpdateBytes`) is hosted off the event loop
 * (`HostedDoc`): the room keeps its sockets, write gate, commits and fan-out here and works
 * with bytes, sending every update and question to the host in its turn, and committing
 * what the host says the doc emitted in that same order. A big map's sync answer comes from
 * storage (`StoredSyncReply`).
 */
export class Room {
  private readonly presence: RoomAwareness;
  private readonly peers = new Set<Peer>();
  private readonly log: RoomLog;
  private readonly out: RoomBroadcast;
  private readonly gate: WriteGate;
  private readonly unsubscribeFanout: () => void;
  /** With other relays committing to this map: which log positions the doc holds, and repair. */
  private readonly repairs: RoomRepair;
  /** Commits what the doc emits before anyone sees it (`RoomCommits`). */
  private readonly commits: RoomCommits;
  private failed = false;
  private destroyed = false;
  /**
   * Client updates waiting behind a big one (being cut off-thread, applied in slices, or
   * hosted), with sync replies and reads, in the order they arrived.
   */
  private readonly turns: RoomTurns;
  /** The doc, once it lives off the event loop; null while it lives here. */
  private host: HostedDoc | null = null;

  private constructor(
    readonly mapId: string,
    private readonly local: Y.Doc,
    private readonly deps: RoomDeps,
    stored: StoredMap,
    hosted: { host: DocHost; state: Map<number, number>; snapshotBytes: number } | null = null,
  ) {
    const doc = local;
    this.repairs = new RoomRepair(
      {
        mapId,
        alive: () => !this.failed && !this.destroyed,
        catchUp: (latest) => this.catchUp(latest),
      },
      deps,
      deps.fanout.shared ? stored : null,
    );
    this.log = new RoomLog(
      mapId,
      hosted ? null : doc,
      stored,
      deps,
      (error, what, code) => this.fail(error, what, code),
      this.repairs.seqs,
      hosted?.snapshotBytes,
    );
    this.turns = new RoomTurns((held) => this.log.holdCompaction(held));
    this.out = new RoomBroadcast(this.peers, () => this.log.committedState);
    this.gate = new WriteGate(mapId, doc, deps);
    this.presence = new RoomAwareness(
      doc,
      deps.options.maxAwarenessIdsPerConnection,
      (frame) => this.out.send(frame, null),
      (update) => deps.fanout.publishAwareness(mapId, update),
    );
    this.commits = new RoomCommits(
      {
        mapId,
        maxPendingBytes: deps.options.maxPendingBytes,
        healthy: () => !this.failed,
        isPeer: (peer) => this.peers.has(peer),
        fail: (error, what) => this.fail(error, what),
        reject: (peer, code, detail) => this.reject(peer, code, detail),
      },
      this.log,
      this.out,
      deps.fanout,
    );
    if (hosted) {
      this.host = new HostedDoc(hosted.host, hosted.state, this.hosting);
      this.log.hosted(hosted.state, this.host.snapshot);
    } else {
      this.commits.watch(doc);
    }
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
   * The map's doc while it lives on the event loop (tests look into it). Throws for a huge
   * map's room, whose doc is hosted elsewhere: relay-side code reads with `readCommitted`
   * and writes with `change` or `applyRelayUpdate`, which work wherever the doc lives.
   */
  get doc(): Y.Doc {
    if (this.host) throw new Error(`map ${this.mapId} is big: its doc is not on this thread`);
    return this.local;
  }

  /** What a hosted doc uses of this room (`HostedDoc`). */
  private get hosting(): HostingRoom {
    return {
      mapId: this.mapId,
      model: this.deps.model.id,
      maxPendingBytes: this.deps.options.maxPendingBytes,
      alive: () => !this.failed && !this.destroyed,
      live: () => this.live(),
      isPeer: (peer) => this.peers.has(peer),
      fail: (error, what) => this.fail(error, what),
      reject: (peer, code, detail) => this.reject(peer, code, detail),
      persist: (emitted) => this.commits.persist(emitted),
      relay: (update) => this.out.send(encodeUpdate(update), null),
      afterApply: (peer, emitted, pending) => this.commits.afterApply(peer, emitted, pending),
    };
  }

  /** Whether this room's doc is hosted off the event loop (`DocHost`). */
  get hostedOffThread(): boolean {
    return this.host !== null;
  }

  /**
   * The log position through which this room's doc holds every committed update, when other
   * relays commit to the map too (null otherwise).
   */
  get watermark(): number | null {
    return this.repairs.seqs?.watermark ?? null;
  }

  /**
   * Brings the doc up to what storage holds (another relay's updates that fan-out lost or
   * has not delivered yet) and sends the difference to this room's connections. Storage is
   * the truth: a relay never depends on fan-out delivering everything.
   */
  repair(): Promise<void> {
    return this.repairs.repair();
  }

  /**
   * Brings the doc up to `stored`, relaying what it lacked (`RoomRepair`); false if it could
   * not. A hosted doc does it in its turn.
   */
  private async catchUp(stored: StoredMap): Promise<boolean> {
    if (this.host) {
      return this.turns.run(async () => {
        const host = this.host;
        if (!host || this.failed || this.destroyed) return false;
        return host.repair(stored);
      });
    }
    try {
      // One transaction: the doc emits just what it lacked, broadcast as one update.
      this.local.transact(() => {
        Y.applyUpdate(this.local, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(this.local, update);
      }, Origin.Fanout);
    } catch (error) {
      this.fail(error, 'the map could not be repaired from storage');
      return false;
    }
    return true;
  }

  /** An update another relay committed at `seq`, delivered by fan-out. */
  private receiveCommitted(update: Uint8Array, seq: number): void {
    if (this.failed || this.destroyed) return;
    if (this.repairs.holds(seq)) return;
    if (this.host || this.turns.busy) {
      // Behind whatever this room's clients sent before it, like their updates.
      this.serialUpdate(async () => {
        if (!this.host) return this.applyCommitted(update, seq);
        if (await this.host.applyCommitted(update)) this.repairs.seen(seq);
      });
      return;
    }
    this.applyCommitted(update, seq);
  }

  private applyCommitted(update: Uint8Array, seq: number): void {
    if (this.failed || this.destroyed) return;
    try {
      Y.applyUpdate(this.local, update, Origin.Fanout);
    } catch (error) {
      return this.fail(error, 'a fan-out update could not be applied');
    }
    this.repairs.seen(seq);
  }

  /**
   * Loads a map from storage, or resolves null if it does not exist. Runs the model's
   * migration; throws `MapTooNewError` if the map needs a newer relay.
   */
  static async load(mapId: string, deps: RoomDeps): Promise<Room | null> {
    const { offload, model } = deps;
    const stored = await deps.storage.load(mapId);
    if (!stored) return null;
    if (offload && model.id && storedHuge(stored, deps)) {
      // A huge map is loaded, migrated and kept on the offload's thread, never here.
      return Room.loadHosted(mapId, deps, stored, offload, model.id);
    }
    const loaded = await rebuildStoredMap(mapId, stored, deps);
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

  private static async loadHosted(
    mapId: string,
    deps: RoomDeps,
    stored: StoredMap,
    offload: Offload,
    model: string,
  ): Promise<Room> {
    // The stored bytes move to the host's thread (`DocHost.open`): their size is read first.
    const snapshotBytes = stored.snapshot.byteLength;
    const opened = await DocHost.open(offload, stored, model);
    for (const { index, error } of opened.skipped) reportSkipped(deps, mapId, index, error);
    const room = new Room(mapId, new Y.Doc(), deps, stored, { ...opened, snapshotBytes });
    deps.logger.info(
      { mapId, bytes: snapshotBytes + stored.updateBytes },
      'map doc hosted on the worker thread',
    );
    // What migrating it changed is committed like any edit of the relay's.
    for (const e of opened.emitted) room.host?.commit(e, null, false);
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
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.host ? this.host.state : this.local)));
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
        if (this.host || this.turns.busy) return this.takeQueued(peer, message.update);
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
    await this.turns.idle();
    return this.log.whenCommitted();
  }

  /**
   * Runs `read` against the doc at a moment when it holds nothing uncommitted, so API reads
   * (export, stats) never show an edit that is not on disk.
   */
  async readCommitted<T>(read: (doc: Y.Doc) => T): Promise<T> {
    if (!this.host && !this.turns.busy) {
      await this.log.settled();
      if (!this.host) return read(this.local);
    }
    return this.turns.run(async () => {
      await this.log.settled();
      if (!this.host) return read(this.local);
      return this.host.read(read);
    });
  }

  /**
   * The map as committed, as one Yjs update (what a review copy or the authors page starts
   * from): a hosted doc encodes it on its own thread, so no copy is built here.
   */
  async committedUpdate(): Promise<Uint8Array> {
    if (!this.host && !this.turns.busy) {
      await this.log.settled();
      if (!this.host) return Y.encodeStateAsUpdate(this.local);
    }
    return this.turns.run(async () => {
      await this.log.settled();
      return this.host ? this.host.diff() : Y.encodeStateAsUpdate(this.local);
    });
  }

  /**
   * A relay-side edit (a version restore, a classroom push): `edit` reads the map as
   * committed and returns the update to make, which is applied as the relay's own edit in
   * this room's turn (nothing a client sent after it is applied in between), committed and
   * relayed like any edit; `result` then reads the map with it applied. Resolves with what
   * `result` returned once the edit is durable. Neither may change the doc it is given (for
   * a huge map, a copy of the hosted doc built here, `HostedDoc.copy`).
   */
  async change<T>(edit: (doc: Y.Doc) => RelayEdit<T>, origin: unknown): Promise<T> {
    const result = await this.turns.run(async () => {
      await this.log.settled();
      this.live();
      if (!this.host) {
        const made = edit(this.local);
        if (made.update) Y.applyUpdate(this.local, made.update, origin);
        return made.result(this.local);
      }
      const host = this.host;
      const copy = await host.copy();
      try {
        const made = edit(copy);
        if (!made.update) return made.result(copy);
        await host.applyRelayUpdate(made.update);
        Y.applyUpdate(copy, made.update);
        return made.result(copy);
      } finally {
        copy.destroy();
      }
    });
    await this.whenCommitted();
    this.live();
    return result;
  }

  /**
   * Applies `update` as the relay's own edit (`origin` tags the transaction of a doc on this
   * thread), in this room's turn, wherever the doc lives; resolves once it is committed.
   */
  applyRelayUpdate(update: Uint8Array, origin: unknown): Promise<void> {
    return this.change(() => ({ update, result: () => undefined }), origin);
  }

  /** Throws if the room can take no more edits (it failed, or was unloaded). */
  private live(): void {
    if (this.failed || this.destroyed) {
      throw new Error(`the room of map ${this.mapId} is closed; try again`);
    }
  }

  /**
   * The map's title as committed: asked of a hosted doc where it lives, so describing or
   * listing a big map never copies it onto the event loop.
   */
  async title(): Promise<string | undefined> {
    const { host } = this;
    const model = this.deps.model.id;
    if (!host || !model) return this.readCommitted((doc) => this.deps.model.title(doc));
    return this.turns.run(async () => {
      await this.log.settled();
      return (await host.title(model)) ?? undefined;
    });
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
    if (this.log.summary) return this.log.summary;
    const { host } = this;
    const model = this.deps.model.id;
    if (host && model) return this.turns.run(() => host.summary(model));
    return this.readCommitted((doc) => this.deps.model.summary(doc));
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
    this.repairs.close();
    this.presence.destroy();
    this.commits.unwatch();
    this.local.destroy();
    this.host?.close();
    this.peers.clear();
  }

  private async replyStep2(peer: Peer, stateVector: Uint8Array): Promise<void> {
    if (this.host || this.turns.busy) {
      // In turn: the doc then holds no update applied but not yet committed.
      return this.turns
        .run(async () => {
          if (!this.host) return this.replyStep2Here(peer, stateVector);
          await this.log.settled();
          if (!this.peers.has(peer) || this.failed || this.destroyed) return;
          const reply = await this.host.syncStep2(stateVector);
          if (this.peers.has(peer) && !this.failed && !this.destroyed) peer.send(reply);
        })
        .catch((error: unknown) => this.fail(error, 'the map could not be encoded for a sync'));
    }
    return this.replyStep2Here(peer, stateVector);
  }

  private async replyStep2Here(peer: Peer, stateVector: Uint8Array): Promise<void> {
    // Sending uncommitted edits would let this client see what a crash could still lose.
    await this.log.settled();
    if (!this.peers.has(peer) || this.failed || this.destroyed) return;
    const offload = this.deps.offload;
    if (offload && this.log.big) {
      const wanted = (): boolean => this.peers.has(peer) && !this.failed && !this.destroyed;
      let frames: Uint8Array[] | null;
      try {
        frames = await storedSyncReply(this.deps, offload, this.mapId, stateVector, wanted);
      } catch (error) {
        this.deps.logger.warn({ mapId: this.mapId, err: error }, 'off-thread sync reply failed');
        return this.reject(peer, 'InternalError', 'the map could not be encoded for a sync');
      }
      if (!frames || !wanted()) return;
      for (const frame of frames) peer.send(frame);
      return;
    }
    let reply: Uint8Array;
    try {
      reply = encodeIntegrated(this.local, stateVector);
    } catch (error) {
      return this.fail(error, 'the map could not be encoded for a sync');
    }
    peer.send(encodeSyncStep2(reply));
  }

  /**
   * A client's update, applied at once if small and nothing is waiting. A big one (from
   * `offloadBytes`) is checked and cut into slices off-thread and applied a slice at a time;
   * a huge one (from `hostUpdateBytes`) first moves the doc off the event loop (`promote`).
   * Later updates wait behind either, so each room applies its clients' updates in the
   * order they arrived.
   */
  private takeClientUpdate(peer: Peer, update: Uint8Array): void {
    if (!isBig(this.deps, update)) return this.applyClientUpdate(peer, update);
    this.log.markBig();
    this.serialUpdate(() => this.applyInTurn(peer, update));
  }

  /**
   * A writer's update, in its turn: to the host (moving the doc there first if it is huge),
   * or in slices if big, or at once.
   */
  private async applyInTurn(peer: Peer, update: Uint8Array): Promise<void> {
    const offload = this.deps.offload;
    if (!this.host && offload && movesOffThread(this.deps, update)) {
      this.log.markBig();
      await this.promote(offload);
    }
    if (this.host) return this.host.applyClient(peer, update);
    if (offload && isBig(this.deps, update)) {
      return this.applyInSlices(offload, peer, update);
    }
    this.applyClientUpdate(peer, update);
  }

  private async applyInSlices(offload: Offload, peer: Peer, update: Uint8Array): Promise<void> {
    const cut = await offload.slice(update);
    if (this.failed || this.destroyed) return;
    if (cut.kind === 'malformed') return this.reject(peer, 'UpdateRejected', cut.problem);
    if (cut.kind === 'whole') return this.applyClientUpdate(peer, update);
    // Each slice is a complete update: committed, then broadcast, like any other. Others
    // may see the first slices before the last arrive, as if the client had sent them so.
    let emitted = 0;
    const applied = await applyPaced(
      cut.slices,
      (slice) => {
        // Checked off-thread already; decoded again only to name its structs' client ids.
        const n = this.commits.integrate(peer, slice, structClients(Y.decodeUpdate(slice)));
        if (n === null) return false;
        emitted += n;
        return true;
      },
      () => !this.failed && !this.destroyed,
    );
    if (!applied) return;
    this.commits.afterApply(peer, emitted, pendingBytes(this.local));
  }

  /**
   * A client's update while the doc is hosted, or while updates wait: in turn, through the
   * write gate then (a refused one is checked against the hosted doc, off the event loop).
   */
  private takeQueued(peer: Peer, update: Uint8Array): void {
    const why = this.gate.refusal(peer);
    if (!why) {
      this.serialUpdate(() => this.applyInTurn(peer, update));
      return;
    }
    this.serialUpdate(async () => {
      if (!this.peers.has(peer) || this.failed || this.destroyed) return;
      let harmless: boolean;
      try {
        harmless = this.host
          ? await this.host.addsNothing(update)
          : addsNothing(this.local, update);
      } catch (error) {
        return this.reject(peer, 'UpdateRejected', `undecodable update: ${String(error)}`);
      }
      this.gate.refused(peer, update, why, harmless);
    });
  }

  /** Runs an update in its turn: if applying it throws, the room's doc is not to be trusted. */
  private serialUpdate(work: () => Promise<void> | void): void {
    this.turns
      .run(work)
      .catch((error: unknown) => this.fail(error, 'an update could not be applied'));
  }

  /**
   * Moves the doc off the event loop (`HostedDoc.promote`); from now on every update and
   * question goes to it.
   */
  private async promote(offload: Offload): Promise<void> {
    const host = await HostedDoc.promote(this.local, offload, this.hosting);
    if (!host) return;
    this.commits.unwatch();
    this.host = host;
    this.log.hosted(host.state, host.snapshot);
    this.deps.logger.info({ mapId: this.mapId }, 'map doc moved to the worker thread');
  }

  private applyClientUpdate(peer: Peer, update: Uint8Array): void {
    const checked = checkUpdate(update);
    if (checked.kind === 'malformed') return this.reject(peer, 'UpdateRejected', checked.problem);
    const emitted = this.commits.integrate(peer, update, structClients(checked.decoded));
    if (emitted !== null) this.commits.afterApply(peer, emitted, pendingBytes(this.local));
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

/**
 * What a relay-side edit (`Room.change`) makes: the update to apply (null: none), and what
 * it resolves with, read from the map with the update applied.
 */
export interface RelayEdit<T> {
  update: Uint8Array | null;
  result: (after: Y.Doc) => T;
}
