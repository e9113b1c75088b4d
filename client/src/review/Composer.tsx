import { startThread, suggestClaim, suggestRewording, type ReviewAuthor } from '@warrant/shared';
import { useState } from 'react';
import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { errorMessage } from '../ui/failure.ts';
import { MentionField } from './MentionField.tsx';
import type { Composing, ReviewSession } from './ReviewSession.ts';

const SUGGEST_LABEL = {
  support: 'Suggested supporting claim',
  rebut: 'Suggested rebuttal',
  rewording: 'Suggested rewording',
} as const;

/** Writing a new thread on the selected target, or a suggestion about the selected claim. */
export function Composer({
  review,
  composing,
  targetLabel,
  people,
}: {
  review: ReviewSession;
  composing: NonNullable<Composing>;
  targetLabel: string;
  people: readonly ReviewAuthor[];
}) {
  const { session, ui } = useSession();
  const original =
    composing.kind === 'suggest' && composing.stance === 'rewording'
      ? plainText(session.store.getClaimContent(composing.claim))
      : '';
  const [text, setText] = useState(original);
  const [error, setError] = useState<string | null>(null);
  // Back to what was commented on, so the keyboard carries on from there.
  const done = () => {
    review.setUi({ composing: null });
    const claim =
      composing.kind === 'thread' ? composing.target : { kind: 'claim', id: composing.claim };
    if (claim.kind === 'claim') ui.reveal(claim.id);
  };
  const submit = () => {
    if (!text.trim()) return;
    try {
      if (composing.kind === 'thread') {
        startThread(review.doc, { target: composing.target, author: review.author, text, people });
      } else if (composing.stance === 'rewording') {
        suggestRewording(review.doc, {
          claim: composing.claim,
          text,
          original,
          author: review.author,
        });
      } else {
        suggestClaim(review.doc, {
          claim: composing.claim,
          stance: composing.stance,
          text,
          author: review.author,
        });
      }
      done();
      ui.notify(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const title = composing.kind === 'thread' ? 'New comment' : SUGGEST_LABEL[composing.stance];
  return (
    <section className="review-composer" aria-label={title}>
      <h3>{title}</h3>
      <p className="hint">{targetLabel}</p>
      {composing.kind === 'thread' ? (
        <MentionField
          label="Comment"
          value={text}
          onChange={setText}
          onSubmit={submit}
          people={people}
          autoFocus
          placeholder="Write a comment; @ to mention someone"
        />
      ) : (
        <textarea
          aria-label={SUGGEST_LABEL[composing.stance]}
          value={text}
          rows={3}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
      )}
      {error ? (
        <p className="review-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="review-actions">
        <button type="button" className="primary" onClick={submit} disabled={!text.trim()}>
          {composing.kind === 'thread' ? 'Post comment' : 'Suggest'}
        </button>
        <button type="button" onClick={done}>
          Cancel
        </button>
      </div>
    </section>
  );
}
