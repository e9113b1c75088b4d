import type * as Y from 'yjs';
import { collections } from './schema.ts';

/** The model's top-level types: what a `Y.UndoManager` for one person should track. */
export function modelTypes(doc: Y.Doc): Y.AbstractType<unknown>[] {
  const c = collections(doc);
  return [
    c.meta,
    c.claims.type,
    c.relations.type,
    c.sources.type,
    c.passages,
    c.evidence,
  ] as Y.AbstractType<unknown>[];
}

/**
 * Calls `onChange` once after every transaction that changed the map (local or remote), with
 * the transaction's origin, so views can refresh without knowing the document's keys.
 * Returns the unsubscribe function.
 */
export function observeMap(doc: Y.Doc, onChange: (origin: unknown) => void): () => void {
  const types = new Set<unknown>(modelTypes(doc));
  const handler = (tr: Y.Transaction): void => {
    for (const type of tr.changedParentTypes.keys()) {
      if (types.has(type)) {
        onChange(tr.origin);
        return;
      }
    }
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
