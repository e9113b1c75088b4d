import {
  claimContent,
  claimFragment,
  listClaims,
  listRelations,
  observeMap,
  readMeta,
  rootClaims,
  type ClaimId,
  type RelationView,
  type RichDoc,
} from '@warrant/shared';
import * as Y from 'yjs';

/**
 * The map's shape, without claim text: what the canvas layout and the outline tree need.
 * Replaced (new object) only when the shape really changed, so typing in a claim never
 * re-renders the graph.
 */
export interface MapStructure {
  title: string;
  /** Claim ids in creation order. */
  claims: readonly ClaimId[];
  relations: readonly RelationView[];
  roots: ReadonlySet<ClaimId>;
}

const EMPTY: MapStructure = { title: '', claims: [], relations: [], roots: new Set() };

interface ContentEntry {
  fragment: Y.XmlFragment | undefined;
  content: RichDoc | undefined;
  stale: boolean;
  listeners: Set<() => void>;
  unobserve: () => void;
}

/**
 * A framework-free read model over one map's Y.Doc. Views subscribe to exactly the slice
 * they show: the structure (claims and relations), or one claim's rich text.
 */
export class MapStore {
  private structure: MapStructure = EMPTY;
  private structureKey = '';
  private readonly structureListeners = new Set<() => void>();
  private readonly contents = new Map<ClaimId, ContentEntry>();
  private readonly stopObserving: () => void;
  private textOnly = false;

  constructor(private readonly doc: Y.Doc) {
    // Typing changes only rich-text types; the structure cannot have changed, and on a big
    // map recomputing it on every keystroke would make typing lag. Registered before
    // observeMap so the flag is set when its callback runs.
    const classify = (tr: Y.Transaction) => {
      this.textOnly = [...tr.changed.keys()].every(
        (type) =>
          type instanceof Y.XmlFragment ||
          type instanceof Y.XmlElement ||
          type instanceof Y.XmlText,
      );
    };
    doc.on('afterTransaction', classify);
    const stop = observeMap(doc, () => {
      if (!this.textOnly) this.refresh();
    });
    this.stopObserving = () => {
      stop();
      doc.off('afterTransaction', classify);
    };
  }

  getStructure = (): MapStructure => this.structure;

  subscribeStructure = (listener: () => void): (() => void) => {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  };

  /** Recomputes the structure; notifies only if it changed. */
  refresh(): void {
    const start = performance.now();
    const claims = listClaims(this.doc).map((c) => c.id);
    const relations = listRelations(this.doc);
    let title = '';
    try {
      title = readMeta(this.doc).title;
    } catch {
      // Not a map yet (still syncing): no title to show.
    }
    const key = JSON.stringify([title, claims, relations]);
    if (key !== this.structureKey) {
      this.structureKey = key;
      this.structure = { title, claims, relations, roots: new Set(rootClaims(this.doc)) };
      for (const listener of this.structureListeners) listener();
    }
    // A claim brought back by undo is a new record with a new fragment: rebind its viewers.
    for (const [id, entry] of this.contents) {
      if (claimFragment(this.doc, id) !== entry.fragment) this.bind(id, entry);
    }
    performance.measure('warrant:refresh:structure', { start });
  }

  /**
   * One claim's rich text, cached until that claim's text changes. Stable between changes,
   * as `useSyncExternalStore` requires (it reads before it subscribes).
   */
  getClaimContent(id: ClaimId): RichDoc | undefined {
    const entry = this.entry(id);
    if (entry.stale) {
      entry.content = claimContent(this.doc, id);
      entry.stale = false;
    }
    return entry.content;
  }

  subscribeClaim(id: ClaimId, listener: () => void): () => void {
    const entry = this.entry(id);
    entry.listeners.add(listener);
    return () => {
      entry.listeners.delete(listener);
      this.dropLater(id, entry);
    };
  }

  private entry(id: ClaimId): ContentEntry {
    let entry = this.contents.get(id);
    if (!entry) {
      entry = {
        fragment: undefined,
        content: undefined,
        stale: true,
        listeners: new Set(),
        unobserve: () => undefined,
      };
      this.contents.set(id, entry);
      this.bind(id, entry);
      // Read but never subscribed (a render React threw away): do not keep observing.
      this.dropLater(id, entry);
    }
    return entry;
  }

  private dropLater(id: ClaimId, entry: ContentEntry): void {
    setTimeout(() => {
      if (entry.listeners.size > 0 || this.contents.get(id) !== entry) return;
      entry.unobserve();
      this.contents.delete(id);
    }, 1000);
  }

  destroy(): void {
    this.stopObserving();
    for (const entry of this.contents.values()) entry.unobserve();
    this.contents.clear();
    this.structureListeners.clear();
  }

  private bind(id: ClaimId, entry: ContentEntry): void {
    entry.unobserve();
    const fragment = claimFragment(this.doc, id);
    entry.fragment = fragment;
    entry.stale = true;
    if (fragment) {
      const onChange = () => {
        entry.stale = true;
        for (const listener of entry.listeners) listener();
      };
      fragment.observeDeep(onChange);
      entry.unobserve = () => fragment.unobserveDeep(onChange);
    } else {
      entry.unobserve = () => undefined;
    }
    for (const listener of entry.listeners) listener();
  }
}
