import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { newId, type ClaimId } from '../ids.ts';
import {
  fragmentText,
  plainToRich,
  readRich,
  readRichAndText,
  richDocSchema,
  writeRich,
  type RichDoc,
} from '../richtext.ts';
import { collections, now, transact } from '../schema.ts';
import { num, sortByCreation, str } from './fields.ts';
import { detachClaim } from './Relation.ts';
import { removeEvidenceWhere } from './Evidence.ts';

/**
 * A claim: one statement in the map. Its text is a `Y.XmlFragment` (not a string) so that
 * several people can type in the same claim at once and Tiptap can edit it directly.
 *
 * Shape: `claims[id] = Y.Map { text: Y.XmlFragment, author: string, createdAt: number }`.
 */
export interface ClaimView {
  id: ClaimId;
  /** Plain text: one line per paragraph. */
  text: string;
  author: string;
  createdAt: number;
}

export interface NewClaim {
  /** Plain text (one paragraph per line), or `content` for rich text. */
  text?: string;
  content?: RichDoc;
  author?: string;
}

export const MAX_CLAIM_TEXT = 10_000;

export function addClaim(doc: Y.Doc, input: NewClaim = {}): ClaimId {
  const id = newId();
  insertClaim(doc, id, {
    content: claimInput(input),
    author: input.author ?? '',
    createdAt: now(),
  });
  return id;
}

/** Inserts a claim under a given id (import keeps ids); content is already validated. */
export function insertClaim(
  doc: Y.Doc,
  id: ClaimId,
  record: { content: RichDoc; author: string; createdAt: number },
): void {
  transact(doc, () => {
    const { claims } = collections(doc);
    if (claims.has(id)) throw new ModelError(`A claim with id ${id} already exists.`);
    const claim = new Y.Map<unknown>();
    const fragment = new Y.XmlFragment();
    claim.set('text', fragment);
    claim.set('author', record.author);
    claim.set('createdAt', record.createdAt);
    claims.set(id, claim);
    writeRich(fragment, record.content);
  });
}

/** Replaces a claim's whole text (programmatic edits; people edit through Tiptap). */
export function setClaimText(doc: Y.Doc, id: ClaimId, input: string | RichDoc): void {
  const content = claimInput(typeof input === 'string' ? { text: input } : { content: input });
  transact(doc, () => {
    const fragment = requireFragment(doc, id);
    fragment.delete(0, fragment.length);
    writeRich(fragment, content);
  });
}

/**
 * Removes a claim and, in the same transaction, everything that would dangle without it:
 * relations that target it, its place as a premise (and relations left with no premise),
 * undercuts of removed relations, and its evidence.
 */
export function removeClaim(doc: Y.Doc, id: ClaimId): void {
  transact(doc, () => {
    const { claims } = collections(doc);
    if (!claims.has(id)) throw new ModelError(`There is no claim ${id}.`);
    detachClaim(doc, id);
    removeEvidenceWhere(doc, (e) => e.claim === id);
    claims.delete(id);
  });
}

export function hasClaim(doc: Y.Doc, id: ClaimId): boolean {
  return collections(doc).claims.has(id);
}

export function getClaim(doc: Y.Doc, id: ClaimId): ClaimView | undefined {
  const record = collections(doc).claims.get(id);
  return record ? viewClaim(id, record) : undefined;
}

/** A claim's place in creation order, without its text. */
export interface ClaimStamp {
  id: ClaimId;
  createdAt: number;
}

/**
 * Every claim's id and creation time, in creation order (as `listClaims`), without reading any
 * claim's text: a read model opening a 10,000-claim map needs their order, not their words.
 */
export function listClaimStamps(doc: Y.Doc): ClaimStamp[] {
  const out: ClaimStamp[] = [];
  collections(doc).claims.forEach((record, id) =>
    out.push({ id, createdAt: num(record, 'createdAt') }),
  );
  return sortByCreation(out);
}

export function listClaims(doc: Y.Doc): ClaimView[] {
  const out: ClaimView[] = [];
  collections(doc).claims.forEach((record, id) => out.push(viewClaim(id, record)));
  return sortByCreation(out);
}

/**
 * Every claim with its rich text, in creation order: `listClaims` and `claimContent` of
 * each, reading every claim's text once (exporting a 10,000-claim map reads both).
 */
export function listClaimsWithContent(doc: Y.Doc): (ClaimView & { content: RichDoc })[] {
  const out: (ClaimView & { content: RichDoc })[] = [];
  collections(doc).claims.forEach((record, id) => {
    const fragment = record.get('text');
    const { content, text } =
      fragment instanceof Y.XmlFragment
        ? readRichAndText(fragment)
        : { content: { type: 'doc' as const, content: [] }, text: '' };
    out.push({
      id,
      text,
      author: str(record, 'author'),
      createdAt: num(record, 'createdAt'),
      content,
    });
  });
  return sortByCreation(out);
}

/** The claim's rich text, for Tiptap's Collaboration extension (`fragment` option). */
export function claimFragment(doc: Y.Doc, id: ClaimId): Y.XmlFragment | undefined {
  const fragment = collections(doc).claims.get(id)?.get('text');
  return fragment instanceof Y.XmlFragment ? fragment : undefined;
}

/** The claim's rich text as ProseMirror JSON, for static rendering and export. */
export function claimContent(doc: Y.Doc, id: ClaimId): RichDoc | undefined {
  const fragment = claimFragment(doc, id);
  return fragment ? readRich(fragment) : undefined;
}

function viewClaim(id: ClaimId, record: Y.Map<unknown>): ClaimView {
  const fragment = record.get('text');
  return {
    id,
    text: fragment instanceof Y.XmlFragment ? fragmentText(fragment) : '',
    author: str(record, 'author'),
    createdAt: num(record, 'createdAt'),
  };
}

function requireFragment(doc: Y.Doc, id: ClaimId): Y.XmlFragment {
  const fragment = claimFragment(doc, id);
  if (!fragment) throw new ModelError(`There is no claim ${id}.`);
  return fragment;
}

function claimInput(input: NewClaim): RichDoc {
  if (input.content !== undefined) {
    const parsed = richDocSchema.safeParse(input.content);
    if (!parsed.success) {
      throw new ModelError(`Claim text is not valid rich text: ${parsed.error.issues[0]?.message}`);
    }
    return parsed.data as RichDoc;
  }
  const text = input.text ?? '';
  if (text.length > MAX_CLAIM_TEXT) {
    throw new ModelError(`A claim can be at most ${MAX_CLAIM_TEXT} characters.`);
  }
  return plainToRich(text);
}
