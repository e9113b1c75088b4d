import type { RelationId } from '@warrant/shared';
import { useSyncExternalStore } from 'react';
import { useReview } from './ReviewContext.ts';
import { commentCount } from './panelItems.ts';

const NOTHING = () => () => {};

/** On a reason's pill: how many open threads are on it ("1 comment"), opening the panel. */
export function ReasonReviewCount({ id }: { id: RelationId }) {
  const review = useReview();
  const open = useSyncExternalStore(review ? review.store.subscribe : NOTHING, () =>
    review ? review.store.openThreadsOn({ kind: 'relation', id }) : 0,
  );
  if (!review || open === 0) return null;
  return (
    <button
      type="button"
      className="review-count nodrag"
      title="Show the comments on this reason"
      onClick={() => review.setUi({ panel: true, filter: 'open' })}
    >
      <span aria-hidden="true">💬</span> {commentCount(open)}
    </button>
  );
}
