import { useSyncExternalStore } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { useRole } from '../session/useRole.ts';
import { authorsStoreFor, type AuthorsState, type AuthorsStore } from './AuthorsStore.ts';

/** The open map's authors store and its state; `showing` only ever true for the owner. */
export function useAuthors(): { store: AuthorsStore; state: AuthorsState; owner: boolean } {
  const { session } = useSession();
  const owner = useRole() === 'owner';
  const store = authorsStoreFor(session);
  const state = useSyncExternalStore(store.state.subscribe, store.state.get);
  return { store, state, owner };
}

/** Whether cards and claim text show who wrote them right now. */
export function useShowingAuthors(): boolean {
  const { state, owner } = useAuthors();
  return owner && state.showing && state.data !== null;
}
