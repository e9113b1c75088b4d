import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { listClaims } from '@warrant/shared';
import type { RelayProcess } from './relay.ts';
import { waitFor } from './wait.ts';

/** The texts of a doc's claims, sorted: what a client sees of a map, order aside. */
export const claimTexts = (doc: Y.Doc): string[] =>
  listClaims(doc)
    .map((c) => c.text)
    .sort();

export interface StockClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Close events the provider saw, newest last. */
  readonly closes: { code: number; reason: string }[];
  /** Resolves once the provider has synced with the relay. */
  synced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/**
 * The STOCK y-websocket `WebsocketProvider`, with the `ws` package as its WebSocket, exactly
 * as an application would use it. `params` become URL query parameters.
 */
export function newClient(
  relay: RelayProcess,
  mapId: string,
  options: { params?: Record<string, string>; connect?: boolean } = {},
): StockClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(relay.syncUrl, mapId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    // Tests act as the map's owner unless they pass their own token (or `token: ''`).
    params: withToken(relay, mapId, options.params ?? {}),
    connect: options.connect ?? true,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    synced: (timeoutMs = 30_000) =>
      waitFor(() => provider.synced, { timeoutMs, what: `client of ${mapId} to sync` }).then(
        () => undefined,
      ),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * A hand-driven protocol connection for bad-input and acknowledgement tests: sends exactly
 * the bytes it is given and records every frame and the close code.
 */
export class RawClient {
  readonly frames: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.frames.push(new Uint8Array(data)));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => {});
  }

  static async open(relay: RelayProcess, mapId: string, query = ''): Promise<RawClient> {
    // The owner's token is added unless the query names a token of its own.
    const token = relay.tokenFor(mapId);
    const full =
      token && !/[?&]token=/.test(query)
        ? `${query}${query.includes('?') ? '&' : '?'}token=${token}`
        : query;
    const ws = new WebSocket(`${relay.syncUrl}/${mapId}${full}`, { maxPayload: 0 });
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => resolve());
    });
    return client;
  }

  send(frame: Uint8Array | string): void {
    this.ws.send(frame);
  }

  /** Frames whose first varUint (message type) is `type`. */
  framesOfType(type: number): decoding.Decoder[] {
    return this.frames
      .map((f) => decoding.createDecoder(f))
      .filter((d) => decoding.readVarUint(d) === type);
  }

  async closedWith(timeoutMs = 20_000): Promise<{ code: number; reason: string }> {
    return waitFor(() => this.closed, { timeoutMs, what: 'the relay to close the connection' });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A `[type, ...payload]` frame built with lib0, as the protocol encodes messages. */
export function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function withToken(
  relay: RelayProcess,
  mapId: string,
  params: Record<string, string>,
): Record<string, string> {
  if ('token' in params) {
    const { token, ...rest } = params;
    return token ? { ...rest, token } : rest;
  }
  const token = relay.tokenFor(mapId);
  return token ? { ...params, token } : params;
}
