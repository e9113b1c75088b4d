import { useReview } from './ReviewContext.ts';
import { useReviewUi } from './useReviewUi.ts';

/** Opens and closes the Comments panel (everyone may read comments, viewers included). */
export function CommentsButton() {
  const review = useReview();
  const open = useReviewUi(review, (s) => s.panel);
  if (!review) return null;
  return (
    <button
      type="button"
      aria-pressed={open}
      onClick={() => review.setUi(open ? { panel: false, composing: null } : { panel: true })}
    >
      Comments
    </button>
  );
}
