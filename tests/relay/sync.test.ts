import { CloseCodes } from '@warrant/server';
import { readMeta, SCHEMA_VERSION } from '@warrant/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { StockClient } from '../helpers/client.ts';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

describe('sync with stock y-websocket clients', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];
  const client = (mapId: string, params?: Record<string, string>) => {
    const c = newClient(relay, mapId, { params });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
  });

  it('syncs a map created through the API, its metadata included, between two clients', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap('Seminar 3');
    const a = client(mapId);
    const b = client(mapId);
    await Promise.all([a.synced(), b.synced()]);
    expect(readMeta(a.doc).title).toBe('Seminar 3');
    a.doc.getText('notes').insert(0, 'from a');
    await waitFor(() => b.doc.getText('notes').toString() === 'from a', { what: 'b to see a' });
    b.doc.getText('notes').insert(6, ', and b');
    await waitFor(() => a.doc.getText('notes').toString() === 'from a, and b');
  });

  it('gives a late joiner everything, and keeps it across a clean restart', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap();
    const a = client(mapId);
    await a.synced();
    for (let i = 0; i < 50; i++) a.doc.getArray<number>('xs').push([i]);
    const late = client(mapId);
    await waitFor(() => late.doc.getArray('xs').length === 50, { what: 'late joiner' });

    for (const c of clients.splice(0)) c.destroy();
    await relay.restart();
    const after = client(mapId);
    await after.synced();
    expect(after.doc.getArray('xs').toArray()).toEqual([...Array(50).keys()]);
  });

  it('relays awareness (presence) between clients and withdraws it when one leaves', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap();
    const a = client(mapId);
    const b = client(mapId);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const aId = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user?.name === 'Ada', {
      what: 'awareness to arrive',
    });
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), {
      what: 'awareness to be withdrawn',
    });
  });

  it('keeps separate maps separate', async () => {
    relay = await newRelay();
    const [m1, m2] = [await relay.createMap('one'), await relay.createMap('two')];
    const a = client(m1);
    const b = client(m2);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('t').insert(0, 'only in one');
    const a2 = client(m1);
    await waitFor(() => a2.doc.getText('t').toString() === 'only in one');
    expect(b.doc.getText('t').toString()).toBe('');
    expect(readMeta(b.doc).title).toBe('two');
  });

  it('refuses a client whose schema is older (permanently) or newer (until upgraded)', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap();
    const current = client(mapId, { schema: String(SCHEMA_VERSION) });
    await current.synced();

    const old = client(mapId, { schema: String(SCHEMA_VERSION - 1) });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      old.provider.on('closed', (event) => resolve(event)),
    );
    expect(await closed).toEqual(CloseCodes.ClientTooOld);
    expect(old.provider.shouldConnect).toBe(false);

    const future = client(mapId, { schema: String(SCHEMA_VERSION + 1) });
    await waitFor(() => future.closes.length >= 2, { what: 'the newer client to retry' });
    expect(future.closes[0]).toEqual(CloseCodes.ClientTooNew);
    expect(future.provider.shouldConnect).toBe(true);
    expect(future.provider.synced).toBe(false);
  });
});
