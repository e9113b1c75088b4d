import { useSyncExternalStore } from 'react';
import type { Value } from '../state/Value.ts';
import type { LensStore } from './LensStore.ts';
import { useSession } from './SessionContext.ts';

/** One of the lens's values (on, checks open, options, assumptions, latest result). */
export function useLens<T>(pick: (lens: LensStore) => Value<T>): T {
  const value = pick(useSession().session.lens);
  return useSyncExternalStore(value.subscribe, value.get);
}
