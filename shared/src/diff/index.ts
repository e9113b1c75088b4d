/** Versions of a map compared and restored: what changed between two states, and the way back. */
export {
  diffMaps,
  diffSize,
  isEmptyDiff,
  type MapDiff,
  type ClaimText,
  type ClaimChange,
  type RelationShape,
  type RelationChange,
  type Citation,
} from './diffMaps.ts';
export { diffWords, type WordOp } from './wordDiff.ts';
export { restoreVersion } from './restore.ts';
