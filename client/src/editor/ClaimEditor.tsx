import type { ClaimId } from '@warrant/shared';
import { claimFragment } from '@warrant/shared';
import { Editor, EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, useRef } from 'react';
import * as Y from 'yjs';
import { setEditing } from '../session/presence.ts';
import { afterNextPaint } from '../state/afterNextPaint.ts';
import { useSession } from '../session/SessionContext.ts';
import { claimEditorExtensions, textExtensions, trackTyping } from './claimEditorExtensions.ts';
import { FormatBar } from './FormatBar.tsx';
import { replayTyped } from './replayTyped.ts';

// For `bench/openProfile.ts`: when the editor's chunk has arrived and run.
performance.mark('warrant:editor-loaded');

export interface ClaimEditorProps {
  id: ClaimId;
  /** False to follow someone else's typing (their caret shows) without editing. */
  editable: boolean;
  label: string;
  onDone?: () => void;
  /** Enter (outside lists): return true to take it over instead of a new paragraph. */
  onEnter?: () => boolean;
  /** Tab / Shift+Tab (outside lists): return true to take it over. */
  onTab?: (shift: boolean) => boolean;
}

/** How many claim editors have been built on this page (see `warmUpEditor`). */
let editorsMounted = 0;

/**
 * Builds an editor on a scratch document off screen, types into it and drops it, so a later
 * real one does not also pay for compiling Tiptap's and ProseMirror's code on its way to taking
 * the focus. Called once the opening map has settled (`whenSettled`); nothing to do if a real
 * editor came first.
 */
export function warmUpEditor(): void {
  // A real editor has mounted already (the first click came first): the code is compiled.
  if (editorsMounted > 0) return;
  const scratch = new Y.Doc();
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: textExtensions(scratch.getXmlFragment('warm-up')),
  });
  editor.commands.insertContent('warm');
  editor.destroy();
  scratch.destroy();
}

/** Whether the editor's view is in the page (`EditorContent` moves it there when it mounts). */
function inPage(editor: Editor): boolean {
  try {
    return editor.view.dom.isConnected;
  } catch {
    return false; // no view yet: Tiptap's stand-in throws for its element
  }
}

/** A key per fragment object: a claim brought back by undo has a new one, and a new editor. */
const fragmentKeys = new WeakMap<Y.XmlFragment, number>();
let nextFragmentKey = 0;
function keyOf(fragment: Y.XmlFragment): number {
  let key = fragmentKeys.get(fragment);
  if (key === undefined) {
    key = ++nextFragmentKey;
    fragmentKeys.set(fragment, key);
  }
  return key;
}

/**
 * A live Tiptap editor on one claim's text. Mounted only for the claim being edited here,
 * or one someone else is editing (to show their caret); every other card is static text.
 *
 * The claim can vanish while the editor is open (its creation undone from inside it, or
 * someone else deleting it): then nothing renders, and this device stops "editing" it. The
 * Tiptap editor itself lives in `BoundClaimEditor`, which only ever exists with a fragment.
 */
export function ClaimEditor(props: ClaimEditorProps) {
  const { session, ui } = useSession();
  const fragment = claimFragment(session.doc, props.id);
  const { id } = props;
  useEffect(() => {
    if (!fragment && ui.get().editing === id) ui.edit(null);
  }, [fragment, id, ui]);
  if (!fragment) return null;
  return <BoundClaimEditor key={keyOf(fragment)} fragment={fragment} {...props} />;
}

function BoundClaimEditor({
  id,
  fragment,
  editable,
  label,
  onDone,
  onEnter,
  onTab,
}: ClaimEditorProps & { fragment: Y.XmlFragment }) {
  const { session, ui } = useSession();
  const done = useRef(onDone);
  done.current = onDone;
  const enter = useRef(onEnter);
  enter.current = onEnter;
  const tab = useRef(onTab);
  tab.current = onTab;
  trackTyping(session.undoManager);
  const extensions = useMemo(
    () =>
      claimEditorExtensions({
        fragment,
        provider: session.connection.provider,
        me: session.me,
        keys: {
          undo: () => session.undoManager.undo(),
          redo: () => session.undoManager.redo(),
          done: () => done.current?.(),
          enter: () => enter.current?.() ?? false,
          tab: (shift) => tab.current?.(shift) ?? false,
        },
      }),
    [fragment, session],
  );
  useEffect(() => {
    editorsMounted++;
  }, []);
  const editor = useEditor(
    {
      extensions,
      editable,
      autofocus: editable ? 'end' : false,
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'claim-editor-content',
        },
      },
    },
    [extensions],
  );

  useEffect(() => {
    if (!editor) return;
    // Created editable or not already: setting it again would redraw it and tell every
    // listener of an update, on the way to the caret.
    if (editor.isEditable !== editable) editor.setEditable(editable);
    if (!editable) return;
    // Telling the others (the awareness update, encoded and sent; every view of who is where
    // drawn again) waits for the frame that shows the caret.
    let told = false;
    const cancel = afterNextPaint(() => {
      told = true;
      setEditing(session.awareness, id);
    });
    return () => {
      cancel();
      if (told) setEditing(session.awareness, null);
    };
  }, [editor, editable, id, session]);

  // What was typed before this editor was there (its code loading, say) goes in first, in
  // order; then the editor takes the focus, in the same task, so no keystroke falls between.
  // As soon as its view is in the page, which is now (`EditorContent` has mounted it): not at
  // Tiptap's `create`, a timer later, after the browser has drawn the new card once without
  // the caret (on a large map a frame of 100 ms and more).
  useEffect(() => {
    if (!editor || !editable) return;
    const takeOver = () => {
      if (editor.isDestroyed || ui.typeAhead.pending() !== id) return;
      const typed = ui.typeAhead.take(id);
      // Tiptap's own focus at `create` would come after keys replayed or typed meanwhile,
      // and put the caret back at the end.
      if (!editor.isInitialized) editor.setOptions({ autofocus: false });
      if (!editor.isFocused) editor.commands.focus('end');
      editor.view.focus();
      // For `bench/openProfile.ts`: the caret is in (Playwright sees it a frame and a round
      // trip later, and the work held until now runs in between).
      performance.mark('warrant:caret');
      ui.typeAhead.requeue(replayTyped(editor, typed, () => ui.get().editing === id));
    };
    if (editor.isInitialized || inPage(editor)) takeOver();
    else editor.on('create', takeOver);
    return () => {
      editor.off('create', takeOver);
    };
  }, [editor, editable, id, ui]);

  return (
    <div className="claim-editor nodrag nopan nowheel">
      {editable && editor ? <FormatBar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
