import { Extension, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import { ySyncPlugin, ySyncPluginKey } from '@tiptap/y-tiptap';
import { HEADING_LEVELS, isSafeHref, LINK_PROTOCOLS } from '@warrant/shared';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CaretFirst } from './caretFirst.ts';
import { toggleLink } from './link.ts';

/**
 * y-prosemirror writes typed text under its plugin key as transaction origin. That is this
 * person's change, so the map's undo manager tracks it; remote text arrives with the
 * provider as origin and is never tracked.
 */
export function trackTyping(undoManager: Y.UndoManager): void {
  undoManager.trackedOrigins.add(ySyncPluginKey);
}
import type { Identity } from '../device/identity.ts';

/**
 * Tiptap's Collaboration extension, bound to one claim's fragment, minus its private undo
 * history: undo is the map-wide Y.UndoManager (see MapSession), so Ctrl+Z in a claim and
 * the toolbar's Undo walk the same history of this person's changes.
 */
const ClaimCollaboration = Collaboration.extend({
  addCommands() {
    return {};
  },
  addKeyboardShortcuts() {
    return {};
  },
  addProseMirrorPlugins() {
    const fragment = this.options.fragment as Y.XmlFragment;
    return [ySyncPlugin(fragment)];
  },
});

export interface ClaimKeyHandlers {
  undo(): void;
  redo(): void;
  /** Escape or Mod-Enter: stop editing. */
  done(): void;
  /** Enter outside lists and code; return true to take it over (the outline adds a sibling). */
  enter?: () => boolean;
  /** Tab / Shift+Tab outside lists: return true to take it over (the outline adds a reason). */
  tab?: (shift: boolean) => boolean;
}

const ClaimKeys = Extension.create<ClaimKeyHandlers>({
  name: 'warrantClaimKeys',
  priority: 1100,
  addKeyboardShortcuts() {
    const run = (fn: () => void) => () => {
      fn();
      return true;
    };
    return {
      'Mod-z': run(() => this.options.undo()),
      'Shift-Mod-z': run(() => this.options.redo()),
      'Mod-y': run(() => this.options.redo()),
      Escape: run(() => this.options.done()),
      'Mod-Enter': run(() => this.options.done()),
      'Mod-k': run(() => toggleLink(this.editor)),
      Enter: () => {
        const inBlock = this.editor.isActive('listItem') || this.editor.isActive('codeBlock');
        return !inBlock && this.options.enter ? this.options.enter() : false;
      },
      Tab: () =>
        !this.editor.isActive('listItem') && this.options.tab ? this.options.tab(false) : false,
      'Shift-Tab': () =>
        !this.editor.isActive('listItem') && this.options.tab ? this.options.tab(true) : false,
    };
  },
});

export interface ClaimEditorSetup {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  me: Identity;
  keys: ClaimKeyHandlers;
}

/**
 * The extensions for one claim's editor. Never pass `content` to an editor built from these:
 * the text comes from the fragment, and seeding it again would duplicate it for everyone.
 */
export function claimEditorExtensions(setup: ClaimEditorSetup): AnyExtension[] {
  const [starter, collaboration] = textExtensions(setup.fragment);
  return [
    starter,
    collaboration,
    CollaborationCaret.configure({
      provider: setup.provider,
      user: { name: setup.me.name, color: setup.me.color },
    }),
    ClaimKeys.configure(setup.keys),
    CaretFirst,
  ];
}

/** The rich text and its binding to the fragment: a claim editor without carets or keys. */
export function textExtensions(fragment: Y.XmlFragment): [AnyExtension, AnyExtension] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...LINK_PROTOCOLS],
        isAllowedUri: (url) => isSafeHref(url),
      },
    }),
    ClaimCollaboration.configure({ fragment }),
  ];
}
