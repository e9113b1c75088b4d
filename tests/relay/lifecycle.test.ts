import { CloseCodes, MessageType, SqliteStorage, SyncMessageType } from '@warrant/server';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StockClient } from '../helpers/client.ts';
import { frame, newClient, RawClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

async function storedLogLength(relay: RelayProcess, mapId: string): Promise<number> {
  const storage = new SqliteStorage(join(relay.dataDir, 'warrant.db'));
  try {
    const stored = await storage.load(mapId);
    return stored?.updates.length ?? -1;
  } finally {
    await storage.close();
  }
}

describe('map lifecycle', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
  });

  it('unloads idle maps after compacting them, and loads them again intact', async () => {
    relay = await newRelay({ env: { WARRANT_UNLOAD_AFTER_MS: '300' } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await relay.createMap(`map ${i}`));
    for (const id of ids) clients.push(newClient(relay, id));
    await Promise.all(clients.map((c) => c.synced()));
    clients.forEach((c, i) => {
      for (let k = 0; k < 20; k++) c.doc.getText('body').insert(0, `${i}:${k} `.repeat(200));
    });
    await waitFor(async () => (await relay.metric('warrant_updates_persisted_total')) >= 12 * 20, {
      what: 'every edit to be committed',
    });
    expect(await relay.metric('warrant_loaded_maps')).toBe(12);
    expect(await relay.metric('warrant_connections')).toBe(12);
    const expected = clients.map((c) => c.doc.getText('body').toString());

    for (const c of clients.splice(0)) c.destroy();
    await waitFor(async () => (await relay.metric('warrant_loaded_maps')) === 0, {
      what: 'idle maps to unload',
    });
    expect(await relay.metric('warrant_connections')).toBe(0);
    expect(await relay.metric('warrant_map_unloads_total')).toBe(12);
    // Unloading folded each map's log into its snapshot.
    for (const id of ids) expect(await storedLogLength(relay, id)).toBe(0);

    const again = ids.map((id) => newClient(relay, id));
    clients.push(...again);
    await Promise.all(again.map((c) => c.synced()));
    expect(again.map((c) => c.doc.getText('body').toString())).toEqual(expected);
    expect(await relay.metric('warrant_loaded_maps')).toBe(12);
  });

  it('never unloads a map with a write in flight', async () => {
    relay = await newRelay({ env: { WARRANT_UNLOAD_AFTER_MS: '0' } });
    const mapId = await relay.createMap();
    for (let round = 0; round < 5; round++) {
      const raw = await RawClient.open(relay, mapId);
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array) =>
        raw.send(
          frame((e) => {
            encoding.writeVarUint(e, MessageType.Sync);
            encoding.writeVarUint(e, SyncMessageType.Update);
            encoding.writeVarUint8Array(e, update);
          }),
        ),
      );
      for (let i = 0; i < 100; i++) doc.getArray<number>(`round${round}`).push([i]);
      // A clean close: the relay reads every frame, then the map goes idle at once.
      raw.ws.close();
      await raw.closedWith();
    }
    await waitFor(async () => (await relay.metric('warrant_loaded_maps')) === 0);
    const check = newClient(relay, mapId);
    clients.push(check);
    await check.synced();
    for (let round = 0; round < 5; round++) {
      expect(check.doc.getArray(`round${round}`).length, `round ${round}`).toBe(100);
    }
  });

  it('on SIGTERM flushes, closes every socket with going-away, and exits 0', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap();
    const a = newClient(relay, mapId);
    const b = newClient(relay, mapId);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 300; i++) a.doc.getMap('m').set(String(i), i);
    await waitFor(() => b.doc.getMap('m').size === 300, { what: 'b to receive every edit' });
    // Edits still in flight when the signal lands must be flushed too.
    for (let i = 300; i < 400; i++) a.doc.getMap('m').set(String(i), i);
    const code = await relay.kill('SIGTERM');
    expect(code).toBe(0);
    expect(relay.records('stopped cleanly')).toHaveLength(1);
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0);
    expect(a.closes[0]?.code).toBe(CloseCodes.GoingAway.code);
    expect(b.closes[0]?.code).toBe(CloseCodes.GoingAway.code);

    for (const c of clients) c.provider.disconnect();
    await relay.restart();
    const check = newClient(relay, mapId);
    clients.push(check);
    await check.synced();
    expect(check.doc.getMap('m').size).toBeGreaterThanOrEqual(300);
    // The stock clients resend anything the relay did not get before it went away.
    a.provider.connect();
    await waitFor(() => check.doc.getMap('m').size === 400);
  });
});
