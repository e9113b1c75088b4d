import type { Editor } from '@tiptap/core';
import type { Typed } from '../session/TypeAhead.ts';

/** Deletes one character before (Backspace) or after (Delete) an empty selection. */
function deleteChar(editor: Editor, key: 'Backspace' | 'Delete'): void {
  const { state } = editor;
  const { empty, $from, from } = state.selection;
  const atEdge = key === 'Backspace' ? $from.parentOffset === 0 : from === $from.end();
  if (!empty || atEdge) {
    // A selection, or a block boundary to join across: what the key itself does there.
    editor.commands.keyboardShortcut(key);
    return;
  }
  const text = $from.parent.textBetween(0, $from.parent.content.size, undefined, '\ufffc');
  const at = $from.parentOffset;
  // A character beyond the Basic Multilingual Plane is two UTF-16 units: delete both.
  const pair =
    key === 'Backspace'
      ? /[\udc00-\udfff]/.test(text.charAt(at - 1)) && at > 1
      : /[\ud800-\udbff]/.test(text.charAt(at));
  const size = pair ? 2 : 1;
  const start = key === 'Backspace' ? from - size : from;
  editor.view.dispatch(state.tr.delete(start, start + size).scrollIntoView());
}

/**
 * Replays keystrokes typed before the editor was there, in order, as if typed into it.
 * A replayed key can close this editor (Escape) or open the next claim's (Enter and Tab in
 * the outline): `stillHere` then turns false, and the keys not yet replayed are returned
 * for whatever is being edited now.
 */
export function replayTyped(
  editor: Editor,
  typed: readonly Typed[],
  stillHere: () => boolean,
): Typed[] {
  for (const [i, t] of typed.entries()) {
    if (!stillHere() || editor.isDestroyed) return typed.slice(i);
    if ('text' in t) {
      const text = t.text.replace(/\r?\n/g, ' ');
      editor.view.dispatch(editor.state.tr.insertText(text).scrollIntoView());
    } else if (t.key === 'Backspace' || t.key === 'Delete') {
      deleteChar(editor, t.key);
    } else {
      editor.commands.keyboardShortcut(t.shift ? `Shift-${t.key}` : t.key);
    }
  }
  return [];
}
