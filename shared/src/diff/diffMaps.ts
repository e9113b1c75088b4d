import type * as Y from 'yjs';
import type { ClaimId, PassageId, RelationId } from '../ids.ts';
import { listClaims } from '../records/Claim.ts';
import { listEvidence, type Stance } from '../records/Evidence.ts';
import { listRelations, type RelationKind, type Target } from '../records/Relation.ts';
import { diffWords, type WordOp } from './wordDiff.ts';

/**
 * What changed between two states of a map (two versions, or a version and now), as the
 * relay's `GET /api/maps/:id/diff` answers it and the client's diff view shows it. Built only
 * from the model's read queries, so it sees exactly the live records every view sees: a
 * relation left dangling by a concurrent removal is absent on both sides, not "changed".
 */
export interface MapDiff {
  claims: {
    added: ClaimText[];
    removed: ClaimText[];
    /** Reworded claims, with the words that changed. */
    changed: ClaimChange[];
  };
  relations: {
    added: RelationShape[];
    removed: RelationShape[];
    /** Same reason, another kind (support ↔ rebut) or other premises. */
    changed: RelationChange[];
  };
  /** Citations of passages by claims; a changed stance is one removed and one added. */
  evidence: {
    added: Citation[];
    removed: Citation[];
  };
}

export interface ClaimText {
  id: ClaimId;
  text: string;
}

export interface ClaimChange {
  id: ClaimId;
  from: string;
  to: string;
  words: WordOp[];
}

export interface RelationShape {
  id: RelationId;
  kind: RelationKind;
  premises: ClaimId[];
  target: Target;
}

export interface RelationChange {
  id: RelationId;
  from: RelationShape;
  to: RelationShape;
}

export interface Citation {
  claim: ClaimId;
  passage: PassageId;
  stance: Stance;
}

/** The changes that turn `from` into `to`; each list in `to`'s (or `from`'s) creation order. */
export function diffMaps(from: Y.Doc, to: Y.Doc): MapDiff {
  return {
    claims: diffClaims(from, to),
    relations: diffRelations(from, to),
    evidence: diffEvidence(from, to),
  };
}

/** Whether a diff holds no change at all. */
export function isEmptyDiff(diff: MapDiff): boolean {
  return (
    diff.claims.added.length +
      diff.claims.removed.length +
      diff.claims.changed.length +
      diff.relations.added.length +
      diff.relations.removed.length +
      diff.relations.changed.length +
      diff.evidence.added.length +
      diff.evidence.removed.length ===
    0
  );
}

/** How big a diff is: how many records were added, removed and changed. */
export function diffSize(diff: MapDiff): { added: number; removed: number; changed: number } {
  return {
    added: diff.claims.added.length + diff.relations.added.length + diff.evidence.added.length,
    removed:
      diff.claims.removed.length + diff.relations.removed.length + diff.evidence.removed.length,
    changed: diff.claims.changed.length + diff.relations.changed.length,
  };
}

function diffClaims(from: Y.Doc, to: Y.Doc): MapDiff['claims'] {
  const before = new Map(listClaims(from).map((c) => [c.id, c.text]));
  const out: MapDiff['claims'] = { added: [], removed: [], changed: [] };
  const seen = new Set<ClaimId>();
  for (const { id, text } of listClaims(to)) {
    seen.add(id);
    const old = before.get(id);
    if (old === undefined) out.added.push({ id, text });
    else if (old !== text)
      out.changed.push({ id, from: old, to: text, words: diffWords(old, text) });
  }
  for (const [id, text] of before) if (!seen.has(id)) out.removed.push({ id, text });
  return out;
}

function diffRelations(from: Y.Doc, to: Y.Doc): MapDiff['relations'] {
  const before = new Map(listRelations(from).map((r) => [r.id, shape(r)]));
  const out: MapDiff['relations'] = { added: [], removed: [], changed: [] };
  const seen = new Set<RelationId>();
  for (const r of listRelations(to)) {
    seen.add(r.id);
    const now = shape(r);
    const old = before.get(r.id);
    if (!old) out.added.push(now);
    else if (old.kind !== now.kind || !samePremises(old.premises, now.premises)) {
      out.changed.push({ id: r.id, from: old, to: now });
    }
  }
  for (const [id, old] of before) if (!seen.has(id)) out.removed.push(old);
  return out;
}

function diffEvidence(from: Y.Doc, to: Y.Doc): MapDiff['evidence'] {
  const key = (e: Citation) => `${e.claim}:${e.passage}:${e.stance}`;
  const before = new Map(listEvidence(from).map((e) => [key(e), citation(e)]));
  const out: MapDiff['evidence'] = { added: [], removed: [] };
  const seen = new Set<string>();
  for (const e of listEvidence(to)) {
    const k = key(e);
    seen.add(k);
    if (!before.has(k)) out.added.push(citation(e));
  }
  for (const [k, e] of before) if (!seen.has(k)) out.removed.push(e);
  return out;
}

function shape(r: RelationShape): RelationShape {
  return { id: r.id, kind: r.kind, premises: [...r.premises], target: { ...r.target } };
}

function citation(e: Citation): Citation {
  return { claim: e.claim, passage: e.passage, stance: e.stance };
}

/** Premises as a set: their order is when each was added, not part of the reason. */
function samePremises(a: readonly ClaimId[], b: readonly ClaimId[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((p) => set.has(p));
}
