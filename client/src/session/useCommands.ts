import { useMemo } from 'react';
import { Commands } from './commands.ts';
import { useSession } from './SessionContext.ts';
import { useUi } from './useUi.ts';
import { useUndoState } from './useUndoState.ts';
import { useStructure } from './useStructure.ts';
import { useCanEdit } from './useCanEdit.ts';

/**
 * The editing commands, re-rendering the caller when what is enabled may have changed
 * (selection, undo history, the map's shape, whether this person may edit).
 */
export function useCommands(): Commands {
  const { session, ui } = useSession();
  useUi((s) => s.selection);
  useUndoState();
  useStructure();
  useCanEdit();
  return useMemo(() => new Commands(session, ui), [session, ui]);
}
