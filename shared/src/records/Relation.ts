import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { newId, type ClaimId, type RelationId } from '../ids.ts';
import { collections, now, transact } from '../schema.ts';
import { byCreation, isObject, num, str, ymap } from './fields.ts';

/**
 * A relation is a *reason*, shaped like an AIF inference (RA) or conflict (CA) node: one or
 * more premise claims that together support or rebut a target. Several premises in one
 * relation form a *linked* reason (they work only jointly); separate relations to the same
 * target are *convergent* reasons.
 *
 * The target is a tagged object so that an *undercut* (a rebuttal aimed at a relation, i.e.
 * at the inference itself rather than its conclusion) is just `{ relation: id }`.
 *
 * Shape: `relations[id] = Y.Map { kind, target: {claim} | {relation}, premises: Y.Map<addedAt>,
 * author, createdAt }`. Premises are a map keyed by claim id, not an array: two people adding
 * the same co-premise at once still get one premise, and removing one is by key.
 */
export type RelationKind = 'support' | 'rebut';
export type Target = { claim: ClaimId } | { relation: RelationId };

export interface RelationView {
  id: RelationId;
  kind: RelationKind;
  /** Live premises, in the order they were added. */
  premises: ClaimId[];
  target: Target;
  author: string;
  createdAt: number;
}

export interface NewRelation {
  kind: RelationKind;
  premises: ClaimId[];
  target: Target;
  author?: string;
}

export const RELATION_KINDS: readonly RelationKind[] = ['support', 'rebut'];

export function connect(doc: Y.Doc, input: NewRelation): RelationId {
  const id = newId();
  insertRelation(doc, id, {
    ...input,
    author: input.author ?? '',
    createdAt: now(),
  });
  return id;
}

/** Inserts a relation under a given id (import keeps ids), validating every reference. */
export function insertRelation(
  doc: Y.Doc,
  id: RelationId,
  input: NewRelation & { author: string; createdAt: number },
): void {
  transact(doc, () => {
    const { claims, relations } = collections(doc);
    if (!RELATION_KINDS.includes(input.kind)) {
      throw new ModelError(`A relation is "support" or "rebut", not "${String(input.kind)}".`);
    }
    if (relations.has(id)) throw new ModelError(`A relation with id ${id} already exists.`);
    const premises = [...new Set(input.premises)];
    if (!premises.length) throw new ModelError('A reason needs at least one premise.');
    for (const p of premises) {
      if (!claims.has(p)) throw new ModelError(`There is no claim ${p} to use as a premise.`);
    }
    const target = checkTarget(doc, input.target, input.kind);
    if ('claim' in target && premises.includes(target.claim)) {
      throw new ModelError('A claim cannot be a reason for itself.');
    }
    const record = new Y.Map<unknown>();
    const premiseMap = new Y.Map<number>();
    premises.forEach((p, i) => premiseMap.set(p, input.createdAt + i));
    record.set('kind', input.kind);
    record.set('target', target);
    record.set('premises', premiseMap);
    record.set('author', input.author);
    record.set('createdAt', input.createdAt);
    relations.set(id, record);
  });
}

/** Removes a relation and the undercuts aimed at it. */
export function disconnect(doc: Y.Doc, id: RelationId): void {
  transact(doc, () => {
    if (!collections(doc).relations.has(id)) throw new ModelError(`There is no relation ${id}.`);
    removeRelationCascade(doc, id);
  });
}

/**
 * Turns a reason into the other kind (support ↔ rebut), keeping its id, premises and what
 * undercuts it: restoring a version uses it, so a reason that changed kind comes back as
 * itself. An undercut (a reason aimed at a reason) can only rebut.
 */
export function setRelationKind(doc: Y.Doc, id: RelationId, kind: RelationKind): void {
  transact(doc, () => {
    const record = collections(doc).relations.get(id);
    if (!record) throw new ModelError(`There is no relation ${id}.`);
    if (!RELATION_KINDS.includes(kind)) {
      throw new ModelError(`A relation is "support" or "rebut", not "${String(kind)}".`);
    }
    const target = readTarget(record.get('target'));
    if (target && 'relation' in target && kind !== 'rebut') {
      throw new ModelError('Only a rebuttal can target a relation (undercut).');
    }
    if (record.get('kind') !== kind) record.set('kind', kind);
  });
}

/** Adds a co-premise, making the reason linked. */
export function addPremise(doc: Y.Doc, id: RelationId, claim: ClaimId): void {
  transact(doc, () => {
    const { claims, relations } = collections(doc);
    const record = relations.get(id);
    const premises = record && ymap<number>(record, 'premises');
    if (!record || !premises) throw new ModelError(`There is no relation ${id}.`);
    if (!claims.has(claim)) throw new ModelError(`There is no claim ${claim}.`);
    const target = readTarget(record.get('target'));
    if (target && 'claim' in target && target.claim === claim) {
      throw new ModelError('A claim cannot be a reason for itself.');
    }
    if (premises.has(claim)) return;
    // Order by addition, even within one millisecond.
    premises.set(claim, Math.max(now(), ...premises.values()) + 1);
  });
}

/** Removes a co-premise. The last premise cannot be removed: disconnect the reason instead. */
export function removePremise(doc: Y.Doc, id: RelationId, claim: ClaimId): void {
  transact(doc, () => {
    const record = collections(doc).relations.get(id);
    const premises = record && ymap<number>(record, 'premises');
    if (!premises) throw new ModelError(`There is no relation ${id}.`);
    if (!premises.has(claim)) throw new ModelError(`Claim ${claim} is not a premise of ${id}.`);
    if (premises.size === 1) {
      throw new ModelError('A reason needs at least one premise; remove the reason instead.');
    }
    premises.delete(claim);
  });
}

/**
 * The relations a reader should see. Concurrent edits can leave a relation pointing at a claim
 * someone else removed (the removal's cascade could not see a relation made at the same
 * time). Such a relation is not *live*: its target must exist (and, for an undercut, be live)
 * and at least one premise must exist. Dead relations are never returned by any query.
 */
export function liveRelations(doc: Y.Doc): Map<RelationId, RelationView> {
  const { claims, relations } = collections(doc);
  const candidates = new Map<RelationId, RelationView>();
  relations.forEach((record, id) => {
    const view = viewRelation(id, record, (c) => claims.has(c));
    if (view) candidates.set(id, view);
  });
  return liveAmong(candidates, (c) => claims.has(c));
}

/**
 * The liveness rule of `liveRelations`, over relations already read: for read models that
 * keep the relations and re-read only those a change touched (see `storedRelation`).
 */
export function liveAmong(
  candidates: ReadonlyMap<RelationId, RelationView>,
  claimExists: (id: ClaimId) => boolean,
): Map<RelationId, RelationView> {
  const live = new Map<RelationId, RelationView>();
  // Only undercuts (relations aimed at relations) need the walk, and its memo of relations
  // already decided: a reason aimed at a claim is live when that claim exists.
  const state = new Map<RelationId, 'visiting' | boolean>();
  const isLive = (id: RelationId): boolean => {
    const known = state.get(id);
    if (known !== undefined) return known === true;
    state.set(id, 'visiting');
    const view = candidates.get(id);
    const ok =
      !!view &&
      ('claim' in view.target ? claimExists(view.target.claim) : isLive(view.target.relation));
    state.set(id, ok);
    return ok;
  };
  for (const [id, view] of candidates) {
    if ('claim' in view.target ? claimExists(view.target.claim) : isLive(id)) live.set(id, view);
  }
  return live;
}

/** One relation record as a read model indexes it; see `storedRelation`. */
export interface StoredRelation {
  /** What `liveRelations` starts from: premises that exist; liveness not yet checked. */
  view: RelationView | undefined;
  /** Every claim the record names as a premise, existing or not. */
  premises: ClaimId[];
}

/**
 * One relation as stored, for a read model's index: when one of its `premises` comes or
 * goes, read it again. Undefined if there is no relation record under `id`.
 */
export function storedRelation(doc: Y.Doc, id: RelationId): StoredRelation | undefined {
  const { claims, relations } = collections(doc);
  const record = relations.get(id);
  return record && storeRelation(id, record, (c) => claims.has(c));
}

/** Every relation record as stored, by id (see `storedRelation`). */
export function storedRelations(doc: Y.Doc): Map<RelationId, StoredRelation> {
  const out = new Map<RelationId, StoredRelation>();
  forEachStoredRelation(doc, (id, stored) => out.set(id, stored));
  return out;
}

/** `storedRelations` one by one, for a reader that indexes them its own way. */
export function forEachStoredRelation(
  doc: Y.Doc,
  fn: (id: RelationId, stored: StoredRelation) => void,
): void {
  const { claims, relations } = collections(doc);
  const claimExists = (c: ClaimId) => claims.has(c);
  relations.forEach((record, id) => fn(id, storeRelation(id, record, claimExists)));
}

function storeRelation(
  id: RelationId,
  record: Y.Map<unknown>,
  claimExists: (id: ClaimId) => boolean,
): StoredRelation {
  const premises: ClaimId[] = [];
  return { view: viewRelation(id, record, claimExists, premises), premises };
}

export function listRelations(doc: Y.Doc): RelationView[] {
  return [...liveRelations(doc).values()].sort(byCreation);
}

export function getRelation(doc: Y.Doc, id: RelationId): RelationView | undefined {
  return liveRelations(doc).get(id);
}

/** Cascade for claim removal: drop relations targeting it, drop it as a premise. */
export function detachClaim(doc: Y.Doc, claim: ClaimId): void {
  const { relations } = collections(doc);
  const doomed: RelationId[] = [];
  relations.forEach((record, id) => {
    const target = readTarget(record.get('target'));
    const premises = ymap<number>(record, 'premises');
    if (target && 'claim' in target && target.claim === claim) doomed.push(id);
    else if (premises?.has(claim)) {
      premises.delete(claim);
      if (premises.size === 0) doomed.push(id);
    }
  });
  for (const id of doomed) removeRelationCascade(doc, id);
}

function removeRelationCascade(doc: Y.Doc, id: RelationId): void {
  const { relations } = collections(doc);
  if (!relations.has(id)) return;
  relations.delete(id);
  const undercuts: RelationId[] = [];
  relations.forEach((record, other) => {
    const target = readTarget(record.get('target'));
    if (target && 'relation' in target && target.relation === id) undercuts.push(other);
  });
  for (const other of undercuts) removeRelationCascade(doc, other);
}

function checkTarget(doc: Y.Doc, target: unknown, kind: RelationKind): Target {
  const { claims, relations } = collections(doc);
  if (isObject(target) && typeof target.claim === 'string') {
    if (!claims.has(target.claim)) throw new ModelError(`There is no claim ${target.claim}.`);
    return { claim: target.claim };
  }
  if (isObject(target) && typeof target.relation === 'string') {
    if (kind !== 'rebut') throw new ModelError('Only a rebuttal can target a relation (undercut).');
    if (!relations.has(target.relation)) {
      throw new ModelError(`There is no relation ${target.relation}.`);
    }
    return { relation: target.relation };
  }
  throw new ModelError('A relation targets a claim or a relation.');
}

function readTarget(v: unknown): Target | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.claim === 'string') return { claim: v.claim };
  if (typeof v.relation === 'string') return { relation: v.relation };
  return undefined;
}

/**
 * The relation as readers see it, or undefined if it is not one (see `liveRelations`). Every
 * claim the record names as a premise, existing or not, is pushed onto `named` on the way: one
 * pass over the premises for both (a read model opening a map reads thousands of relations).
 */
function viewRelation(
  id: RelationId,
  record: Y.Map<unknown>,
  claimExists: (id: ClaimId) => boolean,
  named: ClaimId[] = [],
): RelationView | undefined {
  const premiseMap = ymap<number>(record, 'premises');
  const live: { claim: ClaimId; at: number }[] = [];
  premiseMap?.forEach((at, claim) => {
    named.push(claim);
    if (claimExists(claim)) live.push({ claim, at });
  });
  const kind = record.get('kind');
  const target = readTarget(record.get('target'));
  if ((kind !== 'support' && kind !== 'rebut') || !target || !live.length) return undefined;
  // In the order they were added (one premise, the usual case, needs no sorting).
  if (live.length > 1) live.sort((a, b) => a.at - b.at || (a.claim < b.claim ? -1 : 1));
  const premises = live.map((p) => p.claim);
  return {
    id,
    kind,
    premises,
    target,
    author: str(record, 'author'),
    createdAt: num(record, 'createdAt'),
  };
}
