import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { CloseCodeName } from '../protocol/constants.ts';
import { Limits } from '../protocol/constants.ts';
import { encodeAwareness } from '../protocol/messages.ts';
import type { Peer } from './Peer.ts';

/** What one connection has said through awareness, and what of it waits to go out. */
interface Speaker {
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly ids: Set<number>;
  /** Ids whose changes from this connection wait for the next broadcast. */
  readonly due: Set<number>;
  /** When this connection's changes were last broadcast (performance.now()). */
  sentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** An awareness entry a connection sent for an id another connection of its link holds. */
interface Claim {
  readonly peer: Peer;
  readonly clock: number;
  readonly state: string;
}

interface AwarenessEntry {
  id: number;
  clock: number;
  /** The state as JSON, `null` for a removal, exactly as the awareness protocol carries it. */
  state: string;
}

/**
 * A room's presence (y-protocols awareness) and who may speak for what in it: one client id
 * per connection, no setting or clearing another connection's state, states capped in size,
 * and each connection's changes broadcast at most once per `Limits.awarenessIntervalMs`.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly speakers = new Map<Peer, Speaker>();
  /** Which connection speaks for each awareness client id: nobody else may set or clear it. */
  private readonly owners = new Map<number, Peer>();
  /**
   * Entries held back because another connection of the same share link speaks for the id:
   * a client reconnecting before its old socket died, or a classmate posing as someone. The
   * holder is probed; if it is gone, the claim takes over the id, otherwise it never lands.
   */
  private readonly claims = new Map<number, Claim>();
  private destroyed = false;

  constructor(
    doc: Y.Doc,
    private readonly maxIdsPerConnection: number,
    /** Sends a frame to every connection in the room. */
    private readonly broadcast: (frame: Uint8Array) => void,
    /** Tells other relays serving the map about changes made by this relay's connections. */
    private readonly share: (update: Uint8Array) => void = () => {},
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Registers a connection and sends it everyone's current state. */
  join(peer: Peer): void {
    this.speakers.set(peer, { ids: new Set(), due: new Set(), sentAt: -Infinity, timer: null });
    const states = this.awareness.getStates();
    if (states.size > 0) this.sendAll(peer);
  }

  /** Answers a query-awareness message: every state known. */
  sendAll(peer: Peer): void {
    const ids = [...this.awareness.getStates().keys()];
    peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  /**
   * Applies one awareness update from `peer`, minus echoes and held-back claims. Returns why
   * the connection must go, or null; throws on an update that does not decode.
   */
  receive(peer: Peer, update: Uint8Array): CloseCodeName | null {
    const checked = this.check(peer, update);
    if (checked instanceof Uint8Array) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, checked, peer);
      return null;
    }
    return checked;
  }

  /**
   * Applies presence from another relay's connections and passes it to this room's. The
   * awareness protocol times those states out (30 s) unless their relay renews them, so a
   * relay that dies takes its clients' cursors with it.
   */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Withdraws what a leaving connection spoke for (or hands it to a waiting claim). */
  leave(peer: Peer): void {
    const speaker = this.speakers.get(peer);
    if (!speaker) return;
    this.speakers.delete(peer);
    if (speaker.timer) {
      // Its last changes (often its own removal, sent as it closes) still reach everyone.
      clearTimeout(speaker.timer);
      if (!this.destroyed) this.flush(speaker);
    }
    for (const [id, claim] of this.claims) if (claim.peer === peer) this.claims.delete(id);
    const removed: number[] = [];
    const handedOver: (AwarenessEntry & { peer: Peer })[] = [];
    for (const id of speaker.ids) {
      if (this.owners.get(id) !== peer) continue;
      this.owners.delete(id);
      const claim = this.claims.get(id);
      this.claims.delete(id);
      if (claim && this.takeOver(claim.peer, id)) handedOver.push({ ...claim, id });
      else removed.push(id);
    }
    if (this.destroyed) return;
    if (removed.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, removed, peer);
    for (const { peer: claimant, ...entry } of handedOver) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        encodeAwarenessEntries([entry]),
        claimant,
      );
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const speaker of this.speakers.values()) if (speaker.timer) clearTimeout(speaker.timer);
    this.speakers.clear();
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  /** Gives `id` to `peer` (whose claim waited for it), if it may speak for one more id. */
  private takeOver(peer: Peer, id: number): boolean {
    const speaker = this.speakers.get(peer);
    if (!speaker || speaker.ids.size >= this.maxIdsPerConnection) return false;
    this.owners.set(id, peer);
    speaker.ids.add(id);
    return true;
  }

  /**
   * One awareness client id per connection, its state at most `maxAwarenessStateBytes`, and
   * no setting or clearing of a state another connection speaks for: from another link that
   * closes the connection; from the same share link (a reconnecting client, or a classmate
   * posing as someone) the entry is held back as a claim while the holder is probed, and
   * lands only if the holder turns out to be gone. Echoes of states the relay sent, which
   * change nothing, are skipped. Returns the entries to apply, or why the connection goes.
   */
  private check(peer: Peer, update: Uint8Array): CloseCodeName | Uint8Array | null {
    const mine = this.speakers.get(peer)?.ids ?? new Set<number>();
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const fresh = new Set<number>();
    const accepted: AwarenessEntry[] = [];
    let skipped = 0;
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      if (overStateLimit(state)) return 'AwarenessTooLarge';
      // Stock clients echo every awareness state they receive back to the relay; an entry
      // that would not change anything (an echo) is not this connection speaking.
      const current = this.awareness.meta.get(id)?.clock ?? -1;
      const removal = state === 'null' && this.awareness.getStates().has(id);
      if (clock < current || (clock === current && !removal)) {
        skipped++;
        continue;
      }
      const owner = this.owners.get(id);
      if (owner && owner !== peer) {
        if (owner.linkId === null || owner.linkId !== peer.linkId) return 'AwarenessNotYours';
        this.claims.set(id, { peer, clock, state });
        owner.probe?.();
        skipped++;
        continue;
      }
      if (!mine.has(id)) fresh.add(id);
      accepted.push({ id, clock, state });
    }
    if (mine.size + fresh.size > this.maxIdsPerConnection) return 'TooManyAwarenessStates';
    if (accepted.length === 0) return null;
    return skipped === 0 ? update : encodeAwarenessEntries(accepted);
  }

  private onUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const peer = origin as Peer;
    const speaker = this.speakers.get(peer);
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (!speaker) {
      // A connection leaving or a state timing out: rare, and others should know at once.
      // Presence from another relay is passed on here but never shared back; a timeout
      // happens on every relay by itself.
      this.send(changed, origin !== REMOTE && origin !== 'timeout');
      return;
    }
    for (const id of [...changes.added, ...changes.updated]) {
      const previous = this.owners.get(id);
      if (previous && previous !== peer) this.speakers.get(previous)?.ids.delete(id);
      this.owners.set(id, peer);
      speaker.ids.add(id);
    }
    for (const id of changes.removed) {
      speaker.ids.delete(id);
      if (this.owners.get(id) === peer) this.owners.delete(id);
    }
    // Each connection's changes reach the others at most once per `awarenessIntervalMs`,
    // the latest state of each id: a cursor moving on every keystroke, or a flood, costs
    // every other client at most 20 frames a second from this connection.
    for (const id of changed) speaker.due.add(id);
    if (speaker.timer) return;
    const wait = speaker.sentAt + Limits.awarenessIntervalMs - performance.now();
    if (wait <= 0) return this.flush(speaker);
    speaker.timer = setTimeout(() => this.flush(speaker), wait);
  };

  private flush(speaker: Speaker): void {
    speaker.timer = null;
    speaker.sentAt = performance.now();
    const ids = [...speaker.due];
    speaker.due.clear();
    if (!this.destroyed && ids.length > 0) this.send(ids, true);
  }

  /** Sends the entries to this room's connections, and with `share` to other relays too. */
  private send(ids: number[], share: boolean): void {
    const known = ids.filter((id) => this.awareness.meta.has(id));
    if (known.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, known);
    this.broadcast(encodeAwareness(update));
    if (share) this.share(update);
  }
}

/** The origin of presence applied from another relay (never shared back). */
const REMOTE = Symbol('warrant.remote-presence');

/** An awareness update (y-protocols' encoding) holding just these entries. */
function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

const utf8 = new TextEncoder();
/** Whether a state is over `maxAwarenessStateBytes` of UTF-8 (encoding only when it may be). */
function overStateLimit(state: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short states need no encoding.
  if (state.length * 3 <= Limits.maxAwarenessStateBytes) return false;
  return utf8.encode(state).length > Limits.maxAwarenessStateBytes;
}
