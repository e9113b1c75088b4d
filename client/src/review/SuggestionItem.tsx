import {
  acceptSuggestion,
  rejectSuggestion,
  withdrawSuggestion,
  type SuggestionView,
} from '@warrant/shared';
import { useSession } from '../session/SessionContext.ts';
import { failureText, MAP_MAY_HAVE_CHANGED } from '../ui/failure.ts';
import { suggestionWord } from './ReviewBadges.tsx';
import type { ReviewSession } from './ReviewSession.ts';

/**
 * An open suggestion in the Comments panel: what it proposes for which claim, by whom. Owners
 * and editors accept it (applied to the map as their own edit, one undo step, the new claim
 * credited to the suggester) or reject it; its author may withdraw it.
 */
export function SuggestionItem({
  review,
  suggestion,
  claimLabel,
  canEdit,
  canComment,
  onGoTo,
}: {
  review: ReviewSession;
  suggestion: SuggestionView;
  claimLabel: string | null;
  canEdit: boolean;
  canComment: boolean;
  onGoTo: () => void;
}) {
  const { session, ui } = useSession();
  const word = suggestionWord(suggestion);
  const act = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      ui.notify(failureText(error, { what, next: MAP_MAY_HAVE_CHANGED }));
    }
  };
  const accept = () =>
    act('The suggestion was not applied', () => {
      const applied = session.act(() =>
        acceptSuggestion(session.doc, review.doc, suggestion.id, review.author),
      );
      ui.select({ kind: 'claim', id: applied.claim });
      ui.reveal(applied.claim);
    });
  const own = suggestion.author.id === review.author.id;
  return (
    <article
      className="review-thread suggestion"
      aria-label={`${word} by ${suggestion.author.name}`}
    >
      <div className="review-thread-head">
        <span className="review-status open">
          <span aria-hidden="true">✎</span> {word}
        </span>
        {claimLabel ? (
          <button type="button" className="link-button" onClick={onGoTo}>
            {claimLabel}
          </button>
        ) : (
          <span className="review-gone">
            <span aria-hidden="true">⚠</span> On a deleted claim
          </span>
        )}
      </div>
      <p className="review-text">
        <strong>{suggestion.author.name}</strong> proposes: “{suggestion.text}”
      </p>
      {suggestion.kind === 'rewording' && suggestion.original ? (
        <p className="hint">Was: “{suggestion.original}”</p>
      ) : null}
      <div className="review-actions">
        {canEdit && claimLabel ? (
          <button type="button" className="primary" onClick={accept}>
            Accept
          </button>
        ) : null}
        {canEdit ? (
          <button
            type="button"
            onClick={() =>
              act('The suggestion was not rejected', () =>
                rejectSuggestion(review.doc, suggestion.id, review.author),
              )
            }
          >
            Reject
          </button>
        ) : null}
        {own && canComment && !canEdit ? (
          <button
            type="button"
            onClick={() =>
              act('The suggestion was not withdrawn', () =>
                withdrawSuggestion(review.doc, suggestion.id, review.author),
              )
            }
          >
            Withdraw
          </button>
        ) : null}
      </div>
    </article>
  );
}
