import { useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** Whether the relay has made all of this device's edits durable (null: it has not said). */
export function useSaved(): boolean | null {
  const { commits } = useSession().session.connection;
  return useSyncExternalStore(commits.subscribe, () => commits.saved);
}
