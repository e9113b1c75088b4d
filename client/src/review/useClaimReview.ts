import type { ClaimId } from '@warrant/shared';
import { useCallback, useSyncExternalStore } from 'react';
import { useReview } from './ReviewContext.ts';
import { NO_REVIEW, type ClaimReview } from './ReviewStore.ts';

const NOTHING = () => () => {};

/** One claim's open threads, marks and suggestions; re-renders only when they change. */
export function useClaimReview(claim: ClaimId): ClaimReview {
  const store = useReview()?.store;
  const subscribe = useCallback(
    (cb: () => void) => (store ? store.subscribeClaim(claim, cb) : NOTHING()),
    [store, claim],
  );
  const read = useCallback(() => (store ? store.claim(claim) : NO_REVIEW), [store, claim]);
  return useSyncExternalStore(subscribe, read);
}
