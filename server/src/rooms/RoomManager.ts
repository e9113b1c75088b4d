import type { RoomDeps } from './Room.ts';
import { Room } from './Room.ts';
import type * as Y from 'yjs';
import { loadStoredMap } from './RoomLog.ts';

interface Slot {
  /** Resolves with the loaded room, or null if the map does not exist. */
  readonly room: Promise<Room | null>;
  /** The room once loaded, so late releases for an older room of the same map are ignored. */
  loaded: Room | null;
  /** Connections and API reads currently using the room. */
  holds: number;
  idleTimer: NodeJS.Timeout | null;
}

export interface RoomManagerOptions {
  /** How long a map stays loaded after its last user left. */
  unloadAfterMs: number;
  /**
   * With other relays committing to the same maps: how often to ask storage whether a
   * loaded map moved past what this relay holds (fan-out lost an update and nothing later
   * revealed the gap). Default 1000 ms.
   */
  repairIntervalMs?: number;
  /**
   * For documents created on first use (a map's review document): called when storage has
   * none; creates it and resolves true if it should exist, resolves false if not (no map).
   */
  provision?(mapId: string): Promise<boolean>;
}

/**
 * Loads each map once, hands the same room to every user, and unloads it after it has been
 * idle for `unloadAfterMs`. An unloading map is never handed out: a new user waits for the
 * unload (commits drained, final snapshot written) and then gets a freshly loaded room.
 */
export class RoomManager {
  private readonly slots = new Map<string, Slot>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly live = new Set<Room>();
  private closed = false;
  private readonly repairTimer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly deps: Omit<RoomDeps, 'onFailed'>,
    private readonly options: RoomManagerOptions,
  ) {
    // Connections refused while storage was down reconnect now, to deliver what they kept.
    deps.health.onRecovered(() => {
      for (const room of this.live) room.releaseHeldBack();
    });
    if (deps.fanout.shared && deps.storage.heads) {
      this.repairTimer = setInterval(() => void this.catchUp(), options.repairIntervalMs ?? 1000);
      this.repairTimer.unref();
    }
  }

  /**
   * Repairs every loaded map that storage says moved past what this relay holds: the
   * periodic check, and at once after fan-out was down (a Redis reconnect).
   */
  async catchUp(): Promise<void> {
    const heads = this.deps.storage.heads;
    if (this.polling || this.closed || !heads || this.live.size === 0) return;
    this.polling = true;
    try {
      const rooms = [...this.live];
      const stored = await heads.call(
        this.deps.storage,
        rooms.map((r) => r.mapId),
      );
      await Promise.all(
        rooms.map((room) => {
          const head = stored.get(room.mapId);
          const held = room.watermark;
          return head !== undefined && held !== null && head > held ? room.repair() : null;
        }),
      );
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not compare loaded maps with storage');
    } finally {
      this.polling = false;
    }
  }

  /** Maps currently held in memory. */
  get loadedCount(): number {
    return this.live.size;
  }

  /** Connections across all rooms. */
  get connectionCount(): number {
    let n = 0;
    for (const room of this.live) n += room.connectionCount;
    return n;
  }

  /**
   * Loads (or reuses) the map's room and holds it until `release`. Resolves null, holding
   * nothing, if the map does not exist; rejects if it cannot be loaded.
   */
  async acquire(mapId: string): Promise<Room | null> {
    if (this.closed) throw new Error('relay is shutting down');
    let slot = this.slots.get(mapId);
    if (!slot) {
      const created: Slot = { room: this.load(mapId), loaded: null, holds: 0, idleTimer: null };
      void created.room.then(
        (room) => (created.loaded = room),
        () => undefined,
      );
      slot = created;
      this.slots.set(mapId, slot);
    }
    slot.holds += 1;
    if (slot.idleTimer) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
    }
    let room: Room | null;
    try {
      room = await slot.room;
    } catch (error) {
      this.drop(mapId, slot);
      throw error;
    }
    if (!room) this.drop(mapId, slot);
    return room;
  }

  /** Returns a hold taken by `acquire`; the last one starts the idle countdown. */
  release(room: Room): void {
    const slot = this.slots.get(room.mapId);
    if (!slot || slot.loaded !== room) return;
    slot.holds -= 1;
    if (slot.holds > 0 || this.closed) return;
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      if (slot.holds === 0 && this.slots.get(room.mapId) === slot) this.unload(room);
    }, this.options.unloadAfterMs);
    slot.idleTimer.unref();
  }

  /** Every room loaded right now. */
  loadedRooms(): Room[] {
    return [...this.live];
  }

  /** The room if the map is loaded right now, without loading or holding it. */
  async peek(mapId: string): Promise<Room | null> {
    const slot = this.slots.get(mapId);
    return slot ? slot.room.catch(() => null) : null;
  }

  /**
   * Runs `read` on a throwaway doc of the map as stored, built by the rooms' own loader (so a
   * damaged log entry is skipped and reported the same way) and migrated; resolves null if
   * the map does not exist. Throws `MapTooNewError` for a map this relay cannot read.
   */
  async readStored<T>(mapId: string, read: (doc: Y.Doc) => T): Promise<T | null> {
    const loaded = await loadStoredMap(mapId, this.deps);
    if (!loaded) return null;
    try {
      this.deps.model.open(loaded.doc);
      return read(loaded.doc);
    } finally {
      loaded.doc.destroy();
    }
  }

  /**
   * Shutdown: closes every connection with `GoingAway` once its room's commits are flushed,
   * then writes a final snapshot of each map.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.repairTimer) clearInterval(this.repairTimer);
    for (const slot of this.slots.values()) if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const rooms = await Promise.all([...this.slots.values()].map((s) => s.room.catch(() => null)));
    this.slots.clear();
    await Promise.all(
      rooms.map(async (room) => {
        if (!room) return;
        await room.whenCommitted();
        room.closeAll('GoingAway');
        await room.unload();
        this.live.delete(room);
      }),
    );
    await Promise.all(this.unloading.values());
  }

  private async load(mapId: string): Promise<Room | null> {
    const previous = this.unloading.get(mapId);
    if (previous) await previous;
    const deps = { ...this.deps, onFailed: (r: Room) => this.onFailed(r) };
    let room = await Room.load(mapId, deps);
    if (!room && (await this.options.provision?.(mapId))) room = await Room.load(mapId, deps);
    if (room) {
      this.live.add(room);
      this.deps.metrics.mapsLoaded.inc();
      this.deps.logger.debug({ mapId }, 'map loaded');
    }
    return room;
  }

  private unload(room: Room): void {
    if (this.slots.get(room.mapId)?.loaded === room) this.slots.delete(room.mapId);
    const done = room
      .unload()
      .catch((error: unknown) => {
        this.deps.logger.error({ mapId: room.mapId, err: error }, 'unload failed');
      })
      .finally(() => {
        this.live.delete(room);
        if (this.unloading.get(room.mapId) === done) this.unloading.delete(room.mapId);
        this.deps.metrics.mapsUnloaded.inc();
        this.deps.logger.debug({ mapId: room.mapId }, 'map unloaded');
      });
    this.unloading.set(room.mapId, done);
  }

  private onFailed(room: Room): void {
    // Memory is ahead of disk; the next user reloads the map from what was committed.
    this.unload(room);
  }

  private drop(mapId: string, slot: Slot): void {
    slot.holds -= 1;
    if (slot.holds <= 0 && this.slots.get(mapId) === slot) this.slots.delete(mapId);
  }
}
