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
