import { useSyncExternalStore } from 'react';
import type { ReviewSession, ReviewUiState } from './ReviewSession.ts';

const CLOSED: ReviewUiState = {
  panel: false,
  composing: null,
  filter: 'open',
  markFilter: null,
  marking: null,
};
const NOTHING = () => () => {};

/** A slice of this device's review UI state (closed while the review layer is not open). */
export function useReviewUi<T>(
  review: ReviewSession | null,
  select: (state: ReviewUiState) => T,
): T {
  return useSyncExternalStore(review ? review.ui.subscribe : NOTHING, () =>
    select(review ? review.ui.get() : CLOSED),
  );
}
