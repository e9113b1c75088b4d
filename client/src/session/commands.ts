import type { EditorUi } from './EditorUi.ts';
import type { MapSession } from './MapSession.ts';
import {
  addCoPremise,
  addReason,
  addRootClaim,
  deleteClaim,
  deleteReason,
  reasonOf,
} from './actions.ts';
import { hasClaim, type RelationKind } from '@warrant/shared';
import { focusAfterDelete } from './afterDelete.ts';
import { failureText, MAP_MAY_HAVE_CHANGED } from '../ui/failure.ts';

export type CommandId =
  | 'addClaim'
  | 'addSupport'
  | 'addRebuttal'
  | 'addCoPremise'
  | 'connect'
  | 'edit'
  | 'delete'
  | 'undo'
  | 'redo';

/**
 * The editing commands behind toolbar buttons and keyboard shortcuts alike. Each acts on the
 * current selection; `enabled` says whether it can right now.
 */
export class Commands {
  constructor(
    private readonly session: MapSession,
    private readonly ui: EditorUi,
  ) {}

  enabled(id: CommandId): boolean {
    if (!this.session.canEdit) return false;
    const selection = this.ui.get().selection;
    switch (id) {
      case 'addClaim':
        return true;
      case 'addSupport':
      case 'addRebuttal':
      case 'delete':
        return selection !== null;
      case 'edit':
      case 'connect':
        return selection?.kind === 'claim';
      case 'addCoPremise':
        return (
          selection?.kind === 'reason' ||
          (selection?.kind === 'claim' && reasonOf(this.session, selection.id) !== undefined)
        );
      case 'undo':
        return this.session.undoManager.canUndo();
      case 'redo':
        return this.session.undoManager.canRedo();
    }
  }

  /**
   * Runs a command. The map can change under a person's feet (someone else deleted the
   * claim they selected a moment ago); the model refuses such an action and the person is
   * told, rather than the app breaking.
   */
  run(id: CommandId): void {
    if (!this.enabled(id)) return;
    try {
      this.runUnchecked(id);
    } catch (error) {
      this.ui.notify(failureText(error, { what: 'That did not work', next: MAP_MAY_HAVE_CHANGED }));
    }
  }

  private runUnchecked(id: CommandId): void {
    const selection = this.ui.get().selection;
    switch (id) {
      case 'addClaim':
        return this.startEditing(addRootClaim(this.session));
      case 'addSupport':
        return this.addReason('support');
      case 'addRebuttal':
        return this.addReason('rebut');
      case 'addCoPremise': {
        const relation =
          selection?.kind === 'reason'
            ? selection.id
            : selection
              ? reasonOf(this.session, selection.id)
              : undefined;
        if (relation) this.startEditing(addCoPremise(this.session, relation));
        return;
      }
      case 'edit':
        if (selection?.kind === 'claim') this.startEditing(selection.id);
        return;
      case 'connect':
        // Opens a dialog: the view that owns dialogs handles it (see Toolbar, useShortcuts).
        return;
      case 'delete': {
        if (!selection) return;
        // Focus moves on to a neighbour (never to nowhere), chosen while the deleted one
        // still shows where it stood.
        const nearby = focusAfterDelete(this.session.store.getStructure(), selection);
        this.ui.edit(null);
        if (selection.kind === 'claim') deleteClaim(this.session, selection.id);
        else deleteReason(this.session, selection.id);
        const next = nearby.find((id) => hasClaim(this.session.doc, id));
        if (next) {
          this.ui.select({ kind: 'claim', id: next });
          this.ui.reveal(next);
        } else {
          this.ui.select(null);
          this.ui.focusAddClaim();
        }
        return;
      }
      case 'undo':
        this.session.undoManager.undo();
        return;
      case 'redo':
        this.session.undoManager.redo();
        return;
    }
  }

  private addReason(kind: RelationKind): void {
    const selection = this.ui.get().selection;
    if (!selection) return;
    const target =
      selection.kind === 'claim' ? { claim: selection.id } : { relation: selection.id };
    this.startEditing(addReason(this.session, target, kind).claim);
  }

  private startEditing(claim: string): void {
    this.ui.edit(claim);
    this.ui.reveal(claim);
  }
}
