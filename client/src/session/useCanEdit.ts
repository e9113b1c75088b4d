import { canEditAs } from '../api/api.ts';
import { useOutdatedCopy } from './useOutdatedCopy.ts';
import { useRefusedWrites } from './useRefusedWrites.ts';
import { useRole } from './useRole.ts';

/**
 * Whether to offer editing at all: owners and editors only, only while the relay takes
 * their writes, and only on a map of this build's schema (not a device copy from an older
 * one). An unknown role (not said yet, and not known from an earlier visit) gets none.
 */
export function useCanEdit(): boolean {
  const role = useRole();
  const refused = useRefusedWrites();
  const outdated = useOutdatedCopy();
  return canEditAs(role) && refused === null && !outdated;
}
