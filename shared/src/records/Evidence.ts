import type * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import type { ClaimId, PassageId } from '../ids.ts';
import { collections, now, transact } from '../schema.ts';
import { isObject } from './fields.ts';
import { getPassage, livePassages } from './Passage.ts';

/**
 * Evidence: a claim cites a passage, and the passage either supports or rebuts the claim.
 *
 * Shape: `evidence["<claim>:<passage>"] = { claim, passage, stance, author, createdAt }`.
 * The key is *derived* from the pair, so "a claim cites a passage at most once" holds by
 * construction, even when two people cite the same passage at the same moment; changing the
 * stance overwrites the one entry.
 */
export type Stance = 'support' | 'rebut';
export const STANCES: readonly Stance[] = ['support', 'rebut'];

export interface EvidenceView {
  claim: ClaimId;
  passage: PassageId;
  stance: Stance;
  author: string;
  createdAt: number;
}

export interface NewEvidence {
  claim: ClaimId;
  passage: PassageId;
  stance: Stance;
  author?: string;
}

/** A citation's key in `evidence`: one citation per claim and passage, by construction. */
export const evidenceKey = (claim: ClaimId, passage: PassageId): string => `${claim}:${passage}`;
const keyOf = evidenceKey;

export function cite(doc: Y.Doc, input: NewEvidence): void {
  insertEvidence(doc, { ...input, author: input.author ?? '', createdAt: now() });
}

/** Records a citation with a given creation time (import keeps it). */
export function insertEvidence(doc: Y.Doc, e: EvidenceView): void {
  transact(doc, () => {
    const { claims, evidence } = collections(doc);
    if (!STANCES.includes(e.stance)) {
      throw new ModelError(
        `A citation's stance is "support" or "rebut", not "${String(e.stance)}".`,
      );
    }
    if (!claims.has(e.claim)) throw new ModelError(`There is no claim ${e.claim}.`);
    if (!getPassage(doc, e.passage)) throw new ModelError(`There is no passage ${e.passage}.`);
    const record: EvidenceView = {
      claim: e.claim,
      passage: e.passage,
      stance: e.stance,
      author: e.author,
      createdAt: e.createdAt,
    };
    evidence.set(keyOf(e.claim, e.passage), record);
  });
}

export function uncite(doc: Y.Doc, claim: ClaimId, passage: PassageId): void {
  transact(doc, () => {
    const { evidence } = collections(doc);
    const key = keyOf(claim, passage);
    if (!evidence.has(key))
      throw new ModelError(`Claim ${claim} does not cite passage ${passage}.`);
    evidence.delete(key);
  });
}

/**
 * Live citations, optionally only those of one claim or one passage, in creation order. A
 * citation is *live* when its claim exists and its passage is live (`livePassages`: its
 * record exists and its source is live). A passage made in a source someone removed at the
 * same moment outlives the removal's cascade, and so does its citation; neither is live.
 * Every query, count and export reads citations through here.
 */
export function listEvidence(
  doc: Y.Doc,
  filter: { claim?: ClaimId; passage?: PassageId } = {},
): EvidenceView[] {
  const { claims, evidence } = collections(doc);
  const passages = livePassages(doc);
  const out: EvidenceView[] = [];
  evidence.forEach((value) => {
    const e = readEvidence(value);
    if (!e || !claims.has(e.claim) || !passages.has(e.passage)) return;
    if (filter.claim !== undefined && e.claim !== filter.claim) return;
    if (filter.passage !== undefined && e.passage !== filter.passage) return;
    out.push(e);
  });
  return out.sort(
    (a, b) =>
      a.createdAt - b.createdAt ||
      keyOf(a.claim, a.passage).localeCompare(keyOf(b.claim, b.passage)),
  );
}

/**
 * Every citation as stored, by key, live or not (its claim or passage may be gone): for read
 * models that keep an index and apply the liveness rule of `listEvidence` themselves.
 */
export function storedCitations(doc: Y.Doc): Map<string, EvidenceView> {
  const out = new Map<string, EvidenceView>();
  collections(doc).evidence.forEach((value, key) => {
    const e = readEvidence(value);
    if (e) out.set(key, e);
  });
  return out;
}

/** The citation stored under `key` (as `MapChange.evidence` names it), live or not. */
export function storedCitation(doc: Y.Doc, key: string): EvidenceView | undefined {
  return readEvidence(collections(doc).evidence.get(key));
}

/** Cascade helper: removes every citation matching `pred` (inside the caller's transaction). */
export function removeEvidenceWhere(doc: Y.Doc, pred: (e: EvidenceView) => boolean): void {
  const { evidence } = collections(doc);
  const doomed: string[] = [];
  evidence.forEach((value, key) => {
    const e = readEvidence(value);
    if (!e || pred(e)) doomed.push(key);
  });
  for (const key of doomed) evidence.delete(key);
}

function readEvidence(v: unknown): EvidenceView | undefined {
  if (!isObject(v)) return undefined;
  const { claim, passage, stance, author, createdAt } = v;
  if (typeof claim !== 'string' || typeof passage !== 'string') return undefined;
  if (stance !== 'support' && stance !== 'rebut') return undefined;
  return {
    claim,
    passage,
    stance,
    author: typeof author === 'string' ? author : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}
