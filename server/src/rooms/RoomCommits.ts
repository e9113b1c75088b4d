import * as Y from 'yjs';
import type { Fanout } from '../fanout/Fanout.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import { encodeUpdate } from '../protocol/messages.ts';
import { stampOf } from './authorship.ts';
import type { Emitted, UpdateSource } from './Emitted.ts';
import { Origin } from './origins.ts';
import type { Peer } from './Peer.ts';
import { dropPending, pendingBytes } from './pendingStructs.ts';
import type { RoomBroadcast } from './RoomBroadcast.ts';
import type { RoomLog } from './RoomLog.ts';

/** What the commit path needs of its room. */
export interface CommittingRoom {
  readonly mapId: string;
  readonly maxPendingBytes: number;
  /** False once the room failed: nothing more is committed. */
  healthy(): boolean;
  isPeer(peer: Peer): boolean;
  /** The room's memory no longer matches storage: it drops itself. */
  fail(error: unknown, what: string): void;
  /** Closes one connection for bad input. */
  reject(peer: Peer, code: CloseCodeName, detail: string): void;
}

/**
 * A room's commit path: every update its doc emits is committed (`RoomLog`) before anyone
 * sees it, then broadcast to the other connections (`RoomBroadcast`) and published to other
 * relays. For a doc on this thread it also applies clients' updates, holding what Yjs emits
 * until the whole update applied (one that throws halfway leaves nothing in storage) and
 * recording who wrote it; a doc hosted elsewhere (`HostedDoc`) hands its emitted updates to
 * `persist` itself.
 */
export class RoomCommits {
  /** The room's doc while it lives on this thread (`watch`); null once hosted elsewhere. */
  private doc: Y.Doc | null = null;
  /** True while applying an update that may integrate previously pending structs. */
  private resolvingPending = false;
  /** While a client's update is applied: what Yjs emitted so far, persisted once it returns. */
  private applying: Emitted[] | null = null;
  /** While a client's update is applied: its connection and the client ids its structs carry. */
  private from: UpdateSource | null = null;

  constructor(
    private readonly room: CommittingRoom,
    private readonly log: RoomLog,
    private readonly out: RoomBroadcast,
    private readonly fanout: Fanout,
  ) {}

  /** Commits what `doc` (the room's doc, on this thread) emits from now on. */
  watch(doc: Y.Doc): void {
    this.doc = doc;
    doc.on('update', this.onDocUpdate);
  }

  /** The doc moved off this thread, or the room is gone: stop listening to it. */
  unwatch(): void {
    this.doc?.off('update', this.onDocUpdate);
    this.doc = null;
  }

  /**
   * Applies a checked client update (carrying structs of `clients`, for the authors record)
   * to the watched doc and persists what Yjs emitted; resolves how many updates that was,
   * or null if Yjs threw (the room has failed).
   */
  integrate(peer: Peer, update: Uint8Array, clients: ReadonlySet<number>): number | null {
    const doc = this.watched();
    this.resolvingPending = pendingBytes(doc) > 0;
    // What Yjs emits while applying is held until the whole call succeeded: an update that
    // throws halfway must leave nothing in storage, whatever it managed to emit.
    const emitted: Emitted[] = [];
    this.applying = emitted;
    this.from = { peer, clients };
    try {
      Y.applyUpdate(doc, update, peer);
    } catch (error) {
      this.applying = null;
      // With data of someone else's waiting to be integrated, this update may be innocent
      // (it completed theirs): its sender reconnects with everyone else rather than being
      // refused for good. Without, it is what Yjs choked on.
      if (!this.resolvingPending) {
        this.room.reject(peer, 'UpdateRejected', `update failed to apply: ${String(error)}`);
      }
      // Yjs may have integrated part of it, or be stuck mid-transaction: the room's memory is
      // no longer what storage holds. Everyone reconnects to the map reloaded from storage,
      // which never held the waiting data either.
      this.room.fail(error, 'an update broke the document while being applied');
      return null;
    } finally {
      this.resolvingPending = false;
      this.from = null;
    }
    this.applying = null;
    for (const e of emitted) this.persist(e);
    return emitted.length;
  }

  /**
   * After a client's whole update: its ack if it added nothing, and the pending limit (the
   * doc now holds `pending` bytes waiting on missing dependencies).
   */
  afterApply(peer: Peer, emitted: number, pending: number): void {
    if (emitted === 0 && peer.wantsAck) {
      // Nothing new (the relay had it all, e.g. a step 2 after reconnecting): it is as
      // saved as what is committed, and the client waiting to say "saved" is told so.
      void this.log.whenCommitted().then(() => {
        if (this.room.isPeer(peer) && this.room.healthy()) this.out.queueAck(peer);
      });
    }
    if (pending > this.room.maxPendingBytes) {
      if (this.doc) dropPending(this.doc);
      this.room.reject(peer, 'MissingDependencies', `${pending} pending bytes`);
    }
  }

  /** Commits one emitted update; once it is durable, it goes to the others and other relays. */
  persist({ update, author, echo, afterState, authors }: Emitted): void {
    if (!this.room.healthy()) return;
    this.log.commit(
      update,
      afterState,
      (seq) => {
        this.out.queue(update, echo ? null : author);
        this.fanout.publish(this.room.mapId, update, seq);
        if (author?.wantsAck) this.out.queueAck(author);
      },
      authors ?? undefined,
    );
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
      // Committed already, by another relay (or repaired from storage): only relayed.
      this.out.send(encodeUpdate(update), null);
      return;
    }
    if (!this.room.healthy()) return;
    const author = this.room.isPeer(origin as Peer) ? (origin as Peer) : null;
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

  private watched(): Y.Doc {
    if (!this.doc) throw new Error(`map ${this.room.mapId}: its doc is not on this thread`);
    return this.doc;
  }
}
