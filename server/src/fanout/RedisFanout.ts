import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { EventListener, Fanout, MapListener, RelayEvent } from './Fanout.ts';

const PREFIX = 'warrant:';
const EVENTS = `${PREFIX}events`;
const updateChannel = (mapId: string) => `${PREFIX}u:${mapId}`;
const awarenessChannel = (mapId: string) => `${PREFIX}a:${mapId}`;

export interface RedisFanoutOptions {
  /** Told when the subscriber reconnects: what was published meanwhile never arrives. */
  onReconnect?: () => void;
}

/**
 * Fan-out between relays through Redis pub/sub. Every message names the relay that sent it,
 * so a relay ignores its own. Pub/sub delivers at most once and drops everything while a
 * connection is down; that is acceptable only because nothing rests on it: updates carry
 * their log position, and a relay that sees a gap, or polls storage and finds it is behind,
 * repairs from PostgreSQL. Redis only makes the common case fast.
 *
 * Publishing never queues while Redis is unreachable (the offline queue is off): a relay
 * keeps serving its own clients, counting what it could not publish.
 */
export class RedisFanout implements Fanout {
  readonly shared = true;
  /** This process, in every message it publishes. */
  readonly relayId = randomBytes(8).toString('base64url');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly maps = new Map<string, Set<MapListener>>();
  private readonly eventListeners = new Set<EventListener>();
  private lastErrorLog = 0;
  private closed = false;
  /** Messages that could not be published (Redis unreachable). */
  dropped = 0;

  private constructor(
    url: string,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    options: RedisFanoutOptions,
  ) {
    const common = {
      lazyConnect: true,
      // Reconnect forever, backing off to 2 s: relays outlive a Redis restart.
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 2000),
      maxRetriesPerRequest: 1,
    };
    this.pub = new Redis(url, { ...common, enableOfflineQueue: false });
    this.sub = new Redis(url, { ...common, enableOfflineQueue: true });
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (error: Error) => this.logError(name, error));
    }
    let everReady = false;
    this.sub.on('ready', () => {
      if (everReady) {
        this.logger.info('Redis subscriber reconnected; repairing from storage what was missed');
        options.onReconnect?.();
      }
      everReady = true;
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.onMessage(channel.toString(), message);
    });
  }

  /**
   * Connects to `url` (`redis://…`). A Redis that is not there yet is no reason to refuse to
   * start: the relay serves its clients, repairs from storage, and fans out once it connects.
   */
  static async open(
    url: string,
    logger: Pick<Logger, 'warn' | 'info'>,
    options: RedisFanoutOptions = {},
  ): Promise<RedisFanout> {
    const fanout = new RedisFanout(url, logger, options);
    const connected = Promise.all([fanout.pub.connect(), fanout.sub.connect()]);
    try {
      await connected;
      await fanout.sub.subscribe(EVENTS);
    } catch (error) {
      logger.warn(
        { err: error },
        'Redis is not reachable yet; serving without fan-out until it is (edits still reach other relays through storage)',
      );
      // ioredis keeps retrying; subscriptions requested meanwhile are sent on connect.
      void fanout.sub.subscribe(EVENTS).catch(() => {});
    }
    return fanout;
  }

  publish(mapId: string, update: Uint8Array, seq: number): void {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.relayId);
    encoding.writeVarUint(e, seq);
    encoding.writeVarUint8Array(e, update);
    this.send(updateChannel(mapId), encoding.toUint8Array(e));
  }

  publishAwareness(mapId: string, update: Uint8Array): void {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.relayId);
    encoding.writeVarUint8Array(e, update);
    this.send(awarenessChannel(mapId), encoding.toUint8Array(e));
  }

  subscribe(mapId: string, listener: MapListener): () => void {
    let listeners = this.maps.get(mapId);
    if (!listeners) {
      listeners = new Set();
      this.maps.set(mapId, listeners);
      void this.sub.subscribe(updateChannel(mapId), awarenessChannel(mapId)).catch(() => {
        // Unreachable now: ioredis resubscribes on reconnect; storage repairs meanwhile.
      });
    }
    listeners.add(listener);
    return () => {
      const current = this.maps.get(mapId);
      if (!current?.delete(listener) || current.size > 0) return;
      this.maps.delete(mapId);
      if (!this.closed) {
        void this.sub.unsubscribe(updateChannel(mapId), awarenessChannel(mapId)).catch(() => {});
      }
    };
  }

  broadcast(event: RelayEvent): void {
    // Acted on here at once; other relays hear it through Redis.
    for (const listener of [...this.eventListeners]) listener(event, true);
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.relayId);
    encoding.writeVarString(e, JSON.stringify(event));
    this.send(EVENTS, encoding.toUint8Array(e));
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private send(channel: string, message: Uint8Array): void {
    if (this.closed) return;
    this.pub.publish(channel, Buffer.from(message)).catch(() => {
      this.dropped += 1;
    });
  }

  private onMessage(channel: string, message: Buffer): void {
    try {
      const d = decoding.createDecoder(new Uint8Array(message));
      const from = decoding.readVarString(d);
      if (from === this.relayId) return;
      if (channel === EVENTS) {
        const event = parseEvent(decoding.readVarString(d));
        if (event) for (const listener of [...this.eventListeners]) listener(event, false);
        return;
      }
      const isUpdate = channel.startsWith(`${PREFIX}u:`);
      const mapId = channel.slice(`${PREFIX}u:`.length);
      const listeners = this.maps.get(mapId);
      if (!listeners) return;
      if (isUpdate) {
        const seq = decoding.readVarUint(d);
        const update = decoding.readVarUint8Array(d);
        for (const listener of [...listeners]) listener.update(update, seq);
      } else {
        const update = decoding.readVarUint8Array(d);
        for (const listener of [...listeners]) listener.awareness(update);
      }
    } catch (error) {
      // Only relays publish here; a message that does not decode is skipped, never fatal.
      this.logError('subscriber', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private logError(connection: string, error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < 5000) return;
    this.lastErrorLog = now;
    this.logger.warn({ err: error, connection }, 'Redis fan-out trouble (storage repairs gaps)');
  }
}

function parseEvent(text: string): RelayEvent | null {
  try {
    const value = JSON.parse(text) as { kind?: unknown; linkId?: unknown; cause?: unknown };
    if (value.kind === 'revoked' && typeof value.linkId === 'string') {
      return { kind: 'revoked', linkId: value.linkId };
    }
    if (value.kind === 'storage-failed' && typeof value.cause === 'string') {
      return { kind: 'storage-failed', cause: value.cause };
    }
  } catch {
    // not an event this relay knows
  }
  return null;
}
