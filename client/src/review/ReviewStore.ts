import {
  listSuggestions,
  marksByClaim,
  observeReview,
  openThreadCounts,
  targetKey,
  type ClaimId,
  type MarkView,
  type ReviewTarget,
  type SuggestionView,
} from '@warrant/shared';
import type * as Y from 'yjs';
import { Emitter, KeyedEmitter } from '../state/Emitter.ts';

/** What a card or an outline row shows of the review layer for its claim. */
export interface ClaimReview {
  /** Open threads on the claim. */
  openThreads: number;
  marks: readonly MarkView[];
  /** Open suggestions about the claim (rewordings of it, claims for or against it). */
  suggestions: readonly SuggestionView[];
}

export const NO_REVIEW: ClaimReview = { openThreads: 0, marks: [], suggestions: [] };

/**
 * The review document as views read it, without React: per claim (keyed, so a card re-renders
 * only when its own count, marks or suggestions change) and as a whole (`version`, for the
 * Comments panel). Rebuilt from the document after each review transaction; the queries it
 * runs read fields without building thread views, so it stays cheap with many comments.
 */
export class ReviewStore {
  private counts = new Map<string, number>();
  private byClaim = new Map<ClaimId, ClaimReview>();
  private keys = new Map<ClaimId, string>();
  private version = 0;
  private readonly changed = new Emitter();
  private readonly claimChanged = new KeyedEmitter<ClaimId>();
  private readonly stop: () => void;

  constructor(private readonly doc: Y.Doc) {
    this.refresh();
    this.stop = observeReview(doc, () => this.refresh());
  }

  /** Changes with every change to the review document (for `useSyncExternalStore`). */
  getVersion = (): number => this.version;

  subscribe = this.changed.subscribe;

  claim(id: ClaimId): ClaimReview {
    return this.byClaim.get(id) ?? NO_REVIEW;
  }

  subscribeClaim(id: ClaimId, listener: () => void): () => void {
    return this.claimChanged.subscribe(id, listener);
  }

  /** Open threads on any target (a reason's, a passage's). */
  openThreadsOn(target: ReviewTarget): number {
    return this.counts.get(targetKey(target)) ?? 0;
  }

  /** Reads the document again and tells the views whose part changed. */
  refresh(): void {
    this.counts = openThreadCounts(this.doc);
    const marks = marksByClaim(this.doc);
    const suggestions = new Map<ClaimId, SuggestionView[]>();
    for (const s of listSuggestions(this.doc, { status: 'open' })) {
      const list = suggestions.get(s.claim);
      if (list) list.push(s);
      else suggestions.set(s.claim, [s]);
    }
    const claims = new Set<ClaimId>([...marks.keys(), ...suggestions.keys()]);
    for (const key of this.counts.keys()) {
      if (key.startsWith('claim:')) claims.add(key.slice('claim:'.length));
    }
    const touched: ClaimId[] = [];
    const next = new Map<ClaimId, ClaimReview>();
    const nextKeys = new Map<ClaimId, string>();
    for (const id of claims) {
      const review: ClaimReview = {
        openThreads: this.counts.get(targetKey({ kind: 'claim', id })) ?? 0,
        marks: marks.get(id) ?? [],
        suggestions: suggestions.get(id) ?? [],
      };
      const key = JSON.stringify(review);
      nextKeys.set(id, key);
      const before = this.byClaim.get(id);
      if (before && this.keys.get(id) === key) next.set(id, before);
      else {
        next.set(id, review);
        touched.push(id);
      }
    }
    for (const id of this.byClaim.keys()) if (!next.has(id)) touched.push(id);
    this.byClaim = next;
    this.keys = nextKeys;
    this.version++;
    this.changed.emit();
    for (const id of touched) this.claimChanged.emit(id);
  }

  destroy(): void {
    this.stop();
    this.changed.clear();
    this.claimChanged.clear();
  }
}
