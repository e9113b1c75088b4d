import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { useUi } from '../session/useUi.ts';
import { useReview } from './ReviewContext.ts';
import { useCanComment } from './useCanComment.ts';
import { useReviewShortcuts } from './useReviewShortcuts.ts';
import './review.css';

/**
 * The review commands on the selection: "Comment" (Shift+C) on a claim or a reason, "Mark…"
 * on a claim, and, for those who may comment but not edit, suggestions about a claim. Shown
 * to everyone who may comment (owners, editors, commenters); viewers read comments only.
 */
export function ReviewBar() {
  const { ui } = useSession();
  const review = useReview();
  const canComment = useCanComment(review);
  const canEdit = useCanEdit();
  const selection = useUi((s) => s.selection);
  useReviewShortcuts(review, ui, canComment);
  if (!review || !canComment) return null;
  const claim = selection?.kind === 'claim' ? selection.id : null;
  const what = selection?.kind === 'reason' ? 'reason' : 'claim';
  const suggest = (stance: 'support' | 'rebut' | 'rewording') => {
    if (claim) review.setUi({ panel: true, composing: { kind: 'suggest', claim, stance } });
  };
  return (
    <div className="toolbar review-bar" role="toolbar" aria-label="Review">
      <button
        type="button"
        className="tool"
        aria-label="Comment"
        aria-keyshortcuts="Shift+C"
        title={`Comment on the selected ${what} (Shift+C)`}
        disabled={!selection}
        onClick={() =>
          selection &&
          review.comment({
            kind: selection.kind === 'claim' ? 'claim' : 'relation',
            id: selection.id,
          })
        }
      >
        <span aria-hidden="true">💬</span> <span className="tool-text">Comment</span>
      </button>
      <button
        type="button"
        className="tool"
        aria-haspopup="dialog"
        aria-label="Mark…"
        title="Mark the selected claim: needs evidence, unclear, strong or off topic"
        disabled={!claim}
        onClick={() => claim && review.setUi({ marking: claim })}
      >
        <span aria-hidden="true">⚑</span> <span className="tool-text">Mark…</span>
      </button>
      {canEdit ? null : (
        <>
          <span className="sep" aria-hidden="true" />
          <button
            type="button"
            className="tool"
            aria-label="Suggest supporting claim"
            disabled={!claim}
            onClick={() => suggest('support')}
          >
            <span aria-hidden="true">✎</span>{' '}
            <span className="tool-text">Suggest supporting claim</span>
          </button>
          <button
            type="button"
            className="tool"
            aria-label="Suggest rebuttal"
            disabled={!claim}
            onClick={() => suggest('rebut')}
          >
            <span aria-hidden="true">✎</span> <span className="tool-text">Suggest rebuttal</span>
          </button>
          <button
            type="button"
            className="tool"
            aria-label="Suggest rewording"
            disabled={!claim}
            onClick={() => suggest('rewording')}
          >
            <span aria-hidden="true">✎</span> <span className="tool-text">Suggest rewording</span>
          </button>
        </>
      )}
      {selection ? null : <span className="hint">Select a claim to comment on it.</span>}
    </div>
  );
}
