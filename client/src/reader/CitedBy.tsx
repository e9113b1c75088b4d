import { forwardRef, type KeyboardEvent } from 'react';
import type { ReaderPassage } from '../session/EvidenceStore.ts';
import { CitingClaims } from './CitingClaims.tsx';
import { CommentOnPassage } from '../review/CommentOnPassage.tsx';

/**
 * Which claims cite the highlighted passages: shown while a highlight is hovered or focused,
 * and kept open once it is clicked (or reached from an evidence chip). It sits below the
 * text so opening it never moves the words a person is looking at.
 */
export const CitedBy = forwardRef<
  HTMLElement,
  { passages: readonly ReaderPassage[]; pinned: boolean; onClose: () => void }
>(function CitedBy({ passages, pinned, onClose }, ref) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <section
      ref={ref}
      className="cited-by"
      aria-label="Claims citing this passage"
      onKeyDown={onKeyDown}
    >
      {passages.map((p) => (
        <div key={p.id} className="cited-passage">
          <q>{p.quote.replace(/\s+/g, ' ')}</q>
          <CitingClaims passage={p.id} citedBy={p.citedBy} />
          {pinned ? <CommentOnPassage passage={p.id} /> : null}
        </div>
      ))}
      {pinned ? (
        <button type="button" className="link" aria-label="Close citing claims" onClick={onClose}>
          Close
        </button>
      ) : (
        <p className="hint">Click the highlight to keep this list open.</p>
      )}
    </section>
  );
});
