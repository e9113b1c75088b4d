import { useSyncExternalStore } from 'react';
import type { Peer } from './presence.ts';
import { useSession } from './SessionContext.ts';

/** The other people on this map; re-renders when someone joins, leaves or starts editing. */
export function usePeers(): readonly Peer[] {
  const { presence } = useSession().session;
  return useSyncExternalStore(presence.subscribe, presence.getPeers);
}
