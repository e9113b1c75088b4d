import { useSyncExternalStore } from 'react';
import type { ReviewSession } from './ReviewSession.ts';

/** A number that changes with every change to the review document (the panel re-reads it). */
export function useReviewVersion(review: ReviewSession): number {
  return useSyncExternalStore(review.store.subscribe, review.store.getVersion);
}
