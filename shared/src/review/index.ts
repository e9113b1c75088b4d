/**
 * The review layer: comments, review marks and suggestions, in a Y.Doc of their own beside
 * each map (see `schema.ts` for why). Client and server call these operations and queries;
 * only this folder knows the review document's keys.
 */
export {
  REVIEW_SCHEMA_VERSION,
  REVIEW_ORIGIN,
  reviewSchemaVersion,
  checkReviewVersion,
  type ReviewAuthor,
} from './schema.ts';
export {
  TARGET_KINDS,
  targetKey,
  targetExists,
  targetChecker,
  type TargetKind,
  type ReviewTarget,
} from './target.ts';
export { parseMentions, MAX_MENTIONS } from './mentions.ts';
export {
  reply,
  editComment,
  deleteComment,
  getComment,
  MAX_COMMENT_TEXT,
  type CommentId,
  type ThreadId,
  type CommentView,
  type NewComment,
} from './Comment.ts';
export {
  startThread,
  resolveThread,
  reopenThread,
  getThread,
  type ThreadView,
  type NewThread,
} from './Thread.ts';
export {
  markClaim,
  unmarkClaim,
  listMarks,
  marksByClaim,
  markKey,
  MARK_KINDS,
  MAX_MARK_NOTE,
  type MarkKind,
  type MarkView,
  type NewMark,
  type MarkFilter,
} from './Mark.ts';
export {
  suggestClaim,
  suggestRewording,
  acceptSuggestion,
  rejectSuggestion,
  withdrawSuggestion,
  getSuggestion,
  listSuggestions,
  SUGGESTION_STATUSES,
  type SuggestionId,
  type SuggestionStatus,
  type SuggestionView,
  type SuggestionFilter,
} from './Suggestion.ts';
export {
  listThreads,
  threadsOn,
  openThreadCounts,
  placeThreads,
  threadsOnDeletedTargets,
  reviewPeople,
  reviewStats,
  type ThreadFilter,
  type PlacedThread,
} from './queries.ts';
export { observeReview, type ReviewChange } from './observe.ts';
