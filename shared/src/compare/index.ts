/**
 * A student's map compared with a reference map: claims aligned by the passages they cite,
 * then by their words; reasons compared between matched claims; a score; and one reference
 * across every copy of an assignment.
 */
export {
  compareMaps,
  type CompareReport,
  type CompareScore,
  type PrecisionRecall,
} from './compareMaps.ts';
export { compareCopies, type CopiesComparison, type CopyToCompare } from './compareCopies.ts';
export {
  alignClaims,
  prepareReference,
  type ClaimMatch,
  type PreparedReference,
} from './alignClaims.ts';
export {
  compareRelations,
  type RelationComparison,
  type RelationPair,
} from './compareRelations.ts';
export {
  comparableMap,
  pairSources,
  sourceFingerprint,
  type ComparableMap,
  type ComparableSource,
  type ComparableCitation,
} from './comparable.ts';
export {
  TEXT_SIMILARITY_THRESHOLD,
  STOPWORDS,
  contentWords,
  cosine,
  WordWeights,
  type WordVector,
} from './similarity.ts';
