import { useEffect } from 'react';
import { Commands } from './commands.ts';
import { KEY_COMMANDS } from './shortcuts.ts';
import { useSession } from './SessionContext.ts';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.closest('dialog[open]') !== null
  );
}

/**
 * Keyboard shortcuts for the open map (see `shortcuts.ts`). Text fields keep their own
 * keys; the claim editor handles Ctrl+Z itself so undo works there too.
 */
export function useShortcuts(
  handlers: { help: () => void; connect: () => void },
  /** False while the map is not what the page shows (the print view): no key acts on it. */
  enabled = true,
): void {
  const { session, ui } = useSession();
  useEffect(() => {
    if (!enabled) return;
    const commands = new Commands(session, ui);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingIn(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      // Letters act the same with Caps Lock or Shift: `C` is `c`.
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      let done = true;
      if (mod && !event.altKey && key === 'z') commands.run(event.shiftKey ? 'redo' : 'undo');
      else if (mod && !event.altKey && key === 'y') commands.run('redo');
      else if (mod || event.altKey) done = false;
      else if (key === '?') handlers.help();
      else if (key === 'c' && commands.enabled('connect')) handlers.connect();
      else if (key === 'Escape') ui.select(null);
      else if (key === 'm' || key === 'o') ui.setView(key === 'm' ? 'map' : 'outline');
      else if (
        (key === 'Enter' || key === 'Backspace') &&
        event.target instanceof HTMLButtonElement
      )
        done = false;
      else {
        const command = KEY_COMMANDS[key];
        if (command && commands.enabled(command)) commands.run(command);
        else done = false;
      }
      if (done) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, ui, handlers, enabled]);
}
