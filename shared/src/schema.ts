import * as Y from 'yjs';

/**
 * The schema version this build of Warrant writes. Documents carry the version that last
 * migrated them in `meta.schemaVersion`; see MIGRATIONS.md for the contract.
 */
export const SCHEMA_VERSION = 1;

/**
 * Every collection is a top-level named type, so no client ever has to create it: two
 * clients that each `set` a fresh nested type under one key would lose one of them
 * (yjs#483). Records inside collections are created once, by whoever creates the record,
 * under a fresh random id, so that race cannot happen there either.
 */
export function collections(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    claims: new RecordMap(doc.getMap<unknown>('claims')),
    relations: new RecordMap(doc.getMap<unknown>('relations')),
    sources: new RecordMap(doc.getMap<unknown>('sources')),
    passages: doc.getMap<unknown>('passages'),
    evidence: doc.getMap<unknown>('evidence'),
  };
}

/**
 * A collection whose records are `Y.Map`s. Anyone who can write to the relay can put any
 * value under any key (Yjs cannot refuse part of an update), so an entry that is not a
 * `Y.Map` is not a record: it is invisible here, and can never crash a reader.
 */
export class RecordMap {
  constructor(readonly type: Y.Map<unknown>) {}

  get(id: string): Y.Map<unknown> | undefined {
    const v = this.type.get(id);
    return v instanceof Y.Map ? v : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, record: Y.Map<unknown>): void {
    this.type.set(id, record);
  }

  delete(id: string): void {
    this.type.delete(id);
  }

  forEach(fn: (record: Y.Map<unknown>, id: string) => void): void {
    this.type.forEach((v, id) => {
      if (v instanceof Y.Map) fn(v, id);
    });
  }

  get size(): number {
    let n = 0;
    this.forEach(() => n++);
    return n;
  }
}

/** Runs `fn` in one transaction (joining the caller's, so an outer origin is kept). */
export function transact<T>(doc: Y.Doc, fn: () => T): T {
  let result: T | undefined;
  doc.transact(() => {
    result = fn();
  });
  return result as T;
}

let last = 0;

/**
 * Creation time in milliseconds, strictly increasing within this process so that records
 * made in one burst (a cascade, an import, a quick typist) keep their creation order when
 * sorted by time. Ties across replicas are broken by id.
 */
export function now(): number {
  last = Math.max(Date.now(), last + 1);
  return last;
}
