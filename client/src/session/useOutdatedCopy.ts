import { useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** Whether the map shown is this device's older-schema copy, waiting for the relay's. */
export function useOutdatedCopy(): boolean {
  const { outdatedCopy } = useSession().session;
  return useSyncExternalStore(outdatedCopy.subscribe, outdatedCopy.get);
}
