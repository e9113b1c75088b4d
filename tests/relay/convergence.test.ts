import { seededRandom } from '@warrant/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StockClient } from '../helpers/client.ts';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

function content(doc: Y.Doc) {
  return {
    text: doc.getText('t').toString(),
    // Sorted: a Y.Map's key order depends on the order a replica heard of the keys.
    map: Object.entries(doc.getMap('m').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    list: doc.getArray('a').toArray(),
  };
}

/** One random edit, or a disconnect / reconnect, on one client. */
function step(client: StockClient, random: () => number, n: number): void {
  const { doc, provider } = client;
  const r = random();
  if (r < 0.04) {
    if (provider.shouldConnect) provider.disconnect();
    else provider.connect();
    return;
  }
  const text = doc.getText('t');
  if (r < 0.45) {
    text.insert(Math.floor(random() * (text.length + 1)), `${n % 10}`.repeat(1 + (n % 4)));
  } else if (r < 0.6 && text.length > 0) {
    const at = Math.floor(random() * text.length);
    text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 5)));
  } else if (r < 0.8) {
    doc.getMap('m').set(`k${Math.floor(random() * 20)}`, n);
  } else {
    const list = doc.getArray<number>('a');
    if (random() < 0.3 && list.length > 0) list.delete(Math.floor(random() * list.length), 1);
    else list.insert(Math.floor(random() * (list.length + 1)), [n]);
  }
}

describe('random concurrent editing with disconnects', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
  });

  for (const seed of [1, 2]) {
    it(`converges every replica and the stored map (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      relay = await newRelay({ env: { WARRANT_COMPACT_AFTER_UPDATES: '40' } });
      const mapId = await relay.createMap(`convergence ${seed}`);
      for (let i = 0; i < 5; i++) clients.push(newClient(relay, mapId));
      await Promise.all(clients.map((c) => c.synced()));

      for (let n = 0; n < 600; n++) {
        const client = clients[Math.floor(random() * clients.length)];
        if (client) step(client, random, n);
        // Let the network interleave with the edits.
        if (n % 15 === 0) await new Promise((r) => setTimeout(r, 1 + Math.floor(random() * 4)));
      }
      for (const c of clients) c.provider.connect();
      const agreed = () => {
        const first = JSON.stringify(content(clients[0]?.doc ?? new Y.Doc()));
        return clients.every((c) => c.provider.synced && JSON.stringify(content(c.doc)) === first);
      };
      await waitFor(agreed, { what: `replicas to converge (seed ${seed})`, timeoutMs: 60_000 });
      const converged = content(clients[0]?.doc ?? new Y.Doc());

      for (const c of clients) c.provider.disconnect();
      await relay.kill('SIGKILL');
      await relay.restart();
      const observer = newClient(relay, mapId);
      clients.push(observer);
      await observer.synced();
      expect(content(observer.doc)).toEqual(converged);
    });
  }
});
