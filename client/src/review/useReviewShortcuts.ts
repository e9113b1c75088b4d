import { useEffect } from 'react';
import type { EditorUi } from '../session/EditorUi.ts';
import type { ReviewSession } from './ReviewSession.ts';

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

/** Shift+C: comment on the selected claim or reason (listed in the help dialog). */
export function useReviewShortcuts(
  review: ReviewSession | null,
  ui: EditorUi,
  canComment: boolean,
): void {
  useEffect(() => {
    if (!review || !canComment) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingIn(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey || !event.shiftKey) return;
      if (event.key !== 'C') return;
      const selection = ui.get().selection;
      if (!selection) return;
      event.preventDefault();
      review.comment({ kind: selection.kind === 'claim' ? 'claim' : 'relation', id: selection.id });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [review, ui, canComment]);
}
