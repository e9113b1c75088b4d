import type { ClaimId, RichDoc } from '@warrant/shared';
import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** One claim's rich text; re-renders only when that claim's text changes. */
export function useClaimContent(id: ClaimId): RichDoc | undefined {
  const { store } = useSession().session;
  const subscribe = useCallback((cb: () => void) => store.subscribeClaim(id, cb), [store, id]);
  const get = useCallback(() => store.getClaimContent(id), [store, id]);
  return useSyncExternalStore(subscribe, get);
}
