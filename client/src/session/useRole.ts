import { useSyncExternalStore } from 'react';
import type { Role } from '../api/api.ts';
import { useSession } from './SessionContext.ts';

/** This person's role on the open map (null until known, or on a relay without roles). */
export function useRole(): Role | null {
  const { role } = useSession().session;
  return useSyncExternalStore(role.subscribe, role.get);
}
