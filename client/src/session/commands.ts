import type { EditorUi } from './EditorUi.ts';
import type { MapSession } from './MapSession.ts';
import {
  addCoPremise,
  addReason,
  addRootClaim,
  deleteClaim,
  deleteReason,
  leaveReason,
  linkedReasonOf,
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
  | 'leaveReason'
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
    return this.whyNot(id) === null;
  }

  /**
   * Why a command cannot run on the current selection, in words for its tooltip; null when
   * it can. "Add supporting claim" on a reason, for one: only a rebuttal can aim at a
   * reason's inference (an undercut), so it says to pick a claim rather than fail.
   */
  whyNot(id: CommandId): string | null {
    if (!this.session.canEdit) return 'You cannot change this map';
    const selection = this.ui.get().selection;
    switch (id) {
      case 'addClaim':
        return null;
      case 'addSupport':
        if (selection?.kind === 'reason')
          return 'A reason cannot be supported, only rebutted: select a claim to support';
        return selection ? null : 'Select a claim to support first';
      case 'addRebuttal':
        return selection ? null : 'Select a claim or a reason to rebut first';
      case 'delete':
        return selection ? null : 'Select a claim or a reason to delete first';
      case 'edit':
        return selection?.kind === 'claim' ? null : 'Select a claim to edit first';
      case 'connect':
        return selection?.kind === 'claim' ? null : 'Select a claim to connect first';
      case 'addCoPremise':
        return selection?.kind === 'reason' ||
          (selection?.kind === 'claim' && reasonOf(this.session, selection.id) !== undefined)
          ? null
          : 'Select a reason, or a claim that is the premise of one, first';
      case 'leaveReason':
        return selection?.kind === 'claim' && linkedReasonOf(this.session, selection.id)
          ? null
          : 'Select a premise of a linked reason (one with several premises) first';
      case 'undo':
        return this.session.undoManager.canUndo() ? null : 'Nothing of yours to undo';
      case 'redo':
        return this.session.undoManager.canRedo() ? null : 'Nothing to redo';
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
      case 'leaveReason': {
        const relation = selection?.kind === 'claim' && linkedReasonOf(this.session, selection.id);
        if (!selection || !relation) return;
        // The claim stays, on its own (or in its other reasons); the reason keeps the rest.
        leaveReason(this.session, relation, selection.id);
        this.ui.reveal(selection.id);
        return;
      }
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
