/**
 * The fan-out seam: how committed updates reach relays in other processes that hold the
 * same map. One process needs none (`NoFanout`); Redis pub/sub plugs in here later.
 *
 * Publishers send only updates already committed to shared storage, so a subscriber
 * applies and broadcasts them without storing them again.
 */
export interface Fanout {
  publish(mapId: string, update: Uint8Array): void;
  /** Calls `onUpdate` for updates other processes publish; returns the unsubscribe function. */
  subscribe(mapId: string, onUpdate: (update: Uint8Array) => void): () => void;
  close(): Promise<void>;
}

/** The single-process default: nothing to tell anyone. */
export class NoFanout implements Fanout {
  publish(): void {}

  subscribe(): () => void {
    return () => {};
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
    publish: (id, update) => fanout.publish(channel(id), update),
    subscribe: (id, onUpdate) => fanout.subscribe(channel(id), onUpdate),
    close: async () => {},
  };
}
