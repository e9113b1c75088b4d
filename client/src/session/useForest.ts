import type { ProConNode } from '@warrant/shared';
import { useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** The pro/con tree of every root claim; built once per change of the map's shape. */
export function useForest(): readonly ProConNode[] {
  const { store } = useSession().session;
  return useSyncExternalStore(store.subscribeStructure, store.getForest);
}
