import type { CommandId } from './commands.ts';

/** One keyboard shortcut, as the help dialog lists it. */
export interface ShortcutHelp {
  keys: string;
  does: string;
}

/**
 * Single-key shortcuts that act on the selected claim when no text field has focus, by
 * lowercase key (a letter acts the same with Shift or Caps Lock). Kept in one table so the
 * help dialog and the key handler can never disagree.
 */
export const KEY_COMMANDS: Record<string, CommandId> = {
  n: 'addClaim',
  s: 'addSupport',
  r: 'addRebuttal',
  p: 'addCoPremise',
  u: 'leaveReason',
  Enter: 'edit',
  F2: 'edit',
  Delete: 'delete',
  Backspace: 'delete',
};

/** Every shortcut, as the help dialog lists it; letters work with Shift or Caps Lock too. */
export const SHORTCUT_HELP: { group: string; items: ShortcutHelp[] }[] = [
  {
    group: 'Claims',
    items: [
      { keys: 'N', does: 'Add a claim (a new conclusion)' },
      { keys: 'S', does: 'Add a supporting claim to the selected claim' },
      { keys: 'R', does: 'Add a rebuttal to the selected claim' },
      { keys: 'P', does: 'Add a co-premise to the selected reason' },
      { keys: 'U', does: 'Take the selected premise out of its linked reason' },
      { keys: 'C', does: 'Connect the selected claim to another claim' },
      { keys: 'Enter or F2', does: 'Edit the selected claim' },
      { keys: 'Delete or Backspace', does: 'Delete the selected claim or reason' },
      { keys: 'Escape', does: 'Clear the selection' },
    ],
  },
  {
    group: 'Review',
    items: [{ keys: 'Shift+C', does: 'Comment on the selected claim or reason' }],
  },
  {
    group: 'While editing a claim',
    items: [
      { keys: 'Escape or Ctrl+Enter', does: 'Stop editing' },
      { keys: 'Ctrl+B / Ctrl+I', does: 'Bold / italic' },
      { keys: 'Ctrl+K', does: 'Link the selected words (or remove their link)' },
      { keys: 'Enter', does: 'New paragraph (in the outline: the next reason)' },
      { keys: 'Tab / Shift+Tab', does: 'Outline: a supporting reason / a rebuttal for this claim' },
    ],
  },
  {
    group: 'Moving around',
    items: [
      { keys: '↑ ↓', does: 'Map: to the claim above or below. Outline: previous or next item' },
      { keys: '← →', does: 'Map: neighbouring claim. Outline: collapse or expand' },
      { keys: 'Home / End', does: 'Outline: first or last item' },
      { keys: 'Tab', does: 'Next control or card' },
      { keys: 'M / O', does: 'Map view / Outline view' },
    ],
  },
  {
    group: 'History and help',
    items: [
      { keys: 'Ctrl+Z', does: 'Undo your last change (never other people’s)' },
      { keys: 'Ctrl+Shift+Z or Ctrl+Y', does: 'Redo' },
      { keys: '?', does: 'Show this list' },
      { keys: 'Escape', does: 'Close this list, or any dialog' },
    ],
  },
];
