import {
  claimContent,
  getClaim,
  listClaimStamps,
  liveAmong,
  observeChanges,
  proConForest,
  readMeta,
  storedRelation,
  forEachStoredRelation,
  type ClaimId,
  type MapChange,
  type ProConNode,
  type RelationId,
  type RelationView,
  type RichDoc,
  type StoredRelation,
} from '@warrant/shared';
import type * as Y from 'yjs';
import { Emitter, KeyedEmitter } from '../state/Emitter.ts';

/**
 * The map's shape, without claim text: what the canvas layout and the outline tree need.
 * Replaced (new object) only when the shape really changed, so typing in a claim never
 * re-renders the graph. Within it, `claims` and `relations` are replaced only when they
 * changed, and a relation that did not change keeps its object.
 */
export interface MapStructure {
  title: string;
  /** Claim ids in creation order. */
  claims: readonly ClaimId[];
  /** Live relations in creation order. */
  relations: readonly RelationView[];
  roots: ReadonlySet<ClaimId>;
}

const EMPTY: MapStructure = { title: '', claims: [], relations: [], roots: new Set() };

/** Orders claims the way `listClaims` does: by creation time, then id. */
function before(a: { id: string; at: number }, b: { id: string; at: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

function sameRelation(a: RelationView, b: RelationView): boolean {
  return (
    a.kind === b.kind &&
    a.author === b.author &&
    a.createdAt === b.createdAt &&
    JSON.stringify(a.target) === JSON.stringify(b.target) &&
    a.premises.length === b.premises.length &&
    a.premises.every((p, i) => b.premises[i] === p)
  );
}

/**
 * Relations by creation time, then id. Read from a synced map they mostly come in that order
 * already: checked in one pass before sorting.
 */
function inCreationOrder(relations: RelationView[]): RelationView[] {
  const order = (a: RelationView, b: RelationView) =>
    a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (let i = 1; i < relations.length; i++) {
    if (order(relations[i - 1] as RelationView, relations[i] as RelationView) > 0) {
      return relations.sort(order);
    }
  }
  return relations;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * A framework-free read model over one map's Y.Doc. Views subscribe to exactly the slice
 * they show: the structure (claims and relations), the pro/con forest, or one claim's rich
 * text. Each change is applied record by record (see `MapChange`): adding a claim to a
 * thousand-claim map reads that claim, not the thousand. It reads nothing before its first
 * `refresh` (a session calls it once the map has loaded).
 */
export class MapStore {
  private structure: MapStructure = EMPTY;
  private forest: { of: MapStructure; trees: readonly ProConNode[] } | undefined;
  /** Creation time of every claim, for keeping `structure.claims` in order. */
  private claimTimes = new Map<ClaimId, number>();
  /** Every relation record read, live or not (liveness is decided over all of them). */
  private candidates = new Map<RelationId, RelationView>();
  /**
   * Claim → relations that name it as a premise: re-read when it comes or goes. Built from
   * `premisesNamed` by the first change that needs it, not while the map opens.
   */
  private premiseIndex: Map<ClaimId, Set<RelationId>> | null = null;
  private premisesNamed = new Map<RelationId, readonly ClaimId[]>();
  private readonly structureChanged = new Emitter();
  private readonly contents = new Map<ClaimId, RichDoc | undefined>();
  private readonly contentChanged = new KeyedEmitter<ClaimId>();
  /**
   * Set by the first `refresh`: until then nothing reads the store, so changes are not
   * followed record by record (a map's first sync touches every record; `refresh` reads them
   * all once instead).
   */
  private stopObserving: (() => void) | null = null;

  constructor(private readonly doc: Y.Doc) {}

  getStructure = (): MapStructure => this.structure;

  subscribeStructure = this.structureChanged.subscribe;

  /**
   * The pro/con tree of every root, in creation order: what the outline shows. Built once
   * per structure, on first read (the canvas never asks), from the relations held here.
   */
  getForest = (): readonly ProConNode[] => {
    const structure = this.structure;
    if (this.forest?.of !== structure) {
      const start = performance.now();
      const roots = structure.claims.filter((id) => structure.roots.has(id));
      // Every claim too, so a cycle with no way in from a root still shows in the outline.
      const { relations, claims } = structure;
      this.forest = { of: structure, trees: proConForest({ relations, roots, claims }) };
      performance.measure('warrant:refresh:forest', { start });
    }
    return this.forest.trees;
  };

  /** Rebuilds the structure from the whole document; notifies only if it changed. */
  refresh(): void {
    this.stopObserving ??= observeChanges(this.doc, (change) => this.apply(change));
    const start = performance.now();
    const claims = listClaimStamps(this.doc);
    this.claimTimes = new Map();
    for (const c of claims) this.claimTimes.set(c.id, c.createdAt);
    const old = this.candidates;
    this.candidates = new Map();
    this.premiseIndex = null;
    this.premisesNamed = new Map();
    forEachStoredRelation(this.doc, (id, stored) => this.index(id, stored, old));
    const changed = this.publish(
      true,
      claims.map((c) => c.id),
    );
    performance.measure('warrant:refresh:structure', { start });
    // After the measure: what subscribers do (the outline's forest) is measured on its own.
    if (changed) this.structureChanged.emit();
    for (const id of [...this.contents.keys()]) this.contentStale(id);
  }

  /** One claim's rich text, cached until that claim's text changes. */
  getClaimContent(id: ClaimId): RichDoc | undefined {
    if (!this.contents.has(id)) this.contents.set(id, claimContent(this.doc, id));
    return this.contents.get(id);
  }

  subscribeClaim(id: ClaimId, listener: () => void): () => void {
    const stop = this.contentChanged.subscribe(id, listener);
    return () => {
      stop();
      // Nobody shows it any more: do not keep its text.
      if (!this.contentChanged.has(id)) this.contents.delete(id);
    };
  }

  destroy(): void {
    this.stopObserving?.();
    this.stopObserving = null;
    this.contents.clear();
    this.structureChanged.clear();
    this.contentChanged.clear();
  }

  private apply(change: MapChange): void {
    for (const id of change.claimText) this.contentStale(id);
    if (change.textOnly) return;
    const start = performance.now();
    const { claims, relations } = change;
    // A claim brought back by undo is a new record with new text.
    for (const set of [claims.added, claims.removed, claims.updated]) {
      for (const id of set) this.contentStale(id);
    }
    let order: ClaimId[] | undefined;
    if (claims.added.size + claims.removed.size + claims.updated.size > 0) {
      order = this.updateClaims(claims);
    }
    const reread = new Set<RelationId>([
      ...relations.added,
      ...relations.removed,
      ...relations.updated,
    ]);
    for (const set of [claims.added, claims.removed]) {
      for (const claim of set) for (const r of this.premiseOf().get(claim) ?? []) reread.add(r);
    }
    for (const id of reread) this.readRelation(id);
    // "Add claim": claims that came and that no relation names or aims at change no
    // relation's liveness, and are roots. Deciding that is one look at each relation, not
    // `liveAmong` and a sort over all of them on the click's way to the new claim's editor.
    const lone =
      reread.size === 0 && claims.removed.size === 0 && claims.added.size > 0
        ? this.lone(claims.added)
        : undefined;
    const relationsMayDiffer =
      reread.size > 0 || (!lone && claims.added.size + claims.removed.size > 0);
    const changed =
      (order || relationsMayDiffer || change.meta) && this.publish(relationsMayDiffer, order, lone);
    performance.measure('warrant:refresh:structure', { start });
    if (changed) this.structureChanged.emit();
  }

  /** The claims of `added` here now, if no relation read aims at any of them; else undefined. */
  private lone(added: ReadonlySet<ClaimId>): ClaimId[] | undefined {
    for (const view of this.candidates.values()) {
      if ('claim' in view.target && added.has(view.target.claim)) return undefined;
    }
    return [...added].filter((id) => this.claimTimes.has(id));
  }

  /** Applies claims added, removed or re-timed; returns the claims in their new order. */
  private updateClaims(claims: MapChange['claims']): ClaimId[] {
    let order = [...this.structure.claims];
    const removed = new Set<ClaimId>(claims.removed);
    for (const id of [...claims.added, ...claims.updated]) {
      const claim = getClaim(this.doc, id);
      const known = this.claimTimes.get(id);
      if (!claim) {
        if (known !== undefined) removed.add(id);
        continue;
      }
      if (known === claim.createdAt) continue;
      if (known !== undefined) order = order.filter((c) => c !== id);
      this.claimTimes.set(id, claim.createdAt);
      // Usually the newest claim: its place is found from the end.
      const entry = { id, at: claim.createdAt };
      let i = order.length;
      for (; i > 0; i--) {
        const prev = order[i - 1] ?? '';
        if (!before(entry, { id: prev, at: this.claimTimes.get(prev) ?? 0 })) break;
      }
      order.splice(i, 0, id);
    }
    const gone = [...removed].filter((id) => this.claimTimes.delete(id));
    if (gone.length) {
      const drop = new Set(gone);
      order = order.filter((id) => !drop.has(id));
    }
    return order;
  }

  /** Claim → relations naming it as a premise (see `premiseIndex`). */
  private premiseOf(): Map<ClaimId, Set<RelationId>> {
    if (this.premiseIndex) return this.premiseIndex;
    const index = new Map<ClaimId, Set<RelationId>>();
    for (const [id, premises] of this.premisesNamed) {
      for (const p of premises) {
        const set = index.get(p);
        if (set) set.add(id);
        else index.set(p, new Set([id]));
      }
    }
    this.premiseIndex = index;
    return index;
  }

  /** Re-reads one relation record into the index. */
  private readRelation(id: RelationId): void {
    for (const p of this.premisesNamed.get(id) ?? []) this.premiseIndex?.get(p)?.delete(id);
    this.premisesNamed.delete(id);
    const old = this.candidates;
    const stored = storedRelation(this.doc, id);
    if (stored) this.index(id, stored, old);
    else this.candidates.delete(id);
  }

  /** Indexes one relation, keeping its view object from `previous` if it did not change. */
  private index(
    id: RelationId,
    stored: StoredRelation,
    previous: ReadonlyMap<RelationId, RelationView>,
  ): void {
    this.premisesNamed.set(id, stored.premises);
    if (this.premiseIndex) {
      for (const p of stored.premises) {
        const set = this.premiseIndex.get(p);
        if (set) set.add(id);
        else this.premiseIndex.set(p, new Set([id]));
      }
    }
    const old = previous.get(id);
    const view = stored.view && old && sameRelation(old, stored.view) ? old : stored.view;
    if (view) this.candidates.set(id, view);
    else this.candidates.delete(id);
  }

  /**
   * Replaces the structure if anything in it changed; true if it did. `lone`: the only change
   * to the claims is these, added with no relation naming or aiming at them (see `apply`).
   */
  private publish(
    relationsMayDiffer: boolean,
    order?: readonly ClaimId[],
    lone?: readonly ClaimId[],
  ): boolean {
    const current = this.structure;
    let title = '';
    try {
      title = readMeta(this.doc).title;
    } catch {
      // Not a map yet (still syncing): no title to show.
    }
    const claims =
      order &&
      (order.length !== current.claims.length || order.some((id, i) => current.claims[i] !== id))
        ? order
        : current.claims;
    let relations = current.relations;
    let roots = current.roots;
    if (lone && !relationsMayDiffer && lone.length > 0) {
      const nextRoots = new Set(roots);
      for (const id of lone) nextRoots.add(id);
      if (!sameSet(nextRoots, roots)) roots = nextRoots;
    } else if (relationsMayDiffer || claims !== current.claims) {
      const live = inCreationOrder([
        ...liveAmong(this.candidates, (c) => this.claimTimes.has(c)).values(),
      ]);
      if (live.length !== relations.length || live.some((r, i) => relations[i] !== r)) {
        relations = live;
      }
      const premises = new Set<ClaimId>();
      for (const r of relations) for (const p of r.premises) premises.add(p);
      const nextRoots = new Set(claims.filter((id) => !premises.has(id)));
      if (!sameSet(nextRoots, roots)) roots = nextRoots;
    }
    if (
      title === current.title &&
      claims === current.claims &&
      relations === current.relations &&
      roots === current.roots
    ) {
      return false;
    }
    this.structure = { title, claims, relations, roots };
    return true;
  }

  private contentStale(id: ClaimId): void {
    if (!this.contents.delete(id) && !this.contentChanged.has(id)) return;
    this.contentChanged.emit(id);
  }
}
