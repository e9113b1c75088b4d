import { useSyncExternalStore } from 'react';
import type { Leader } from '../session/FollowStore.ts';
import { useSession } from '../session/SessionContext.ts';

/** The person this person follows, as they are now; null when following nobody. */
export function useLeader(): Leader | null {
  const { follow } = useSession().session;
  return useSyncExternalStore(follow.subscribe, follow.get);
}
