import type * as Y from 'yjs';

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
    claims: doc.getMap<Y.Map<unknown>>('claims'),
    relations: doc.getMap<Y.Map<unknown>>('relations'),
    sources: doc.getMap<Y.Map<unknown>>('sources'),
    passages: doc.getMap<unknown>('passages'),
    evidence: doc.getMap<unknown>('evidence'),
  };
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
