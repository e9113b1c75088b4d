import { useMemo } from 'react';
import { Commands } from '../core/commands.ts';
import { useSession } from './SessionContext.ts';
import { useUi } from './useUi.ts';
import { useUndoState } from './useUndoState.ts';
import { useStructure } from './useStructure.ts';

/**
 * The editing commands, re-rendering the caller when what is enabled may have changed
 * (selection, undo history, the map's shape).
 */
export function useCommands(): Commands {
  const { session, ui } = useSession();
  useUi((s) => s.selection);
  useUndoState();
  useStructure();
  return useMemo(() => new Commands(session, ui), [session, ui]);
}
