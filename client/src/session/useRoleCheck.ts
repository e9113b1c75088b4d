import { useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** Whether the relay has said what this link may do ('failed': it could not be asked). */
export function useRoleCheck(): 'checking' | 'done' | 'failed' {
  const { roleCheck } = useSession().session;
  return useSyncExternalStore(roleCheck.subscribe, roleCheck.get);
}
