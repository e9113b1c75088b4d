import { createContext, useContext } from 'react';
import type { ReviewSession } from './ReviewSession.ts';

export const ReviewContext = createContext<ReviewSession | null>(null);

/** The open map's review session; null outside a map, and until it has opened. */
export function useReview(): ReviewSession | null {
  return useContext(ReviewContext);
}
