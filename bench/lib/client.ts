import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Target } from './servers.ts';

/** A stock y-websocket client, as any editor would use it. */
export function connectClient(
  target: Target,
  doc: Y.Doc = new Y.Doc(),
): { doc: Y.Doc; provider: WebsocketProvider } {
  const { serverUrl, room, params } = target;
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return { doc, provider };
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 120_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sync timed out')), timeoutMs);
    const onSync = (synced: boolean): void => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

function syncFrame(kind: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * A connection that keeps a room loaded on the server without holding a Y.Doc itself (a
 * hundred stock clients of 1,000-claim maps would measure the benchmark's memory, not the
 * server's). It asks for the whole map, optionally first pushes `seed` into it, and resolves
 * once the server has answered with its sync step 2. Everything it receives is dropped.
 */
export function holdRoom(target: Target, seed?: Uint8Array): Promise<{ close(): void }> {
  const query = new URLSearchParams(target.params ?? {}).toString();
  const ws = new WebSocket(`${target.serverUrl}/${target.room}${query ? `?${query}` : ''}`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('room never answered')), 120_000);
    ws.on('error', reject);
    ws.on('open', () => {
      if (seed) ws.send(syncFrame(SYNC_UPDATE, seed));
      ws.send(syncFrame(SYNC_STEP_1, Y.encodeStateVector(new Y.Doc())));
    });
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MESSAGE_SYNC) return;
      if (decoding.readVarUint(d) !== SYNC_STEP_2) return;
      clearTimeout(timer);
      resolve({ close: () => ws.close() });
    });
  });
}
