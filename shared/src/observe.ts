import * as Y from 'yjs';
import type { ClaimId, PassageId, RelationId, SourceId } from './ids.ts';
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

/** Ids of one collection's records that a transaction added, removed or changed. */
export interface RecordChanges<Id extends string> {
  readonly added: ReadonlySet<Id>;
  readonly removed: ReadonlySet<Id>;
  /** Changed in place, or replaced under the same id (undo brings a record back that way). */
  readonly updated: ReadonlySet<Id>;
}

/**
 * What one transaction changed, by record id, so read models can redo just those records.
 *
 * Liveness is derived (a relation whose target was removed is dead without being touched), so
 * a store that shows only live records must also look again at records that *refer* to an
 * added or removed id; the report names what changed, not everything that depends on it.
 */
export interface MapChange {
  readonly origin: unknown;
  /**
   * Only claims' rich text changed (someone typing): no record was added, removed or
   * updated, so nothing but those claims' text views has anything to do.
   */
  readonly textOnly: boolean;
  /** The map's metadata (title, schema version) changed. */
  readonly meta: boolean;
  /** Claim records; `updated` is a field other than the text (or the text replaced whole). */
  readonly claims: RecordChanges<ClaimId>;
  /** Claims whose rich text changed. */
  readonly claimText: ReadonlySet<ClaimId>;
  readonly relations: RecordChanges<RelationId>;
  /** Source records; `updated` is metadata (title, authors...), not the body. */
  readonly sources: RecordChanges<SourceId>;
  /** Sources whose body text changed (their passages may have moved). */
  readonly sourceText: ReadonlySet<SourceId>;
  readonly passages: RecordChanges<PassageId>;
  /** Citations, by their key `"<claim>:<passage>"` (see `records/Evidence.ts`). */
  readonly evidence: RecordChanges<string>;
}

class Changes<Id extends string> implements RecordChanges<Id> {
  readonly added = new Set<Id>();
  readonly removed = new Set<Id>();
  readonly updated = new Set<Id>();

  get empty(): boolean {
    return this.added.size + this.removed.size + this.updated.size === 0;
  }

  /** A key of the collection itself was set or deleted. */
  key(id: Id, action: 'add' | 'update' | 'delete'): void {
    if (action === 'add') this.added.add(id);
    else if (action === 'delete') this.removed.add(id);
    else this.updated.add(id);
  }
}

/**
 * The direct child of `collection` that holds `type` (the record a nested change is in), and
 * whether `type` is that record itself; undefined if `type` is not under `collection`.
 */
function recordOf(
  type: { _item: Y.Item | null },
  collection: unknown,
): { id: string; self: boolean } | undefined {
  let t = type;
  let self = true;
  for (;;) {
    const item = t._item;
    if (!item || !(item.parent instanceof Y.AbstractType)) return undefined;
    if (item.parent === collection)
      return item.parentSub ? { id: item.parentSub, self } : undefined;
    t = item.parent;
    self = false;
  }
}

/** Reads one transaction's events into a `MapChange`; undefined if it did not touch the map. */
export function describeTransaction(doc: Y.Doc, tr: Y.Transaction): MapChange | undefined {
  // A top-level type an update brought before anyone named it is a placeholder that `getMap`
  // replaces; observeChanges names the collections up front, so events refer to these.
  const c = collections(doc);
  let touched = false;
  let meta = false;
  const claims = new Changes<ClaimId>();
  const claimText = new Set<ClaimId>();
  const relations = new Changes<RelationId>();
  const sources = new Changes<SourceId>();
  const sourceText = new Set<SourceId>();
  const passages = new Changes<PassageId>();
  const evidence = new Changes<string>();
  const flat: [Y.Map<unknown>, Changes<string>][] = [
    [c.passages, passages],
    [c.evidence, evidence],
  ];
  const records: [Y.Map<unknown>, Changes<string>][] = [
    [c.claims.type, claims],
    [c.relations.type, relations],
    [c.sources.type, sources],
  ];
  // Keyed by the types' widest type; looked up here by identity only.
  const changed: ReadonlyMap<unknown, Y.YEvent<Y.AbstractType<unknown>>[]> = tr.changedParentTypes;
  if (changed.has(c.meta)) touched = meta = true;
  for (const [type, changes] of [...flat, ...records]) {
    const events = changed.get(type);
    if (!events) continue;
    touched = true;
    for (const event of events) {
      if (event.target === type) {
        for (const [key, { action }] of event.keys) changes.key(key, action);
        continue;
      }
      const record = recordOf(event.target, type);
      if (!record) continue;
      if (type === c.claims.type) {
        if (!record.self) claimText.add(record.id);
        else {
          claims.updated.add(record.id);
          if (event.keys.has('text')) claimText.add(record.id);
        }
      } else if (type === c.sources.type && !record.self) sourceText.add(record.id);
      else changes.updated.add(record.id);
    }
  }
  if (!touched) return undefined;
  const textOnly =
    !meta &&
    claims.empty &&
    relations.empty &&
    sources.empty &&
    sourceText.size === 0 &&
    passages.empty &&
    evidence.empty;
  return {
    origin: tr.origin,
    textOnly,
    meta,
    claims,
    claimText,
    relations,
    sources,
    sourceText,
    passages,
    evidence,
  };
}

/** Each transaction's `MapChange` (null: it did not touch the map), once read. */
const described = new WeakMap<Y.Transaction, MapChange | null>();

/**
 * Calls `onChange` once after every transaction that changed the map (local or remote), with
 * what it changed (see `MapChange`), so views can refresh just those records without knowing
 * the document's keys. Returns the unsubscribe function.
 */
export function observeChanges(doc: Y.Doc, onChange: (change: MapChange) => void): () => void {
  collections(doc);
  const handler = (tr: Y.Transaction): void => {
    // Several read models observe one doc: read each transaction once, not once per model
    // (a map's first sync is one transaction touching every record).
    let change = described.get(tr);
    if (change === undefined) {
      change = describeTransaction(doc, tr) ?? null;
      described.set(tr, change);
    }
    if (change) onChange(change);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/**
 * Calls `onChange` once after every transaction that changed the map (local or remote), with
 * the transaction's origin. Returns the unsubscribe function.
 */
export function observeMap(doc: Y.Doc, onChange: (origin: unknown) => void): () => void {
  return observeChanges(doc, (change) => onChange(change.origin));
}
