import { getPassage, type ReviewTarget } from '@warrant/shared';
import { useCallback } from 'react';
import { useSession } from '../session/SessionContext.ts';

/**
 * Selects what a thread is on and asks the canvas or the outline to centre and focus it (a
 * passage: opens it in the reader).
 */
export function useGoToTarget(): (target: ReviewTarget) => void {
  const { session, ui } = useSession();
  return useCallback(
    (target: ReviewTarget) => {
      if (target.kind === 'passage') {
        const passage = getPassage(session.doc, target.id);
        if (passage) ui.openReader(passage.source, passage.id);
        return;
      }
      ui.select({ kind: target.kind === 'claim' ? 'claim' : 'reason', id: target.id });
      ui.reveal(target.id);
    },
    [session, ui],
  );
}
