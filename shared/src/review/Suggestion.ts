import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { newId, type ClaimId, type RelationId } from '../ids.ts';
import { addClaim, hasClaim, MAX_CLAIM_TEXT, setClaimText } from '../records/Claim.ts';
import { byCreation, str } from '../records/fields.ts';
import { connect, RELATION_KINDS, type RelationKind } from '../records/Relation.ts';
import { now, transact } from '../schema.ts';
import {
  checkAuthor,
  checkText,
  optionalNum,
  readAuthor,
  reviewCollections,
  reviewTransact,
  type ReviewAuthor,
} from './schema.ts';

/**
 * A suggestion: a change to the map proposed by someone who may not make it (a commenter),
 * for an owner or editor to accept or reject. Either a new claim that supports or rebuts an
 * existing one, or a rewording of a claim.
 *
 * Shape: `suggestions[id] = Y.Map { kind: "claim" | "rewording", claim, text, stance?,
 * original?, author, createdAt, status, decidedBy?, decidedAt?, createdClaim?,
 * createdRelation? }`. A suggestion lives in the review document, so writing one needs only
 * `canComment`; accepting one writes the *map*, which the relay lets only editors do.
 */
export type SuggestionId = string;
export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

interface SuggestionBase {
  id: SuggestionId;
  author: ReviewAuthor;
  createdAt: number;
  status: SuggestionStatus;
  /** Who accepted or rejected it, and when. */
  decidedBy?: ReviewAuthor;
  decidedAt?: number;
}

export type SuggestionView =
  | (SuggestionBase & {
      kind: 'claim';
      /** The new claim's text. */
      text: string;
      /** Whether the new claim supports or rebuts `claim`. */
      stance: RelationKind;
      claim: ClaimId;
      /** Once accepted: the claim and the reason made in the map. */
      createdClaim?: ClaimId;
      createdRelation?: RelationId;
    })
  | (SuggestionBase & {
      kind: 'rewording';
      claim: ClaimId;
      /** The proposed text. */
      text: string;
      /** The claim's text when the rewording was proposed. */
      original: string;
    });

export interface SuggestionFilter {
  status?: SuggestionStatus;
  /** The claim it is about (the one supported or rebutted, or the one reworded). */
  claim?: ClaimId;
  /** An author id. */
  author?: string;
}

/** Proposes a new claim that supports or rebuts `claim`. */
export function suggestClaim(
  doc: Y.Doc,
  input: { claim: ClaimId; stance: RelationKind; text: string; author: ReviewAuthor },
): SuggestionId {
  if (!RELATION_KINDS.includes(input.stance)) {
    throw new ModelError(
      `A suggested claim supports or rebuts, not "${String(input.stance)}" its target.`,
    );
  }
  const text = checkText(input.text, MAX_CLAIM_TEXT, 'A suggested claim');
  return insertSuggestion(doc, input.claim, input.author, (record) => {
    record.set('kind', 'claim');
    record.set('text', text);
    record.set('stance', input.stance);
  });
}

/**
 * Proposes new text for `claim`. `original` is the claim's text now (from the map), kept so
 * the suggestion shows what it changes even after the claim changes.
 */
export function suggestRewording(
  doc: Y.Doc,
  input: { claim: ClaimId; text: string; original: string; author: ReviewAuthor },
): SuggestionId {
  const text = checkText(input.text, MAX_CLAIM_TEXT, 'A rewording');
  const original = typeof input.original === 'string' ? input.original : '';
  if (text === original.trim()) throw new ModelError('A rewording must change the text.');
  return insertSuggestion(doc, input.claim, input.author, (record) => {
    record.set('kind', 'rewording');
    record.set('text', text);
    record.set('original', original.slice(0, MAX_CLAIM_TEXT));
  });
}

/**
 * Accepts an open suggestion: applies it to `mapDoc` with the map's own operations and marks
 * it accepted by `by`. Called by an owner's or editor's client, inside its own action (e.g.
 * `session.act(() => acceptSuggestion(...))`) so the map change is *their* edit, one undo step
 * for them; the suggester is credited as the new claim's and reason's `author` and in the
 * suggestion. Undoing that edit later leaves the suggestion accepted (the review document is
 * not undoable); its `createdClaim` then names a claim that no longer exists.
 *
 * Throws `ModelError`, changing nothing, when the suggestion is not open or the claim it is
 * about was deleted. Two editors accepting the same suggestion at the same moment both apply
 * it: Yjs cannot refuse the second, and the duplicate shows in the map for them to remove.
 */
export function acceptSuggestion(
  mapDoc: Y.Doc,
  reviewDoc: Y.Doc,
  id: SuggestionId,
  by: ReviewAuthor,
): { claim: ClaimId; relation?: RelationId } {
  const who = checkAuthor(by, 'Whoever accepts a suggestion');
  const suggestion = openSuggestion(reviewDoc, id);
  if (!hasClaim(mapDoc, suggestion.claim)) {
    throw new ModelError(
      'The claim this suggestion is about was deleted, so it cannot be applied; reject it instead.',
    );
  }
  const applied = transact(mapDoc, () => {
    if (suggestion.kind === 'rewording') {
      setClaimText(mapDoc, suggestion.claim, suggestion.text);
      return { claim: suggestion.claim };
    }
    const claim = addClaim(mapDoc, { text: suggestion.text, author: suggestion.author.name });
    const relation = connect(mapDoc, {
      kind: suggestion.stance,
      premises: [claim],
      target: { claim: suggestion.claim },
      author: suggestion.author.name,
    });
    return { claim, relation };
  });
  reviewTransact(reviewDoc, () => {
    const record = reviewCollections(reviewDoc).suggestions.get(id);
    if (!record) return;
    decide(record, 'accepted', who);
    if (suggestion.kind === 'claim') {
      record.set('createdClaim', applied.claim);
      if (applied.relation) record.set('createdRelation', applied.relation);
    }
  });
  return applied;
}

/** Rejects an open suggestion; the map is not touched. */
export function rejectSuggestion(doc: Y.Doc, id: SuggestionId, by: ReviewAuthor): void {
  const who = checkAuthor(by, 'Whoever rejects a suggestion');
  openSuggestion(doc, id);
  reviewTransact(doc, () => {
    const record = reviewCollections(doc).suggestions.get(id);
    if (record) decide(record, 'rejected', who);
  });
}

/** Withdraws one's own open suggestion (removes it). */
export function withdrawSuggestion(doc: Y.Doc, id: SuggestionId, by: ReviewAuthor): void {
  const suggestion = openSuggestion(doc, id);
  if (suggestion.author.id !== by?.id) {
    throw new ModelError('Only its author can withdraw a suggestion.');
  }
  reviewTransact(doc, () => reviewCollections(doc).suggestions.delete(id));
}

export function getSuggestion(doc: Y.Doc, id: SuggestionId): SuggestionView | undefined {
  const record = reviewCollections(doc).suggestions.get(id);
  return record ? viewSuggestion(id, record) : undefined;
}

/** Suggestions in creation order, all or those matching `filter`. */
export function listSuggestions(doc: Y.Doc, filter: SuggestionFilter = {}): SuggestionView[] {
  const out: SuggestionView[] = [];
  reviewCollections(doc).suggestions.forEach((record, id) => {
    const s = viewSuggestion(id, record);
    if (!s) return;
    if (filter.status !== undefined && s.status !== filter.status) return;
    if (filter.claim !== undefined && s.claim !== filter.claim) return;
    if (filter.author !== undefined && s.author.id !== filter.author) return;
    out.push(s);
  });
  return out.sort(byCreation);
}

export function viewSuggestion(
  id: SuggestionId,
  record: Y.Map<unknown>,
): SuggestionView | undefined {
  const kind = record.get('kind');
  const claim = str(record, 'claim');
  const text = str(record, 'text');
  const author = readAuthor(record.get('author'));
  const createdAt = record.get('createdAt');
  const status = record.get('status');
  if (!claim || !author || typeof createdAt !== 'number') return undefined;
  if (!SUGGESTION_STATUSES.includes(status as SuggestionStatus)) return undefined;
  const decidedBy = readAuthor(record.get('decidedBy'));
  const decidedAt = optionalNum(record, 'decidedAt');
  const base: SuggestionBase = {
    id,
    author,
    createdAt,
    status: status as SuggestionStatus,
    ...(decidedBy && decidedAt !== undefined ? { decidedBy, decidedAt } : {}),
  };
  if (kind === 'rewording') {
    return { ...base, kind, claim, text, original: str(record, 'original') };
  }
  const stance = record.get('stance');
  if (kind !== 'claim' || !RELATION_KINDS.includes(stance as RelationKind)) return undefined;
  const createdClaim = str(record, 'createdClaim');
  const createdRelation = str(record, 'createdRelation');
  return {
    ...base,
    kind,
    claim,
    text,
    stance: stance as RelationKind,
    ...(createdClaim ? { createdClaim } : {}),
    ...(createdRelation ? { createdRelation } : {}),
  };
}

function insertSuggestion(
  doc: Y.Doc,
  claim: ClaimId,
  author: ReviewAuthor,
  fill: (record: Y.Map<unknown>) => void,
): SuggestionId {
  const who = checkAuthor(author);
  if (typeof claim !== 'string' || !claim) {
    throw new ModelError('A suggestion needs the id of the claim it is about.');
  }
  return reviewTransact(doc, () => {
    const id = newId();
    const record = new Y.Map<unknown>();
    record.set('claim', claim);
    record.set('author', who);
    record.set('createdAt', now());
    record.set('status', 'open');
    fill(record);
    reviewCollections(doc).suggestions.set(id, record);
    return id;
  });
}

function openSuggestion(doc: Y.Doc, id: SuggestionId): SuggestionView {
  const suggestion = getSuggestion(doc, id);
  if (!suggestion) throw new ModelError(`There is no suggestion ${id}.`);
  if (suggestion.status !== 'open') {
    throw new ModelError(`This suggestion was already ${suggestion.status}.`);
  }
  return suggestion;
}

function decide(record: Y.Map<unknown>, status: SuggestionStatus, by: ReviewAuthor): void {
  record.set('status', status);
  record.set('decidedBy', by);
  record.set('decidedAt', now());
}
