import * as Y from 'yjs';
import type { MapModel } from '../rooms/MapModel.ts';

/**
 * Versions loaded as docs, the few most recently used kept. A version never changes, and
 * loading a 10,000-claim snapshot costs about a second of the event loop, which every
 * automatic version (diffed against the newest) and every "Compare with now" would pay
 * again. Docs handed out are read, never written; one dropped from the cache is left to the
 * garbage collector rather than destroyed, since a caller may still be reading it.
 */
export class VersionDocs {
  private readonly docs = new Map<string, { doc: Promise<Y.Doc>; used: number }>();

  constructor(
    private readonly model: MapModel,
    private readonly keep = 4,
    private readonly maxAgeMs = 5 * 60_000,
  ) {}

  /** The version's doc, migrated as a loaded map would be; `snapshot` loads it on a miss. */
  get(mapId: string, versionId: string, snapshot: () => Promise<Uint8Array>): Promise<Y.Doc> {
    const key = `${mapId}/${versionId}`;
    const now = Date.now();
    for (const [k, entry] of this.docs) if (now - entry.used > this.maxAgeMs) this.docs.delete(k);
    const hit = this.docs.get(key);
    if (hit) {
      // Most recently used last, so the first entry is the one to drop.
      this.docs.delete(key);
      this.docs.set(key, { ...hit, used: now });
      return hit.doc;
    }
    const doc = snapshot().then((update) => this.load(update));
    this.docs.set(key, { doc, used: now });
    doc.catch(() => this.docs.delete(key));
    while (this.docs.size > this.keep) {
      const oldest = this.docs.keys().next().value;
      if (oldest === undefined) break;
      this.docs.delete(oldest);
    }
    return doc;
  }

  /** Forgets every version of a map (it was deleted). */
  forget(mapId: string): void {
    for (const key of this.docs.keys()) if (key.startsWith(`${mapId}/`)) this.docs.delete(key);
  }

  /** A doc of `update` (a snapshot), migrated; never cached. */
  load(update: Uint8Array | null): Y.Doc {
    const doc = new Y.Doc();
    if (update) {
      Y.applyUpdate(doc, update);
      this.model.open(doc);
    }
    return doc;
  }
}
