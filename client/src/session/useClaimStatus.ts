import type { ClaimId, ClaimLabel } from '@warrant/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { Assumption } from './LensStore.ts';
import { useSession } from './SessionContext.ts';

export interface ClaimStatus {
  label: ClaimLabel;
  /** This device assumes the claim's status ("what if"), so the label is not the map's. */
  assumed: Assumption | undefined;
}

/**
 * One claim's status under the lens, or null while the lens is off or has not answered yet;
 * re-renders only when this claim's label, the lens or its assumptions change.
 */
export function useClaimStatus(claim: ClaimId): ClaimStatus | null {
  const { lens } = useSession().session;
  const subscribe = useCallback(
    (cb: () => void) => {
      const stops = [
        lens.subscribeLabel(claim, cb),
        lens.on.subscribe(cb),
        lens.assumptions.subscribe(cb),
      ];
      return () => stops.forEach((stop) => stop());
    },
    [lens, claim],
  );
  const on = useSyncExternalStore(subscribe, lens.on.get);
  const label = useSyncExternalStore(subscribe, () => lens.labelOf(claim));
  const assumed = useSyncExternalStore(subscribe, () => lens.assumptions.get().get(claim));
  return on && label ? { label, assumed } : null;
}
