import { useSyncExternalStore } from 'react';
import { canEditAs } from '../api/api.ts';
import { useSession } from './SessionContext.ts';
import { useRole } from './useRole.ts';

/** The relay's reason for refusing this person's writes, or null while it takes them. */
export function useRefusedWrites(): string | null {
  const { refusedWrites } = useSession().session.connection;
  return useSyncExternalStore(refusedWrites.subscribe, refusedWrites.get);
}

/** Whether the relay has said what this link may do ('failed': it could not be asked). */
export function useRoleCheck(): 'checking' | 'done' | 'failed' {
  const { roleCheck } = useSession().session;
  return useSyncExternalStore(roleCheck.subscribe, roleCheck.get);
}

/**
 * Whether to offer editing at all: owners and editors only, and only while the relay takes
 * their writes. An unknown role (not said yet, and not known from an earlier visit) gets none.
 */
export function useCanEdit(): boolean {
  const role = useRole();
  const refused = useRefusedWrites();
  return canEditAs(role) && refused === null;
}
