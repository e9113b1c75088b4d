import * as Y from 'yjs';

/**
 * The one place the relay reaches into Yjs internals: the doc store's `pendingStructs` and
 * `pendingDs`, where Yjs parks updates whose dependencies have not arrived. Yjs exposes no
 * API for them, so every read and write of those fields lives here, with its tests.
 */

/** Bytes of updates the doc holds but could not integrate yet (missing dependencies). */
export function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

/**
 * Forgets what is waiting on missing dependencies. Safe because it was never integrated,
 * stored or broadcast: dropping it loses nothing anyone saw.
 */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

/**
 * The doc as one update (the difference from `stateVector`, if given), without pending
 * structs: those are not accepted, let alone stored. They stay pending in the doc.
 */
export function encodeIntegrated(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
