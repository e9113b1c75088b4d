import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { LayoutStore, layoutStorageKey, type LayoutSnapshot } from './LayoutStore.ts';
import { useSession } from '../session/SessionContext.ts';
import { useStructure } from '../session/useStructure.ts';

/** The canvas layout for the open map, kept up to date as the map's shape changes. */
export function useLayout(): { layout: LayoutSnapshot | null; store: LayoutStore } {
  const { session } = useSession();
  const structure = useStructure();
  const store = useMemo(() => new LayoutStore(layoutStorageKey(session.mapId)), [session]);
  useEffect(() => () => store.destroy(), [store]);
  // Synchronous on purpose: a new claim gets its place in the same render that shows it.
  store.update(structure);
  const layout = useSyncExternalStore(store.subscribe, store.get);
  return { layout, store };
}
