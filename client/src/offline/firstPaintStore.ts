import * as idb from 'lib0/indexeddb';
import type { FirstPaintRecord } from './firstPaintRecord.ts';

/**
 * Where first-paint records live: one small IndexedDB database beside the maps' own
 * (`warrant-map-<id>`, y-indexeddb's), one record per map, so re-opening a map reads one
 * small value rather than the map. Its own database: opening it never waits on, or
 * upgrades, a map's.
 */
const DB_NAME = 'warrant-first-paint';
const STORE = 'pictures';

/** The records, as a store: IndexedDB in the page, a map in tests. */
export interface FirstPaintStore {
  /** The value stored for the map (not yet checked: see `firstPaintFor`), or undefined. */
  read(mapId: string): Promise<unknown>;
  write(record: FirstPaintRecord): Promise<void>;
}

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= idb.openDB(DB_NAME, (db) => idb.createStores(db, [[STORE]]));
  // A failed open (private mode, storage full) is tried again next time.
  opened.catch(() => (opened = null));
  return opened;
}

/** The records in this browser's IndexedDB. */
export const deviceFirstPaints: FirstPaintStore = {
  async read(mapId) {
    const db = await open();
    const [store] = idb.transact(db, [STORE], 'readonly');
    return (await idb.rtop(store!.get(mapId))) as unknown;
  },
  async write(record) {
    const db = await open();
    const [store] = idb.transact(db, [STORE]);
    await idb.rtop(store!.put(record, record.mapId));
  },
};
