import { canEditAs } from '../api/api.ts';
import { useRefusedWrites } from './useRefusedWrites.ts';
import { useRole } from './useRole.ts';

/**
 * Whether to offer editing at all: owners and editors only, and only while the relay takes
 * their writes. An unknown role (not said yet, and not known from an earlier visit) gets none.
 */
export function useCanEdit(): boolean {
  const role = useRole();
  const refused = useRefusedWrites();
  return canEditAs(role) && refused === null;
}
