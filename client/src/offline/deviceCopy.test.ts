import { describe, expect, it } from 'vitest';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadDeviceCopyQuietly } from './deviceCopy.ts';

/** A map's update, as the device copy would hold it. */
function mapUpdate(): Uint8Array {
  const source = new Y.Doc();
  source.getMap('claims').set('c1', 'A claim');
  return Y.encodeStateAsUpdate(source);
}

/** Just what `loadDeviceCopyQuietly` reads of the persistence and the provider. */
function setup(wsconnected: boolean) {
  const doc = new Y.Doc();
  let synced = () => {};
  const persistence = {
    whenSynced: new Promise<void>((resolve) => (synced = resolve)),
    _destroyed: false,
    db: null,
  } as unknown as IndexeddbPersistence;
  const provider = { wsconnected } as WebsocketProvider;
  const heard: unknown[] = [];
  const listener = (_update: Uint8Array, origin: unknown) => heard.push(origin);
  doc.on('update', listener);
  let recounts = 0;
  const stop = loadDeviceCopyQuietly(doc, persistence, provider, [listener], () => recounts++);
  const load = () => Y.transact(doc, () => Y.applyUpdate(doc, mapUpdate()), persistence, false);
  return { doc, persistence, heard, load, synced, stop, recounts: () => recounts };
}

describe('loading the device copy', () => {
  it('applies it with nobody listening while the socket is not open, then listens again', () => {
    const s = setup(false);
    s.load();
    expect(s.doc.getMap('claims').get('c1')).toBe('A claim');
    expect(s.heard).toEqual([]);
    expect(s.recounts()).toBe(1);
    // Later edits are heard as before.
    s.doc.transact(() => s.doc.getMap('claims').set('c2', 'Typed later'), 'me');
    expect(s.heard).toEqual(['me']);
  });

  it('lets the provider hear it when the socket is already open (the relay may lack it)', () => {
    const s = setup(true);
    s.load();
    expect(s.heard).toEqual([s.persistence]);
    expect(s.recounts()).toBe(0);
  });

  it('holds nothing once the copy has loaded, or once stopped', async () => {
    const s = setup(false);
    s.synced();
    await Promise.resolve();
    await Promise.resolve();
    s.load();
    expect(s.heard).toEqual([s.persistence]);
    const t = setup(false);
    t.stop();
    t.load();
    expect(t.heard).toEqual([t.persistence]);
  });
});
