import type { ClaimId, PassageId, RelationId, SourceId } from '@warrant/shared';
import { Emitter } from '../state/Emitter.ts';
import type { CompareMarks } from './compare.ts';
import { TypeAhead } from './TypeAhead.ts';

export type Selection = { kind: 'claim'; id: ClaimId } | { kind: 'reason'; id: RelationId } | null;
export type ViewMode = 'map' | 'outline';

export interface UiState {
  selection: Selection;
  /** The claim whose text editor is open on this device. */
  editing: ClaimId | null;
  view: ViewMode;
  /** A claim the views should bring into sight and focus (after add, or keyboard moves). */
  reveal: { id: string; seq: number } | null;
  /** Asks the toolbar to focus "Add claim" (the last claim was deleted); changes each time. */
  focusAddClaim: number;
  /** A message for the person (an action failed), shown until dismissed or replaced. */
  notice: { text: string; seq: number } | null;
  /**
   * The reader panel: which source it shows, and a passage to scroll to and focus (set by
   * activating an evidence chip; `seq` changes each time so the same chip works twice).
   */
  reader: { source: SourceId | null; passage: PassageId | null; seq: number } | null;
  /** The map compared with a version (the Versions panel's "Compare with now"), if it is. */
  compare: CompareMarks | null;
}

/**
 * Per-device UI state shared by the canvas, the outline and the toolbar: what is selected,
 * what is being edited, which view shows. Tiny on purpose; the map itself lives in the doc.
 */
export class EditorUi {
  private state: UiState = {
    selection: null,
    editing: null,
    view: 'map',
    reveal: null,
    focusAddClaim: 0,
    notice: null,
    reader: null,
    compare: null,
  };
  private readonly changed = new Emitter();
  private seq = 0;
  /** Keystrokes on their way to the editor this device just opened (see `TypeAhead`). */
  readonly typeAhead = new TypeAhead();

  constructor(view: ViewMode = 'map') {
    this.state = { ...this.state, view };
  }

  get = (): UiState => this.state;

  subscribe = this.changed.subscribe;

  select(selection: Selection): void {
    const cur = this.state.selection;
    if (
      cur === selection ||
      (cur && selection && cur.kind === selection.kind && cur.id === selection.id)
    ) {
      return;
    }
    this.set({ selection });
  }

  edit(claim: ClaimId | null): void {
    if (this.state.editing === claim) return;
    if (claim) this.typeAhead.start(claim);
    else this.typeAhead.stop();
    this.set({ editing: claim, ...(claim ? { selection: { kind: 'claim', id: claim } } : {}) });
  }

  setView(view: ViewMode): void {
    if (this.state.view !== view) this.set({ view });
  }

  /** Asks whichever view is showing to scroll to `id` and focus it. */
  reveal(id: string): void {
    this.set({ reveal: { id, seq: ++this.seq } });
  }

  /** Asks the toolbar to focus "Add claim": there is no claim left to focus. */
  focusAddClaim(): void {
    this.set({ focusAddClaim: ++this.seq });
  }

  /** Opens the reader on `source` (the last one shown if none), scrolled to `passage`. */
  openReader(source: SourceId | null = null, passage: PassageId | null = null): void {
    this.set({
      reader: { source: source ?? this.state.reader?.source ?? null, passage, seq: ++this.seq },
    });
  }

  closeReader(): void {
    if (this.state.reader) this.set({ reader: null });
  }

  /** Marks the views with what changed since a version; null stops comparing. */
  showCompare(compare: CompareMarks | null): void {
    if (this.state.compare !== compare) this.set({ compare });
  }

  notify(text: string | null): void {
    this.set({ notice: text ? { text, seq: ++this.seq } : null });
  }

  /** Forgets a selection or an open editor whose claim or reason no longer exists. */
  prune(exists: (id: string) => boolean): void {
    const { selection, editing } = this.state;
    const patch: Partial<UiState> = {};
    if (selection && !exists(selection.id)) patch.selection = null;
    if (editing && !exists(editing)) {
      patch.editing = null;
      this.typeAhead.stop();
    }
    if (Object.keys(patch).length) this.set(patch);
  }

  private set(patch: Partial<UiState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit();
  }
}
