import type { ClaimId } from '@warrant/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { EvidenceChip } from './EvidenceStore.ts';
import { useSession } from './SessionContext.ts';

/** The evidence chips of one claim; re-renders only when that claim's evidence changes. */
export function useEvidence(claim: ClaimId): readonly EvidenceChip[] {
  const { evidence } = useSession().session;
  const subscribe = useCallback(
    (cb: () => void) => evidence.subscribeChips(claim, cb),
    [evidence, claim],
  );
  const read = useCallback(() => evidence.chipsOf(claim), [evidence, claim]);
  return useSyncExternalStore(subscribe, read);
}
