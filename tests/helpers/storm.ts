import type * as Y from 'yjs';
import type { StockClient } from './client.ts';
import { newClient } from './client.ts';
import type { RelayProcess } from './relay.ts';

/** A stock client that keeps writing `${index}:${n}` keys and records what others sent it. */
export interface Writer {
  readonly index: number;
  readonly client: StockClient;
  /** Keys written by OTHER writers that reached this client through the relay. */
  readonly receivedFromOthers: Set<string>;
  written: number;
  stop(): void;
}

export function startWriter(relay: RelayProcess, mapId: string, index: number): Writer {
  const client = newClient(relay, mapId);
  const storm: Y.Map<number> = client.doc.getMap('storm');
  const receivedFromOthers = new Set<string>();
  storm.observe((event) => {
    if (event.transaction.origin !== client.provider) return;
    for (const key of event.keysChanged) {
      if (!key.startsWith(`${index}:`)) receivedFromOthers.add(key);
    }
  });
  const writer: Writer = {
    index,
    client,
    receivedFromOthers,
    written: 0,
    stop: () => clearInterval(timer),
  };
  // Keeps writing whether or not the relay is up, as a person typing offline would.
  const timer = setInterval(() => {
    const burst = 1 + (writer.written % 3);
    client.doc.transact(() => {
      for (let i = 0; i < burst; i++) storm.set(`${index}:${writer.written++}`, writer.written);
    });
  }, 2);
  return writer;
}
