import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { CommentsPanel } from './CommentsPanel.tsx';
import { MarkDialog } from './MarkDialog.tsx';
import { useReview } from './ReviewContext.ts';
import { useCanComment } from './useCanComment.ts';
import { useReviewUi } from './useReviewUi.ts';

/** Beside the map: the Comments panel while open, and the "Mark…" dialog. */
export function ReviewPanels() {
  const { session } = useSession();
  const review = useReview();
  const panel = useReviewUi(review, (s) => s.panel);
  const marking = useReviewUi(review, (s) => s.marking);
  const canComment = useCanComment(review);
  if (!review) return null;
  return (
    <>
      {panel ? <CommentsPanel review={review} /> : null}
      {marking && canComment ? (
        <MarkDialog
          review={review}
          claim={marking}
          claimText={plainText(session.store.getClaimContent(marking))}
          onClose={() => review.setUi({ marking: null })}
        />
      ) : null}
    </>
  );
}
