import type { ClaimId } from '@warrant/shared';
import { useCallback } from 'react';
import { useSession } from '../session/SessionContext.ts';

/** Selects a claim and asks the canvas or the outline to bring it into sight and focus it. */
export function useGoToClaim(): (claim: ClaimId) => void {
  const { ui } = useSession();
  return useCallback(
    (claim: ClaimId) => {
      ui.select({ kind: 'claim', id: claim });
      ui.reveal(claim);
    },
    [ui],
  );
}
