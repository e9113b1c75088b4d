import * as idb from 'lib0/indexeddb';
import { storeState, type IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { whenIdle } from '../state/whenIdle.ts';

/**
 * Above this many stored updates, the device copy is rewritten as one once the map has
 * loaded. y-indexeddb itself waits for 500: a copy read as hundreds of small updates (every
 * keystroke of the last visits) costs more to apply than one, on the way to the map.
 */
export const COMPACT_ABOVE = 20;

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => void;

/**
 * Loading the device copy applies the whole map in one transaction, and Yjs encodes every
 * transaction again for whoever listens to the doc's updates: the socket's provider (to send
 * it), the "Saved" tracker, and the device copy itself (which skips its own). For a large map
 * that is a third of the load. While the socket is not open, nothing of it could be sent: the
 * provider's first exchange with the relay sends whatever the relay lacks, device copy
 * included. So a load that happens before the socket opens is applied with nobody listening,
 * and `afterwards` runs once it is done (the "Saved" tracker's recount). Once the copy has
 * loaded, a copy stored as many updates is compacted into one, when the page is idle.
 *
 * `listeners`: the doc's `update` listeners to hold while the copy loads.
 */
export function loadDeviceCopyQuietly(
  doc: Y.Doc,
  persistence: IndexeddbPersistence,
  provider: WebsocketProvider,
  listeners: readonly UpdateListener[],
  afterwards: () => void,
): () => void {
  let held = false;
  const before = (tr: Y.Transaction) => {
    if (tr.origin !== persistence || provider.wsconnected || held) return;
    held = true;
    for (const listener of listeners) doc.off('update', listener);
  };
  const after = () => {
    if (!held) return;
    held = false;
    for (const listener of listeners) doc.on('update', listener);
    afterwards();
  };
  doc.on('beforeTransaction', before);
  doc.on('afterAllTransactions', after);
  let cancelCompaction = () => {};
  const stop = () => {
    doc.off('beforeTransaction', before);
    doc.off('afterAllTransactions', after);
  };
  void persistence.whenSynced.then(() => {
    stop();
    cancelCompaction = whenIdle(() => void compact(persistence), 5000);
  });
  return () => {
    stop();
    cancelCompaction();
    after();
  };
}

/** Rewrites the device copy as one update when it is stored as more than `COMPACT_ABOVE`. */
async function compact(persistence: IndexeddbPersistence): Promise<void> {
  if (persistence._destroyed || !persistence.db) return;
  const [updates] = idb.transact(persistence.db, ['updates'], 'readonly');
  if (!updates) return;
  const stored = (await idb.count(updates)) as number;
  if (stored > COMPACT_ABOVE && !persistence._destroyed) await storeState(persistence, true);
}
