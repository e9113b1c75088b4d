import * as Y from 'yjs';
import { encodeCommitted, encodeUpdate } from '../protocol/messages.ts';
import type { Peer } from './Peer.ts';

/** Above this many authors in one commit batch, everyone gets the same merged frame. */
const MAX_TAILORED_FRAMES = 4;

/**
 * What a room sends its connections once something is committed: each batch's updates as
 * one merged frame per recipient (never a connection's own edits back, where that is
 * cheap), and one `Committed` ack per asking connection per batch.
 */
export class RoomBroadcast {
  private ackDue = new Set<Peer>();
  /** Committed updates of the current batch, sent together once the batch is done. */
  private outgoing: { update: Uint8Array; except: Peer | null }[] = [];
  private closed = false;

  /**
   * `peers` is the room's live set of connections; `committedState` the doc's state after
   * the last commit, read when the acks go out.
   */
  constructor(
    private readonly peers: ReadonlySet<Peer>,
    private readonly committedState: () => Map<number, number>,
  ) {}

  /** Sends one frame to every connection but `except`, now. */
  send(frame: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame);
  }

  /**
   * Queues a committed update for the batch's broadcast: a storm of small edits costs each
   * client one frame and one transaction per commit, not one per edit.
   */
  queue(update: Uint8Array, except: Peer | null): void {
    if (this.outgoing.length === 0) queueMicrotask(() => this.flush());
    this.outgoing.push({ update, except });
  }

  /** Queues a `Committed` ack for `peer`: one per connection per commit batch. */
  queueAck(peer: Peer): void {
    if (this.ackDue.size === 0) {
      // The batch's commit callbacks all run first.
      queueMicrotask(() => {
        const frame = encodeCommitted(Y.encodeStateVector(this.committedState()));
        for (const p of this.ackDue) p.send(frame);
        this.ackDue.clear();
      });
    }
    this.ackDue.add(peer);
  }

  /** A connection left: it is owed no ack. */
  forget(peer: Peer): void {
    this.ackDue.delete(peer);
  }

  /** The room is gone: a queued batch is not sent. */
  close(): void {
    this.closed = true;
  }

  private flush(): void {
    const batch = this.outgoing;
    this.outgoing = [];
    if (this.closed || batch.length === 0) return;
    if (batch.length === 1) {
      const [only] = batch;
      if (only) this.send(encodeUpdate(only.update), only.except);
      return;
    }
    const authors = new Set(batch.map((o) => o.except));
    if (authors.size > MAX_TAILORED_FRAMES) {
      // Many writers in one batch: a merge per author (minus its own edits) would cost more
      // than everything else the relay does (50 writers: 51 merges of ~500 updates per
      // batch). Everyone gets the one merged frame; an author's own edits in it are no-ops.
      this.send(encodeUpdate(mergeAll(batch.map((o) => o.update))), null);
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
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 && updates[0] ? updates[0] : Y.mergeUpdates(updates);
}
