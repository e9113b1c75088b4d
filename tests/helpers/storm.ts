import type * as Y from 'yjs';
import type { StockClient } from './client.ts';
import { newClient } from './client.ts';
import type { RelayProcess } from './relay.ts';
import { waitFor } from './wait.ts';

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

/** Waits until every writer has received `more` keys from the others since now. */
export async function untilEachReceives(
  writers: readonly Writer[],
  more: number,
  what: string,
): Promise<void> {
  const before = writers.map((w) => w.receivedFromOthers.size);
  await waitFor(
    () => writers.every((w, i) => w.receivedFromOthers.size >= (before[i] ?? 0) + more),
    { what },
  );
}

/**
 * Kills the relay (SIGKILL) mid-storm and restarts it with the writers offline, so whatever
 * it then has it read from storage; reconnects the writers after. Answers how many keys some
 * writer had received from another (the relay sent them, so they had been committed) and
 * which of them the restarted relay lacks: `missing` must be empty.
 */
export async function killMidStorm(
  relay: RelayProcess,
  mapId: string,
  writers: readonly Writer[],
): Promise<{ mustSurvive: number; missing: string[] }> {
  await relay.kill('SIGKILL');
  // Every frame already in a client's socket buffer was sent by the relay, so it counts.
  await waitFor(() => writers.every((w) => !w.client.provider.wsconnected), {
    what: 'clients to notice the kill',
  });
  for (const w of writers) w.client.provider.disconnect();
  const mustSurvive = new Set<string>();
  for (const w of writers) for (const key of w.receivedFromOthers) mustSurvive.add(key);
  await relay.restart();
  const observer = newClient(relay, mapId);
  await observer.synced();
  const stored = observer.doc.getMap('storm');
  const missing = [...mustSurvive].filter((key) => !stored.has(key));
  observer.destroy();
  for (const w of writers) w.client.provider.connect();
  return { mustSurvive: mustSurvive.size, missing };
}
