import type { ClaimId } from '@warrant/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { Peer } from './presence.ts';
import { useSession } from './SessionContext.ts';

/** The other people typing in this claim right now. */
export function useClaimEditors(id: ClaimId): readonly Peer[] {
  const { presence } = useSession().session;
  const subscribe = useCallback(
    (cb: () => void) => presence.subscribeClaim(id, cb),
    [presence, id],
  );
  return useSyncExternalStore(subscribe, () => presence.editorsOf(id));
}
