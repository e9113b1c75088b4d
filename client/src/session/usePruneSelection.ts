import { useEffect } from 'react';
import { useSession } from './SessionContext.ts';
import { useStructure } from './useStructure.ts';

/** Drops a selection (or open editor) whose claim or reason someone else just deleted. */
export function usePruneSelection(): void {
  const { ui } = useSession();
  const structure = useStructure();
  useEffect(() => {
    const claims = new Set(structure.claims);
    const relations = new Set(structure.relations.map((r) => r.id));
    ui.prune((id) => claims.has(id) || relations.has(id));
  }, [structure, ui]);
}
