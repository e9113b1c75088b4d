import {
  MARK_KINDS,
  markClaim,
  MAX_MARK_NOTE,
  unmarkClaim,
  type ClaimId,
  type MarkKind,
} from '@warrant/shared';
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { errorMessage } from '../ui/failure.ts';
import { MARK_ICONS, MARK_WORDS } from './panelItems.ts';
import type { ReviewSession } from './ReviewSession.ts';
import { useClaimReview } from './useClaimReview.ts';

/**
 * "Mark…": puts one of the four review marks on a claim, with an optional note, or removes
 * one's own. A mark belongs to its author; others' marks on the claim are listed, not editable.
 */
export function MarkDialog({
  review,
  claim,
  claimText,
  onClose,
}: {
  review: ReviewSession;
  claim: ClaimId;
  claimText: string;
  onClose: () => void;
}) {
  const { marks } = useClaimReview(claim);
  const mine = marks.filter((m) => m.author.id === review.author.id);
  const others = marks.filter((m) => m.author.id !== review.author.id);
  const [kind, setKind] = useState<MarkKind>('needs-evidence');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mark = () => {
    try {
      markClaim(review.doc, { claim, kind, note, author: review.author });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Dialog title="Mark this claim" onClose={onClose}>
      <p className="hint">“{claimText || 'Empty claim'}”</p>
      <fieldset className="review-kinds">
        <legend>Mark</legend>
        {MARK_KINDS.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="mark-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            <span aria-hidden="true">{MARK_ICONS[k]}</span> {MARK_WORDS[k]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Note (optional)
        <input
          type="text"
          value={note}
          maxLength={MAX_MARK_NOTE}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') mark();
          }}
        />
      </label>
      {error ? (
        <p className="review-error" role="alert">
          {error}
        </p>
      ) : null}
      {mine.length ? (
        <section>
          <h3>Your marks</h3>
          <ul className="review-mark-list">
            {mine.map((m) => (
              <li key={m.id}>
                <span aria-hidden="true">{MARK_ICONS[m.kind]}</span> {MARK_WORDS[m.kind]}
                {m.note ? ` — ${m.note}` : ''}{' '}
                <button
                  type="button"
                  onClick={() => unmarkClaim(review.doc, claim, m.kind, review.author)}
                >
                  Remove “{MARK_WORDS[m.kind]}”
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {others.length ? (
        <section>
          <h3>Others’ marks</h3>
          <ul className="review-mark-list">
            {others.map((m) => (
              <li key={m.id}>
                <span aria-hidden="true">{MARK_ICONS[m.kind]}</span> {MARK_WORDS[m.kind]} by{' '}
                {m.author.name}
                {m.note ? ` — ${m.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={mark}>
          Mark
        </button>
      </div>
    </Dialog>
  );
}
