import { useRole } from './useRole.ts';

/** Whether to offer editing at all (viewers get none). */
export function useCanEdit(): boolean {
  return useRole() !== 'viewer';
}
