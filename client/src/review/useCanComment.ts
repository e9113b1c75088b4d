import { canComment } from '@warrant/shared';
import { useSyncExternalStore } from 'react';
import { useRole } from '../session/useRole.ts';
import type { ReviewSession } from './ReviewSession.ts';

const NOTHING = () => () => {};
const NONE = () => null;

/**
 * Whether to offer commenting, marking and suggesting: owners, editors and commenters, while
 * the relay takes this link's review writes. Viewers read comments and write none.
 */
export function useCanComment(review: ReviewSession | null): boolean {
  const role = useRole();
  const refused = useSyncExternalStore(
    review ? review.connection.refusedWrites.subscribe : NOTHING,
    review ? review.connection.refusedWrites.get : NONE,
  );
  return review !== null && canComment(role) && refused === null;
}
