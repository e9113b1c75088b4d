import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { generatedMap } from '@warrant/fixtures';
import { exportMap, readMeta, SCHEMA_VERSION } from '@warrant/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frame, newClient, RawClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** The sync frames a connection received, as `step1`, `step2` or `update`, in order. */
function syncKinds(raw: RawClient): string[] {
  return raw.frames.flatMap((f) => {
    const d = decoding.createDecoder(f);
    if (decoding.readVarUint(d) !== 0) return [];
    return [['step1', 'step2', 'update'][decoding.readVarUint(d)] ?? 'unknown'];
  });
}

/** Applies every sync step 2 and update a connection received to a fresh doc. */
function docFrom(raw: RawClient): Y.Doc {
  const doc = new Y.Doc();
  for (const f of raw.frames) {
    const d = decoding.createDecoder(f);
    if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) === 0) continue;
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
  return doc;
}

const step1Of = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

describe('a new client of a map that is not loaded', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];
  const raws: RawClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const r of raws.splice(0)) r.close();
    await relay?.dispose();
  });
  const open = async (mapId: string) => {
    const raw = await RawClient.open(relay, mapId, `?schema=${SCHEMA_VERSION}`);
    raws.push(raw);
    return raw;
  };

  it('gets the map from storage before the room has loaded (its step 2 before the room’s step 1)', async () => {
    relay = await newRelay();
    // Big enough that building its doc takes far longer than reading it from storage.
    const res = await relay.fetch('/api/maps/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...exportMap(generatedMap({ claims: 2000 })), title: 'Cold open' }),
    });
    const { id: mapId } = (await res.json()) as { id: string };
    const raw = await open(mapId);
    raw.send(step1Of(new Y.Doc()));
    await waitFor(() => syncKinds(raw).filter((k) => k.startsWith('step')).length >= 2, {
      what: 'both sync steps',
    });
    const kinds = syncKinds(raw);
    expect(kinds.indexOf('step2')).toBeLessThan(kinds.indexOf('step1'));
    expect(readMeta(docFrom(raw)).title).toBe('Cold open');
  });

  it('is answered by the room once the map is loaded', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap('Warm open');
    const holder = newClient(relay, mapId);
    clients.push(holder);
    await holder.synced();
    const raw = await open(mapId);
    raw.send(step1Of(new Y.Doc()));
    await waitFor(() => syncKinds(raw).includes('step2'), { what: 'step 2' });
    const kinds = syncKinds(raw);
    expect(kinds.indexOf('step1')).toBeLessThan(kinds.indexOf('step2'));
    expect(readMeta(docFrom(raw)).title).toBe('Warm open');
  });

  it('syncs stock clients answered from storage, and their edits, both ways', async () => {
    relay = await newRelay({ env: { WARRANT_UNLOAD_AFTER_MS: '50' } });
    const mapId = await relay.createMap('Stock');
    const a = newClient(relay, mapId);
    clients.push(a);
    await a.synced();
    const witness = newClient(relay, mapId);
    clients.push(witness);
    await witness.synced();
    a.doc.getText('notes').insert(0, 'written before the map was unloaded');
    await waitFor(() => witness.doc.getText('notes').length > 0, { what: 'the edit committed' });
    a.destroy();
    witness.destroy();
    // The map unloads once nobody holds it; the next clients find it cold.
    await waitFor(async () => (await relay.metric('warrant_loaded_maps')) === 0, {
      what: 'the map unloaded',
    });
    const b = newClient(relay, mapId);
    const c = newClient(relay, mapId);
    clients.push(b, c);
    await Promise.all([b.synced(), c.synced()]);
    await waitFor(
      () => b.doc.getText('notes').toString() === 'written before the map was unloaded',
      { what: 'b to see the stored edit' },
    );
    b.doc.getText('notes').insert(0, '> ');
    await waitFor(() => c.doc.getText('notes').toString().startsWith('> written'), {
      what: 'c to see b',
    });
  });
});
