import { useSyncExternalStore } from 'react';
import type { MapStructure } from './MapStore.ts';
import { useSession } from './SessionContext.ts';

/** The map's claims and relations (not their text); re-renders only when the shape changes. */
export function useStructure(): MapStructure {
  const { store } = useSession().session;
  return useSyncExternalStore(store.subscribeStructure, store.getStructure);
}
