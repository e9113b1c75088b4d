import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Reads the browser's caret into the editor's state before a key is handled.
 *
 * ProseMirror lets the browser move the caret for navigation keys (End, Home, arrows) and
 * learns of the move from the `selectionchange` event, which the browser fires later, as a
 * task of its own. Chromium runs queued input before such tasks, so on a busy page a key
 * pressed right after End (Shift+Enter, a letter, Backspace) was handled at the selection
 * from before the move: select a word, make it a link, press End and Shift+Enter, and the
 * line break replaced the linked word. Keys now act where the caret shows.
 */
export function syncCaretFromDom(view: EditorView): boolean {
  if (view.composing || !view.hasFocus()) return false;
  const { selection, doc } = view.state;
  // Node and cell selections are drawn by ProseMirror, not the browser's caret.
  if (!(selection instanceof TextSelection)) return false;
  const dom = view.dom.ownerDocument.getSelection();
  if (!dom?.anchorNode || !dom.focusNode) return false;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return false;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    head = view.posAtDOM(dom.focusNode, dom.focusOffset);
  } catch {
    return false; // inside something ProseMirror does not map (a widget): leave it be
  }
  if (anchor === selection.anchor && head === selection.head) return false;
  const size = doc.content.size;
  if (anchor < 0 || head < 0 || anchor > size || head > size) return false;
  view.dispatch(
    view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))),
  );
  return true;
}

const key = new PluginKey('warrantCaretFirst');

/** See `syncCaretFromDom`. Runs on keydown, before any keymap sees the key. */
export const CaretFirst = Extension.create({
  name: 'warrantCaretFirst',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key,
        props: {
          handleDOMEvents: {
            keydown: (view) => {
              syncCaretFromDom(view);
              return false;
            },
          },
        },
      }),
    ];
  },
});
