/**
 * In-process helpers for room tests: a real SQLite storage (in memory), the real commit
 * queue, and a `TestPeer` that speaks y-websocket like the stock client does.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Fanout, MapListener } from '../fanout/Fanout.ts';
import { NoFanout } from '../fanout/Fanout.ts';
import { RelayMetrics } from '../metrics/Metrics.ts';
import type { CloseCode } from '../protocol/constants.ts';
import { MessageType, SyncMessageType } from '../protocol/constants.ts';
import type { Storage } from '../storage/Storage.ts';
import { StorageHealth } from '../storage/StorageHealth.ts';
import { SqliteStorage } from '../storage/sqlite/SqliteStorage.ts';
import { CommitQueue } from './CommitQueue.ts';
import type { MapModel } from './MapModel.ts';
import type { Role } from '../auth/Auth.ts';
import type { Peer } from './Peer.ts';
import type { RoomDeps, RoomOptions } from './Room.ts';
import { Room } from './Room.ts';

export const plainModel: MapModel = {
  open() {},
  title: () => undefined,
  summary: () => ({ schemaVersion: 1, stats: {} }),
  schemaVersion: 1,
};

export interface Kit {
  storage: Storage;
  commits: CommitQueue;
  metrics: RelayMetrics;
  deps: RoomDeps;
  failed: string[];
}

export async function newKit(
  options: Partial<RoomOptions> = {},
  overrides: { storage?: Storage; fanout?: Fanout } = {},
): Promise<Kit> {
  const storage = overrides.storage ?? new SqliteStorage(':memory:');
  const metrics = new RelayMetrics({ connections: () => 0, loadedMaps: () => 0 });
  const commits = new CommitQueue(storage, metrics);
  const failed: string[] = [];
  const deps: RoomDeps = {
    storage,
    commits,
    fanout: overrides.fanout ?? new NoFanout(),
    metrics,
    logger: pino({ level: 'silent' }),
    health: new StorageHealth(storage, pino({ level: 'silent' })),
    model: plainModel,
    options: {
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 30,
      maxPendingBytes: 1 << 20,
      maxAwarenessIdsPerConnection: 8,
      ...options,
    },
    onFailed: (room) => failed.push(room.mapId),
  };
  return { storage, commits, metrics, deps, failed };
}

/**
 * Fan-out as another relay would drive it: tests deliver updates and presence by hand and
 * read what the room published.
 */
export class FakeFanout extends NoFanout implements Fanout {
  override readonly shared: boolean;
  readonly published: { update: Uint8Array; seq: number }[] = [];
  readonly presence: Uint8Array[] = [];
  private readonly maps = new Map<string, MapListener>();

  constructor(shared = true) {
    super();
    this.shared = shared;
  }

  get subscribed(): number {
    return this.maps.size;
  }

  override publish(_mapId: string, update: Uint8Array, seq: number): void {
    this.published.push({ update, seq });
  }

  override publishAwareness(_mapId: string, update: Uint8Array): void {
    this.presence.push(update);
  }

  override subscribe(mapId: string, listener: MapListener): () => void {
    this.maps.set(mapId, listener);
    return () => this.maps.delete(mapId);
  }

  deliver(mapId: string, update: Uint8Array, seq: number): void {
    this.maps.get(mapId)?.update(update, seq);
  }

  deliverPresence(mapId: string, update: Uint8Array): void {
    this.maps.get(mapId)?.awareness(update);
  }
}

export async function createStoredMap(storage: Storage, id: string, doc = new Y.Doc()) {
  await storage.create({ id, title: id, createdAt: 1, snapshot: Y.encodeStateAsUpdate(doc) });
}

/** Rebuilds a map's document from storage, as a restarted relay would. */
export async function storedDoc(storage: Storage, id: string): Promise<Y.Doc> {
  const stored = await storage.load(id);
  if (!stored) throw new Error(`map ${id} not stored`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** Loads map `id` into a room, creating it empty first if it is not stored. */
export async function openRoom(kit: Kit, id = 'm'): Promise<Room> {
  if (!(await kit.storage.meta(id))) await createStoredMap(kit.storage, id);
  const room = await Room.load(id, kit.deps);
  if (!room) throw new Error('room did not load');
  return room;
}

/** Joins a peer, runs the sync handshake and waits for it to settle. */
export async function connect(kit: Kit, room: Room, peer: TestPeer): Promise<TestPeer> {
  room.join(peer);
  peer.start();
  await pump(kit, room, [peer]);
  return peer;
}

/** Delivers queued frames and commits until nothing moves. */
export async function pump(kit: Kit, room: Room, peers: TestPeer[]): Promise<void> {
  for (let round = 0; round < 20; round++) {
    for (const p of peers) p.flush((f) => room.receive(p, f));
    await kit.commits.drain();
    await room.whenCommitted();
    await new Promise((r) => setImmediate(r));
    if (peers.every((p) => p.outbox.length === 0)) return;
  }
}

/** An awareness frame carrying the states of `ids`, as the stock client sends it. */
export function awarenessFrame(awareness: awarenessProtocol.Awareness, ids: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
  return encoding.toUint8Array(e);
}

/** A sync update frame carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncMessageType.Update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A client as the room sees it, with its own Y.Doc kept in sync from received frames. */
export class TestPeer implements Peer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly received: Uint8Array[] = [];
  readonly acks: Map<number, number>[] = [];
  closedWith: CloseCode | null = null;
  synced = false;
  /** Frames the room should get from this client; `flush` hands them over. */
  readonly outbox: Uint8Array[] = [];

  /** Times the room asked this connection to prove it is alive. */
  probes = 0;

  constructor(
    readonly id: string,
    readonly wantsAck = false,
    readonly role: Role = 'editor',
    readonly linkId: string | null = null,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeUpdate(e, update);
      this.outbox.push(encoding.toUint8Array(e));
    });
  }

  send(frame: Uint8Array): void {
    if (this.closedWith) return;
    this.received.push(frame);
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.Sync);
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (kind === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(reply) > 1) this.outbox.push(encoding.toUint8Array(reply));
    } else if (type === MessageType.Awareness) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      );
    } else if (type === MessageType.Committed) {
      this.acks.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    }
  }

  close(code: CloseCode): void {
    this.closedWith ??= code;
  }

  probe(): void {
    this.probes += 1;
  }

  /** Queues sync step 1, as the stock client does on open. */
  start(): this {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, this.doc);
    this.outbox.push(encoding.toUint8Array(e));
    return this;
  }

  /** Hands every queued frame to `deliver` (usually `room.receive`), oldest first. */
  flush(deliver: (frame: Uint8Array) => void): void {
    for (let next = this.outbox.shift(); next; next = this.outbox.shift()) deliver(next);
  }

  text(): string {
    return this.doc.getText('t').toString();
  }
}
