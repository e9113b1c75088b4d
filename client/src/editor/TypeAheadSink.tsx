import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { EditKey } from '../session/TypeAhead.ts';
import { useSession } from '../session/SessionContext.ts';
import { settleGate } from '../state/whenSettled.ts';

const EDIT_KEYS: ReadonlySet<string> = new Set<EditKey>([
  'Backspace',
  'Delete',
  'Enter',
  'Tab',
  'Escape',
]);

function isEditKey(key: string): key is EditKey {
  return EDIT_KEYS.has(key);
}

/**
 * Where the keyboard goes between a command that opens a claim's editor and the editor
 * taking the focus (its code may still be loading): an unseen text field that takes the
 * focus at once, in the same event as the command, and keeps what is typed into it for the
 * editor (`TypeAhead`). Being a text field, its keys are never read as shortcuts, and it
 * takes text however it comes (keys, an input method, a paste).
 */
export function TypeAheadSink() {
  const { ui } = useSession();
  const field = useRef<HTMLTextAreaElement>(null);
  const { typeAhead } = ui;

  useEffect(() => {
    // While an editor is on its way, work that can wait (the evaluation's start, the
    // overview's drawing) waits for its caret and the frame that draws it (`SettleGate`).
    let release: (() => void) | null = null;
    const follow = () => {
      const el = field.current;
      const pending = typeAhead.pending() !== null;
      if (pending) release ??= settleGate.hold();
      else {
        release?.();
        release = null;
      }
      if (!el) return;
      el.value = '';
      if (pending) {
        el.hidden = false;
        el.focus({ preventScroll: true });
      } else {
        el.hidden = true;
      }
    };
    follow();
    const stop = typeAhead.subscribe(follow);
    return () => {
      stop();
      release?.();
    };
  }, [typeAhead]);

  const keep = () => {
    const el = field.current;
    if (!el) return;
    typeAhead.type(el.value);
    el.value = '';
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    const key = event.key;
    if (isEditKey(key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      keep();
      typeAhead.press(key, event.shiftKey);
    } else if (event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End') {
      // The editor's caret will be at the end of the text: moving this one means nothing.
      event.preventDefault();
    }
  };

  return (
    <textarea
      ref={field}
      className="type-ahead"
      aria-label="Text for the claim, kept while its editor loads"
      hidden
      rows={1}
      spellCheck={false}
      onKeyDown={onKeyDown}
      onInput={(event) => {
        if (!(event.nativeEvent as InputEvent).isComposing) keep();
      }}
      onCompositionEnd={keep}
    />
  );
}
