import * as Y from 'yjs';
import type { ClaimId } from '../ids.ts';
import {
  alignClaims,
  prepareReference,
  type ClaimMatch,
  type PreparedReference,
} from './alignClaims.ts';
import { comparableMap, type ComparableMap } from './comparable.ts';
import { compareRelations, type RelationComparison } from './compareRelations.ts';
import { TEXT_SIMILARITY_THRESHOLD } from './similarity.ts';

/**
 * A student's map compared with a reference map (an instructor's model answer), as
 * `GET /api/maps/:a/compare/:b` answers it: which claims match and how, which reference
 * claims are missing, which student claims are extra, how the reasons between matched
 * claims agree, and a score.
 */
export interface CompareReport {
  /** How many claims and reasons each map has. */
  student: { claims: number; relations: number };
  reference: { claims: number; relations: number };
  claims: {
    matched: (ClaimMatch & { studentText: string; referenceText: string })[];
    /** Reference claims with no match in the student's map. */
    missing: { id: ClaimId; text: string }[];
    /** Student claims with no match in the reference. */
    extra: { id: ClaimId; text: string }[];
  };
  relations: RelationComparison;
  score: CompareScore;
  /** The text similarity a match by words needed (`TEXT_SIMILARITY_THRESHOLD`). */
  threshold: number;
}

/**
 * How close the student's map is to the reference, each part 0..1 (rounded to 3 places).
 *
 * Claims: precision = matched / student claims, recall = matched / reference claims, F1 =
 * their harmonic mean. Reasons: the same over reasons, counting only reasons that *agree*
 * (same link, same kind) as right; a reason of the other kind counts against both. Overall =
 * the mean of the two F1s, or the claims' F1 alone when neither map has a reason. Precision
 * or recall over nothing (an empty map) is 1: nothing there is wrong, nothing is missed.
 */
export interface CompareScore {
  claims: PrecisionRecall;
  relations: PrecisionRecall;
  overall: number;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/** Compares a student's map with a reference map; both are documents or maps already read. */
export function compareMaps(
  student: Y.Doc | ComparableMap,
  reference: Y.Doc | ComparableMap | PreparedReference,
  threshold = TEXT_SIMILARITY_THRESHOLD,
): CompareReport {
  const s = student instanceof Y.Doc ? comparableMap(student) : student;
  const prepared =
    reference instanceof Y.Doc
      ? prepareReference(comparableMap(reference))
      : 'weights' in reference
        ? reference
        : prepareReference(reference);
  const ref = prepared.map;
  const matches = alignClaims(s, prepared, threshold);
  const studentText = new Map(s.claims.map((c) => [c.id, c.text]));
  const refText = new Map(ref.claims.map((c) => [c.id, c.text]));
  const toStudent = new Map(matches.map((m) => [m.reference, m.student]));
  const matchedStudent = new Set(matches.map((m) => m.student));
  const relations = compareRelations(s.relations, ref.relations, toStudent);
  const claims = prf(matches.length, s.claims.length, ref.claims.length);
  const reasons = prf(relations.agree.length, s.relations.length, ref.relations.length);
  const anyReasons = s.relations.length + ref.relations.length > 0;
  return {
    student: { claims: s.claims.length, relations: s.relations.length },
    reference: { claims: ref.claims.length, relations: ref.relations.length },
    claims: {
      matched: matches.map((m) => ({
        ...m,
        studentText: studentText.get(m.student) ?? '',
        referenceText: refText.get(m.reference) ?? '',
      })),
      missing: ref.claims.filter((c) => !toStudent.has(c.id)).map(({ id, text }) => ({ id, text })),
      extra: s.claims
        .filter((c) => !matchedStudent.has(c.id))
        .map(({ id, text }) => ({ id, text })),
    },
    relations,
    score: {
      claims,
      relations: reasons,
      overall: round(anyReasons ? (claims.f1 + reasons.f1) / 2 : claims.f1),
    },
    threshold,
  };
}

function prf(right: number, given: number, expected: number): PrecisionRecall {
  const precision = given === 0 ? 1 : right / given;
  const recall = expected === 0 ? 1 : right / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
