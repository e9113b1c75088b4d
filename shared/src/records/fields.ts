import * as Y from 'yjs';

/**
 * Typed reads of record fields. Records are validated on write, so a wrong type here means a
 * document from a foreign writer; readers fall back to an empty value rather than throw, and
 * queries skip records that lack what they need.
 */
export function str(record: Y.Map<unknown>, key: string): string {
  const v = record.get(key);
  return typeof v === 'string' ? v : '';
}

export function num(record: Y.Map<unknown>, key: string): number {
  const v = record.get(key);
  return typeof v === 'number' ? v : 0;
}

export function ymap<T>(record: Y.Map<unknown>, key: string): Y.Map<T> | undefined {
  const v = record.get(key);
  return v instanceof Y.Map ? (v as Y.Map<T>) : undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Orders records the same way on every replica: by creation time, then id. */
export function byCreation<T extends { id: string; createdAt: number }>(a: T, b: T): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Sorts `records` in place by `byCreation` and returns them. Checks the order first: records
 * read from a synced map usually come in creation order already, and checking is one cheap
 * pass where sorting 10,000 records is thousands of comparisons.
 */
export function sortByCreation<T extends { id: string; createdAt: number }>(records: T[]): T[] {
  for (let i = 1; i < records.length; i++) {
    if (byCreation(records[i - 1] as T, records[i] as T) > 0) return records.sort(byCreation);
  }
  return records;
}
