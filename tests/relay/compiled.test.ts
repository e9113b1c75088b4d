import { listClaims } from '@warrant/shared';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StockClient } from '../helpers/client.ts';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { buildRelay, newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** The other relay tests run the sources through tsx; production runs the bundle. */
describe('the compiled relay (what npm start runs)', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];
  beforeAll(() => buildRelay(), 60_000);
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
  });

  it('starts from dist/, creates the sample map from the bundled sources and says where it is', async () => {
    relay = await newRelay({ compiled: true });
    const health = await relay.fetch('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const { maps } = (await (await relay.fetch('/api/maps')).json()) as {
      maps: { id: string; title: string }[];
    };
    expect(maps).toHaveLength(1);
    const sample = maps[0]!;
    const welcome = `Warrant is running: open ${relay.httpUrl} — the sample map “${sample.title}” is at ${relay.httpUrl}/maps/${sample.id}`;
    expect(relay.records(welcome)).toHaveLength(1);
    expect(relay.records('listening')[0]).toMatchObject({
      url: relay.httpUrl,
      sampleUrl: `${relay.httpUrl}/maps/${sample.id}`,
    });

    // The sample is open to everyone: a stock client without a token receives all of it.
    const reader = newClient(relay, sample.id);
    clients.push(reader);
    await reader.synced();
    expect(listClaims(reader.doc).length).toBeGreaterThan(10);
  });

  it('syncs a new map between two stock y-websocket clients', async () => {
    relay = await newRelay({ compiled: true });
    const mapId = await relay.createMap('Compiled');
    const a = newClient(relay, mapId);
    const b = newClient(relay, mapId);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('notes').insert(0, 'from a');
    await waitFor(() => b.doc.getText('notes').toString() === 'from a', { what: 'b to see a' });
  });
});
