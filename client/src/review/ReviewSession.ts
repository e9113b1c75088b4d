import {
  reviewPeople,
  type ClaimId,
  type MarkKind,
  type ReviewAuthor,
  type ReviewTarget,
} from '@warrant/shared';
import * as Y from 'yjs';
import type { MapSession } from '../session/MapSession.ts';
import { Value } from '../state/Value.ts';
import { ReviewConnection } from './ReviewConnection.ts';
import { ReviewStore } from './ReviewStore.ts';

/** What the Comments panel is asked to write: a new thread, or a suggestion. */
export type Composing =
  | { kind: 'thread'; target: ReviewTarget }
  | { kind: 'suggest'; claim: ClaimId; stance: 'support' | 'rebut' | 'rewording' }
  | null;

export type ThreadListFilter = 'open' | 'resolved' | 'mine';

/** This device's review UI: the panel, what is being written, the filters. */
export interface ReviewUiState {
  panel: boolean;
  composing: Composing;
  filter: ThreadListFilter;
  /** Only claims with this mark are listed (the mark filter), or null for none. */
  markFilter: MarkKind | null;
  /** The "Mark…" dialog's claim, while it is open. */
  marking: ClaimId | null;
}

interface AwarenessAuthor {
  author?: { id?: unknown; name?: unknown };
}

/**
 * One map's review layer, beside its `MapSession`: the review Y.Doc (comments, marks,
 * suggestions), its own connection to the map's review room, the store views read, and who
 * this person is as a review author. Opened and destroyed with the map (`useReviewSession`).
 * Review edits are not undoable on purpose (see `shared/src/review/schema.ts`), so there is
 * no undo manager here, and none of the map's can reach them.
 */
export class ReviewSession {
  readonly doc = new Y.Doc();
  readonly connection: ReviewConnection;
  readonly store: ReviewStore;
  readonly author: ReviewAuthor;
  /**
   * Said instead of "not syncing" when the relay refuses this review room for a reason the
   * page knows is expected (a student's copy before its feedback is released): set by the
   * view that knows it, null otherwise.
   */
  readonly refusalNote = new Value<string | null>(null);
  readonly ui = new Value<ReviewUiState>({
    panel: false,
    composing: null,
    filter: 'open',
    markFilter: null,
    marking: null,
  });

  constructor(
    readonly map: MapSession,
    deviceId: string,
  ) {
    this.author = { id: deviceId, name: map.me.name };
    this.connection = new ReviewConnection(this.doc, {
      mapId: map.mapId,
      ...(map.token ? { token: map.token } : {}),
    });
    // Present in the review room as an author, so others can @mention whoever is here now.
    this.connection.awareness.setLocalStateField('author', this.author);
    this.store = new ReviewStore(this.doc);
  }

  /** Everyone who has written here or is here now, me included, by name (for @mentions). */
  people(): ReviewAuthor[] {
    const byId = new Map<string, ReviewAuthor>();
    for (const p of reviewPeople(this.doc)) byId.set(p.id, p);
    this.connection.awareness.getStates().forEach((raw) => {
      const a = (raw as AwarenessAuthor).author;
      if (typeof a?.id === 'string' && typeof a.name === 'string' && a.id && a.name) {
        byId.set(a.id, { id: a.id, name: a.name });
      }
    });
    byId.set(this.author.id, this.author);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  setUi(patch: Partial<ReviewUiState>): void {
    this.ui.set({ ...this.ui.get(), ...patch });
  }

  /** Opens the Comments panel with a new thread's composer on `target`. */
  comment(target: ReviewTarget): void {
    this.setUi({ panel: true, composing: { kind: 'thread', target } });
  }

  destroy(): void {
    this.store.destroy();
    this.connection.destroy();
    this.doc.destroy();
  }
}
