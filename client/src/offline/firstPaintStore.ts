import type { FirstPaintRecord } from './firstPaintRecord.ts';

/**
 * Where first-paint records live: localStorage, one entry per map, for the few maps opened
 * last. Not IndexedDB beside the map's own copy: the whole point is to show the picture
 * before anything else is read, and localStorage answers synchronously, so the picture can
 * be drawn by the first script of the page, in the same task, before the app's own code has
 * even been evaluated. IndexedDB needs a database opened and a round trip to the browser
 * process first (100–500 ms on a busy machine, measured). A picture is tens of kilobytes;
 * keeping `MAX_KEPT` of them stays far inside the origin's few megabytes.
 */
const PREFIX = 'warrant.firstPaint.';
/** The maps whose pictures are kept, most recently written first. */
const INDEX = 'warrant.firstPaints';
export const MAX_KEPT = 8;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function kept(storage: Storage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(INDEX) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The value stored for the map: not yet checked (see `firstPaintFor`); undefined when there
 * is none or it is not JSON.
 */
export function readFirstPaint(
  mapId: string,
  storage: Storage | null = globalThis.localStorage ?? null,
): unknown {
  try {
    const raw = storage?.getItem(PREFIX + mapId);
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the record as its map's picture, and the pictures of the `MAX_KEPT` maps written
 * last. Storage that is full or refuses it keeps no picture for this map: opening it is only
 * slower, never wrong. Returns whether it was kept.
 */
export function writeFirstPaint(
  record: FirstPaintRecord,
  storage: Storage | null = globalThis.localStorage ?? null,
): boolean {
  if (!storage) return false;
  const ids = [record.mapId, ...kept(storage).filter((id) => id !== record.mapId)];
  for (const gone of ids.splice(MAX_KEPT)) storage.removeItem(PREFIX + gone);
  const value = JSON.stringify(record);
  // Full: make room by dropping the oldest pictures, then give up.
  for (;;) {
    try {
      storage.setItem(PREFIX + record.mapId, value);
      storage.setItem(INDEX, JSON.stringify(ids));
      return true;
    } catch {
      const oldest = ids.length > 1 ? ids.pop() : undefined;
      if (oldest === undefined) {
        storage.removeItem(PREFIX + record.mapId);
        try {
          storage.setItem(INDEX, JSON.stringify(ids.slice(1)));
        } catch {
          // The index names a picture no longer there: reading it finds none.
        }
        return false;
      }
      storage.removeItem(PREFIX + oldest);
    }
  }
}
