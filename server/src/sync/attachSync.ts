import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import {
  ACK_PARAM,
  CloseCodes,
  hardMaxPayload,
  Limits,
  SCHEMA_PARAM,
} from '../protocol/constants.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';
import type { Room } from '../rooms/Room.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { WsPeer } from './WsPeer.ts';

export interface SyncOptions {
  rooms: RoomManager;
  metrics: RelayMetrics;
  logger: Logger;
  maxMessageBytes: number;
  /** The schema version this relay's model writes, compared with `?schema=`. */
  schemaVersion: number;
}

export interface SyncEndpoint {
  /** Refuses new connections (503) from now on; open ones carry on. */
  stopAccepting(): void;
  /** Closes every connection still open (going away) and stops the heartbeat. */
  close(): void;
}

const SYNC_PATH = /^\/sync\/([^/?]+)\/?$/;

/**
 * Serves the y-websocket protocol at `/sync/:mapId` on `server`. Each connection is held
 * back (its frames buffered) until its map has loaded, so no sync message is ever sent
 * before the stored state is in memory.
 */
export function attachSync(server: Server, options: SyncOptions): SyncEndpoint {
  const { rooms, metrics, logger, maxMessageBytes, schemaVersion } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hardMaxPayload(maxMessageBytes),
    perMessageDeflate: false,
  });
  let nextId = 0;
  let accepting = true;
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const match = SYNC_PATH.exec(url.pathname);
    if (!match || !accepting) {
      socket.end(`HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      return;
    }
    const mapId = safeDecode(match[1] ?? '');
    const wantsAck = url.searchParams.get(ACK_PARAM) === '1';
    const schema = url.searchParams.get(SCHEMA_PARAM);
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, mapId, wantsAck, schema));
  };
  server.on('upgrade', onUpgrade);

  function connect(ws: WebSocket, mapId: string, wantsAck: boolean, schema: string | null): void {
    const peer = new WsPeer(ws, `c${++nextId}`, wantsAck, () => {
      metrics.rejected.inc(1, { reason: 'SlowConsumer' });
      logger.warn({ mapId, peer: peer.id }, 'closing slow consumer');
      room?.leave(peer);
    });
    const log = logger.child({ mapId, peer: peer.id });
    let room: Room | null = null;
    let early: Uint8Array[] | null = [];
    let earlyBytes = 0;
    alive.add(ws);
    // Read nothing more from the socket until the map has loaded (TCP backpressure); only
    // frames `ws` had already parsed still arrive, and those are buffered within limits.
    ws.pause();

    const reject = (code: CloseCodeName, detail: string) => {
      if (peer.closing) return;
      metrics.rejected.inc(1, { reason: code });
      log.warn({ reason: code, detail }, 'closing connection: bad input');
      room?.leave(peer);
      peer.close(CloseCodes[code]);
    };

    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data, isBinary) => {
      if (peer.closing) return;
      if (!isBinary) return reject('TextFrame', 'text frame');
      const frame = toBytes(data);
      if (frame.byteLength > maxMessageBytes) {
        return reject('MessageTooLarge', `${frame.byteLength} bytes > ${maxMessageBytes}`);
      }
      if (room) return receive(room, frame);
      if (!early) return;
      earlyBytes += frame.byteLength;
      if (early.length >= Limits.maxEarlyMessages || earlyBytes > 2 * maxMessageBytes) {
        return reject('TooManyEarlyMessages', `${early.length} frames before load`);
      }
      early.push(frame);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        metrics.rejected.inc(1, { reason: 'MessageTooBig' });
        log.warn({ reason: 'MessageTooBig' }, 'closing connection: frame past the hard limit');
      } else {
        log.warn({ err: error }, 'connection error');
      }
    });
    ws.on('close', () => {
      peer.closing = true;
      early = null;
      if (room) {
        room.leave(peer);
        rooms.release(room);
      }
    });

    const receive = (target: Room, frame: Uint8Array) => {
      try {
        target.receive(peer, frame);
      } catch (error) {
        // A bug, not bad input: keep the process and every other connection alive.
        log.error({ err: error }, 'failed to handle a frame');
        target.leave(peer);
        peer.close(CloseCodes.InternalError);
      }
    };

    if (schema !== null) {
      const version = /^\d{1,9}$/.test(schema) ? Number(schema) : -1;
      if (version < schemaVersion) return reject('ClientTooOld', `client schema ${schema}`);
      if (version > schemaVersion) return reject('ClientTooNew', `client schema ${schema}`);
    }
    if (!Limits.mapIdPattern.test(mapId)) return reject('MapNotFound', 'invalid map id');
    rooms.acquire(mapId).then(
      (loaded) => {
        if (!loaded) return reject('MapNotFound', `no map ${mapId}`);
        if (peer.closing) return rooms.release(loaded);
        room = loaded;
        room.join(peer);
        const frames = early ?? [];
        early = null;
        for (const frame of frames) receive(room, frame);
        ws.resume();
      },
      (error: unknown) => {
        if (error instanceof MapTooNewError) return reject('MapTooNew', error.message);
        log.error({ err: error }, 'map failed to load');
        peer.close(CloseCodes.InternalError);
      },
    );
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, Limits.pingIntervalMs);
  heartbeat.unref();

  return {
    stopAccepting() {
      accepting = false;
    },
    close() {
      accepting = false;
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) {
        if (ws.readyState === WebSocket.OPEN) {
          ws.close(CloseCodes.GoingAway.code, CloseCodes.GoingAway.reason);
        }
      }
      wss.close();
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
