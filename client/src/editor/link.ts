import type { Editor } from '@tiptap/core';
import { isSafeHref } from '@warrant/shared';

/**
 * The format bar's Link button and Ctrl+K: removes the link under the selection, or asks for
 * an address and links the selection to it. An address of a scheme claims may not hold
 * (`isSafeHref`) links nothing.
 */
export function toggleLink(editor: Editor): void {
  if (editor.isActive('link')) {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    return;
  }
  const href = window.prompt('Link address (https://…)')?.trim();
  if (isSafeHref(href)) editor.chain().focus().setLink({ href }).run();
  else editor.commands.focus();
}
