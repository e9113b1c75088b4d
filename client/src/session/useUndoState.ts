import { useEffect, useState } from 'react';
import { useSession } from './SessionContext.ts';

/** Whether this person has something to undo or redo (their own changes only). */
export function useUndoState(): { canUndo: boolean; canRedo: boolean } {
  const { undoManager } = useSession().session;
  const read = () => ({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() });
  const [state, setState] = useState(read);
  useEffect(() => {
    const onChange = () =>
      setState((prev) => {
        const next = { canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() };
        return prev.canUndo === next.canUndo && prev.canRedo === next.canRedo ? prev : next;
      });
    undoManager.on('stack-item-added', onChange);
    undoManager.on('stack-item-popped', onChange);
    undoManager.on('stack-cleared', onChange);
    onChange();
    return () => {
      undoManager.off('stack-item-added', onChange);
      undoManager.off('stack-item-popped', onChange);
      undoManager.off('stack-cleared', onChange);
    };
  }, [undoManager]);
  return state;
}
