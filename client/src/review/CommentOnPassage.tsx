import type { PassageId } from '@warrant/shared';
import { useSyncExternalStore } from 'react';
import { useReview } from './ReviewContext.ts';
import { commentCount } from './panelItems.ts';
import { useCanComment } from './useCanComment.ts';

const NOTHING = () => () => {};
const ZERO = () => 0;

/** In the reader, beside a cited passage: its open-thread count and "Comment on this passage". */
export function CommentOnPassage({ passage }: { passage: PassageId }) {
  const review = useReview();
  const canComment = useCanComment(review);
  const target = { kind: 'passage', id: passage } as const;
  const open = useSyncExternalStore(review ? review.store.subscribe : NOTHING, () =>
    review ? review.store.openThreadsOn(target) : ZERO(),
  );
  if (!review || (!canComment && open === 0)) return null;
  return (
    <span className="review-passage">
      {open > 0 ? (
        <button
          type="button"
          className="link"
          onClick={() => review.setUi({ panel: true, filter: 'open' })}
        >
          <span aria-hidden="true">💬</span> {commentCount(open)}
        </button>
      ) : null}
      {canComment ? (
        <button type="button" className="link" onClick={() => review.comment(target)}>
          Comment on this passage
        </button>
      ) : null}
    </span>
  );
}
