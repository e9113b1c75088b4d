import { useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** The relay's reason for refusing this person's writes, or null while it takes them. */
export function useRefusedWrites(): string | null {
  const { refusedWrites } = useSession().session.connection;
  return useSyncExternalStore(refusedWrites.subscribe, refusedWrites.get);
}
