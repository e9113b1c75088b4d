import * as Y from 'yjs';
import { Origin } from './origins.ts';

/**
 * Rebuilds a stored map: the snapshot, then each log entry. An entry Yjs throws on (it
 * should never be stored, but a relay older than this check could have) is skipped and
 * reported, and the doc rebuilt without it, since a throwing apply can leave it broken.
 */
export function rebuildDoc(
  stored: { snapshot: Uint8Array; updates: readonly Uint8Array[] },
  onSkipped: (index: number, error: unknown) => void,
): Y.Doc {
  const build = (updates: readonly Uint8Array[]): Y.Doc => {
    const doc = new Y.Doc();
    doc.transact(() => {
      Y.applyUpdate(doc, stored.snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    }, Origin.Load);
    return doc;
  };
  try {
    return build(stored.updates);
  } catch {
    // Find the entries that throw, one at a time (only ever on a damaged log).
  }
  const good: Uint8Array[] = [];
  let doc = build([]);
  stored.updates.forEach((update, index) => {
    try {
      doc.transact(() => Y.applyUpdate(doc, update), Origin.Load);
      good.push(update);
    } catch (error) {
      onSkipped(index, error);
      doc.destroy();
      doc = build(good);
    }
  });
  return doc;
}
