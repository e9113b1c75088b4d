import { useEffect } from 'react';
import { useAuthors } from './useAuthors.ts';

/**
 * The owner's two controls in the map's header: "Show authors" (cards and claim text say who
 * wrote them) and "Authors" (the panel of per-author figures). Nobody else sees them: the
 * relay answers who did what to the owner only.
 */
export function AuthorsButtons() {
  const { store, state, owner } = useAuthors();
  useEffect(() => (owner ? store.attach() : undefined), [store, owner]);
  if (!owner) return null;
  return (
    <>
      <button
        type="button"
        aria-label="Show authors"
        aria-pressed={state.showing}
        title="Show who created each claim and who wrote which words"
        onClick={() => store.toggleShowing()}
      >
        Show authors
      </button>
      <button
        type="button"
        aria-label="Authors"
        aria-pressed={state.panelOpen}
        onClick={() => store.togglePanel()}
      >
        Authors
      </button>
    </>
  );
}
