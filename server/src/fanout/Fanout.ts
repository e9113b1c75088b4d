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
