import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import type { Access, Layer } from '../auth/access.ts';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import {
  ACK_PARAM,
  CloseCodes,
  GRANT_PARAM,
  hardMaxPayload,
  Limits,
  SCHEMA_PARAM,
  TOKEN_PARAM,
} from '../protocol/constants.ts';
import { encodeGrant } from '../protocol/messages.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';
import type { Room } from '../rooms/Room.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import type { StoredMap } from '../storage/Storage.ts';
import { ColdAnswer } from './ColdAnswer.ts';
import { RateLimiter } from './RateLimiter.ts';
import { WsPeer } from './WsPeer.ts';

export interface SyncOptions {
  rooms: RoomManager;
  /** The maps' review documents, served at `/sync/:mapId/review` (see `REVIEW_ROOM_SUFFIX`). */
  reviewRooms: RoomManager;
  /** The review schema version, compared with `?schema=` on a review room. */
  reviewSchemaVersion: number;
  metrics: RelayMetrics;
  logger: Logger;
  maxMessageBytes: number;
  /** The schema version this relay's model writes, compared with `?schema=`. */
  schemaVersion: number;
  /** What a connection's token (or its absence) may do on that map: the relay's `roleFor`. */
  access(mapId: string, token: string | null, layer: Layer): Promise<Access>;
  /** Per-connection limits; exceeding either closes the connection (`RateLimited`). */
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  /**
   * The map as stored, if it may be sent to a client as it is while its room loads
   * (`storedAsIs`); null if not. Without it, every client waits for the room.
   */
  storedAsIs?(mapId: string, layer: Layer): Promise<StoredMap | null>;
}

export interface SyncEndpoint {
  /** Refuses new connections (503) from now on; open ones carry on. */
  stopAccepting(): void;
  /** Closes every connection opened with that share link (it was revoked). */
  closeLink(linkId: string): number;
  /** Closes every connection still open (going away) and stops the heartbeat. */
  close(): void;
}

/** `/sync/<mapId>`, or `/sync/<mapId>/review` for the map's review document. */
const SYNC_PATH = /^\/sync\/([^/?]+)(\/review)?\/?$/;

/**
 * Serves the y-websocket protocol at `/sync/:mapId` (the map) and `/sync/:mapId/review` (its
 * review document) on `server`. Both check the token the same way (`access`); each room's
 * own write rule decides what a role may write. Each connection is held back (its frames
 * buffered) until its document has loaded, so no sync message is ever sent before the
 * stored state is in memory.
 */
export function attachSync(server: Server, options: SyncOptions): SyncEndpoint {
  const { metrics, logger, maxMessageBytes, access } = options;
  const managers: Record<Layer, RoomManager> = { map: options.rooms, review: options.reviewRooms };
  const versions: Record<Layer, number> = {
    map: options.schemaVersion,
    review: options.reviewSchemaVersion,
  };
  /** Open connections by the share link that opened them, so revoking one closes them. */
  const byLink = new Map<string, Set<WsPeer>>();
  /**
   * Links revoked since this process started. A connection whose token was checked just
   * before its link was revoked is registered only afterwards; it must not slip through.
   */
  const revoked = new Set<string>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hardMaxPayload(maxMessageBytes),
    perMessageDeflate: false,
  });
  let nextId = 0;
  let accepting = true;
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://relay');
    } catch {
      // e.g. `GET //[`: not a path at all.
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const match = SYNC_PATH.exec(url.pathname);
    if (!match || !accepting) {
      socket.end(`HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      return;
    }
    const mapId = safeDecode(match[1] ?? '');
    const layer: Layer = match[2] ? 'review' : 'map';
    const wantsAck = url.searchParams.get(ACK_PARAM) === '1';
    const wantsGrant = url.searchParams.get(GRANT_PARAM) === '1';
    const schema = url.searchParams.get(SCHEMA_PARAM);
    const token = url.searchParams.get(TOKEN_PARAM);
    // The token is checked after the upgrade so the refusal is a named close code the client
    // can show; nothing of the map is loaded or sent before it passes.
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.pause();
      const checked = Limits.mapIdPattern.test(mapId)
        ? access(mapId, token, layer)
        : Promise.resolve<Access>({ granted: false, why: 'no-map' });
      checked.then(
        (decided) => connect(ws, mapId, layer, { wantsAck, wantsGrant }, schema, decided),
        (error: unknown) => {
          logger.error({ err: error, mapId }, 'authorization failed');
          ws.close(CloseCodes.InternalError.code, CloseCodes.InternalError.reason);
        },
      );
    });
  };
  server.on('upgrade', onUpgrade);

  function connect(
    ws: WebSocket,
    mapId: string,
    layer: Layer,
    asked: { wantsAck: boolean; wantsGrant: boolean },
    schema: string | null,
    decided: Access,
  ): void {
    const rooms = managers[layer];
    const schemaVersion = versions[layer];
    const grant = decided.granted ? decided : null;
    const peer = new WsPeer(
      ws,
      `c${++nextId}`,
      grant?.role ?? 'viewer',
      grant?.linkId ?? null,
      asked.wantsAck,
      () => {
        metrics.rejected.inc(1, { reason: 'SlowConsumer' });
        logger.warn({ mapId, peer: peer.id }, 'closing slow consumer');
        room?.leave(peer);
      },
    );
    const log = logger.child({ mapId, layer, peer: peer.id });
    let room: Room | null = null;
    let early: Uint8Array[] | null = [];
    let earlyBytes = 0;
    alive.add(ws);
    // A client that holds nothing is answered from storage while the room loads.
    const { storedAsIs } = options;
    const cold = storedAsIs
      ? new ColdAnswer(
          () => storedAsIs(mapId, layer),
          (frame) => peer.send(frame),
          (error) => log.warn({ err: error }, 'could not answer from storage; the room will'),
        )
      : null;
    // Without that, read nothing more from the socket until the map has loaded (TCP
    // backpressure); only frames `ws` had already parsed still arrive. Either way, frames
    // before the load are buffered within limits (`Limits.maxEarlyMessages`).
    if (!cold) ws.pause();

    const reject = (code: CloseCodeName, detail: string) => {
      if (peer.closing) return;
      metrics.rejected.inc(1, { reason: code });
      log.warn({ reason: code, detail }, 'closing connection: bad input');
      room?.leave(peer);
      peer.close(CloseCodes[code]);
    };

    // Bursts of two seconds' worth, but never less than one frame of the largest size
    // allowed (a first sync of a big map arrives as one frame).
    const limiter = new RateLimiter(
      options.maxMessagesPerSecond,
      options.maxBytesPerSecond,
      Math.max(maxMessageBytes, 2 * options.maxBytesPerSecond),
    );
    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data, isBinary) => {
      if (peer.closing) return;
      if (!isBinary) return reject('TextFrame', 'text frame');
      const frame = toBytes(data);
      if (!limiter.take(frame.byteLength)) {
        return reject('RateLimited', `${limiter.describe()} exceeded`);
      }
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
      cold?.offer(frame);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // `ws` closes with CloseCodes.MessageTooBig itself; counted under that name.
        const reason: CloseCodeName = 'MessageTooBig';
        metrics.rejected.inc(1, { reason });
        log.warn({ reason }, 'closing connection: frame past the hard limit');
      } else {
        log.warn({ err: error }, 'connection error');
      }
    });
    ws.on('close', () => {
      peer.closing = true;
      early = null;
      if (peer.linkId) byLink.get(peer.linkId)?.delete(peer);
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
    if (!decided.granted) {
      if (decided.why === 'no-map') return reject('MapNotFound', `no map ${mapId}`);
      if (decided.why === 'not-released') return reject('FeedbackNotReleased', decided.why);
      return reject('Unauthorized', decided.why);
    }
    if (peer.linkId && revoked.has(peer.linkId)) {
      metrics.rejected.inc(1, { reason: 'LinkRevoked' });
      log.info('refused a connection whose share link was revoked while it was checked');
      return peer.close(CloseCodes.LinkRevoked);
    }
    if (peer.linkId) {
      const open = byLink.get(peer.linkId) ?? new Set<WsPeer>();
      open.add(peer);
      byLink.set(peer.linkId, open);
    }
    if (!Limits.mapIdPattern.test(mapId)) return reject('MapNotFound', 'invalid map id');
    // The grant goes first, before the map loads: by the time the client has synced it knows
    // what it may do, from the same check that decided it.
    if (asked.wantsGrant) peer.send(encodeGrant(decided.role));
    if (cold) ws.resume();
    rooms.acquire(mapId).then(
      async (loaded) => {
        if (!loaded) return reject('MapNotFound', `no map ${mapId}`);
        // An answer from storage under way goes out before anything of the room's.
        await cold?.settle();
        if (peer.closing) return rooms.release(loaded);
        room = loaded;
        room.join(peer);
        const frames = early ?? [];
        early = null;
        for (const frame of frames) receive(room, cold ? cold.replace(frame) : frame);
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
    closeLink(linkId) {
      revoked.add(linkId);
      const open = [...(byLink.get(linkId) ?? [])];
      byLink.delete(linkId);
      for (const peer of open) {
        logger.info({ peer: peer.id }, 'closing a connection whose share link was revoked');
        peer.close(CloseCodes.LinkRevoked);
      }
      return open.length;
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
