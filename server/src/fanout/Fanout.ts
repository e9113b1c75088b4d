/**
 * The fan-out seam: how committed updates, presence and relay-wide events reach relays in
 * other processes that serve the same maps. One process needs none (`NoFanout`); several
 * relays on one PostgreSQL database use `RedisFanout`.
 *
 * Publishers send only updates already committed to shared storage, each with its log
 * position, so a subscriber applies and broadcasts them without storing them again, and
 * notices a gap in the positions. Delivery is best effort: correctness rests on storage,
 * from which a relay repairs whatever it missed (see `Room.repair`).
 */
export interface Fanout {
  /**
   * Whether other processes may commit to the maps this relay serves. Rooms then track
   * which log positions they hold and repair gaps from storage.
   */
  readonly shared: boolean;
  /** Tells other relays about an update committed at log position `seq` of `mapId`. */
  publish(mapId: string, update: Uint8Array, seq: number): void;
  /** Tells other relays about presence changed by this relay's connections on `mapId`. */
  publishAwareness(mapId: string, update: Uint8Array): void;
  /** Hears what other relays publish for `mapId`; returns the unsubscribe function. */
  subscribe(mapId: string, listener: MapListener): () => void;
  /** Tells every relay (this one too) about a relay-wide event. */
  broadcast(event: RelayEvent): void;
  /** Hears relay-wide events from every relay, this one's included (`local` says which). */
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

export interface MapListener {
  update(update: Uint8Array, seq: number): void;
  awareness(update: Uint8Array): void;
}

export type EventListener = (event: RelayEvent, local: boolean) => void;

/** Events every relay acts on. */
export type RelayEvent =
  /** A share link was revoked: every relay closes the connections it opened. */
  | { readonly kind: 'revoked'; readonly linkId: string }
  /** A relay found storage failing: every relay stops taking edits until it recovers. */
  | { readonly kind: 'storage-failed'; readonly cause: string };

/** The single-process default: nothing to tell anyone but ourselves. */
export class NoFanout implements Fanout {
  readonly shared: boolean = false;
  private readonly eventListeners = new Set<EventListener>();

  publish(_mapId: string, _update: Uint8Array, _seq: number): void {}

  publishAwareness(_mapId: string, _update: Uint8Array): void {}

  subscribe(_mapId: string, _listener: MapListener): () => void {
    return () => {};
  }

  broadcast(event: RelayEvent): void {
    for (const listener of [...this.eventListeners]) listener(event, true);
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async close(): Promise<void> {}
}

/**
 * `fanout` with every channel renamed by `channel(id)`, for documents kept beside the maps
 * under the same ids (a map's review document): their updates must never reach the map's
 * subscribers. Closing it leaves `fanout` open (its owner closes it).
 */
export function renamedFanout(fanout: Fanout, channel: (id: string) => string): Fanout {
  return {
    get shared() {
      return fanout.shared;
    },
    publish: (id, update, seq) => fanout.publish(channel(id), update, seq),
    publishAwareness: (id, update) => fanout.publishAwareness(channel(id), update),
    subscribe: (id, listener) => fanout.subscribe(channel(id), listener),
    broadcast: (event) => fanout.broadcast(event),
    onEvent: (listener) => fanout.onEvent(listener),
    close: async () => {},
  };
}
