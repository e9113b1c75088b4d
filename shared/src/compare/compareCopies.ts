import * as Y from 'yjs';
import type { RelationShape } from '../diff/diffMaps.ts';
import type { ClaimId } from '../ids.ts';
import { prepareReference } from './alignClaims.ts';
import { comparableMap, type ComparableMap } from './comparable.ts';
import { compareMaps, type CompareScore } from './compareMaps.ts';
import { TEXT_SIMILARITY_THRESHOLD } from './similarity.ts';

/** One copy to compare: its id (the copy's map id) and its document or its map already read. */
export interface CopyToCompare {
  id: string;
  doc: Y.Doc | ComparableMap;
}

/**
 * One reference compared with every copy of an assignment: per copy its score and counts,
 * and per reference claim and reason which copies miss it (or, for a reason, make the link
 * with the other kind), so a view can say "7 of 12 groups miss the Article 51 rebuttal".
 */
export interface CopiesComparison {
  /** How many copies were compared: the "of 12". */
  copies: number;
  perCopy: {
    id: string;
    score: CompareScore;
    matched: number;
    missing: number;
    extra: number;
    relations: { agree: number; disagree: number; missing: number; extra: number };
  }[];
  /** Every reference claim, in the reference's order, with the copies that miss it. */
  claims: { id: ClaimId; text: string; missedBy: string[] }[];
  /** Every reference reason, with the copies that miss it and those that turn it around. */
  relations: (RelationShape & { missedBy: string[]; disagreedBy: string[] })[];
}

/**
 * Compares a reference with many copies, reading and indexing the reference once. Each copy
 * is compared exactly as `compareMaps` compares one.
 */
export function compareCopies(
  reference: Y.Doc | ComparableMap,
  copies: readonly CopyToCompare[],
  threshold = TEXT_SIMILARITY_THRESHOLD,
): CopiesComparison {
  const prepared = prepareReference(
    reference instanceof Y.Doc ? comparableMap(reference) : reference,
  );
  const ref = prepared.map;
  const claimMisses = new Map<ClaimId, string[]>(ref.claims.map((c) => [c.id, []]));
  const relationMisses = new Map(
    ref.relations.map((r) => [r.id, { missed: [] as string[], disagreed: [] as string[] }]),
  );
  const perCopy: CopiesComparison['perCopy'] = [];
  for (const copy of copies) {
    const report = compareMaps(copy.doc, prepared, threshold);
    for (const c of report.claims.missing) claimMisses.get(c.id)?.push(copy.id);
    for (const r of report.relations.missing) relationMisses.get(r.id)?.missed.push(copy.id);
    for (const p of report.relations.disagree)
      relationMisses.get(p.reference)?.disagreed.push(copy.id);
    perCopy.push({
      id: copy.id,
      score: report.score,
      matched: report.claims.matched.length,
      missing: report.claims.missing.length,
      extra: report.claims.extra.length,
      relations: {
        agree: report.relations.agree.length,
        disagree: report.relations.disagree.length,
        missing: report.relations.missing.length,
        extra: report.relations.extra.length,
      },
    });
  }
  return {
    copies: copies.length,
    perCopy,
    claims: ref.claims.map((c) => ({
      id: c.id,
      text: c.text,
      missedBy: claimMisses.get(c.id) ?? [],
    })),
    relations: ref.relations.map((r) => ({
      id: r.id,
      kind: r.kind,
      premises: [...r.premises],
      target: { ...r.target },
      missedBy: relationMisses.get(r.id)?.missed ?? [],
      disagreedBy: relationMisses.get(r.id)?.disagreed ?? [],
    })),
  };
}
