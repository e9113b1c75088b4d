import {
  getPassage,
  hasClaim,
  listSuggestions,
  MARK_KINDS,
  marksByClaim,
  placeThreads,
  type ClaimId,
  type MarkKind,
  type PassageId,
} from '@warrant/shared';
import { useMemo, useSyncExternalStore } from 'react';
import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { describeStatus } from '../sync/connectionStatus.ts';
import { Composer } from './Composer.tsx';
import {
  claimsMarked,
  MARK_ICONS,
  MARK_WORDS,
  targetLabel,
  threadFilterFor,
} from './panelItems.ts';
import type { ReviewSession, ThreadListFilter } from './ReviewSession.ts';
import { SuggestionItem } from './SuggestionItem.tsx';
import { ThreadView } from './ThreadView.tsx';
import { useCanComment } from './useCanComment.ts';
import { useGoToTarget } from './useGoToTarget.ts';
import { useReviewPeople } from './useReviewPeople.ts';
import { useReviewUi } from './useReviewUi.ts';
import { useReviewVersion } from './useReviewVersion.ts';
import './review.css';

const FILTERS: { id: ThreadListFilter; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'mine', label: 'Mine' },
];

/** The review connection's state, said only when it is not simply connected. */
function ReviewStatus({ review }: { review: ReviewSession }) {
  const { monitor, refusedWrites } = review.connection;
  const status = useSyncExternalStore(monitor.subscribe, () => monitor.current);
  const refused = useSyncExternalStore(refusedWrites.subscribe, refusedWrites.get);
  const note = useSyncExternalStore(review.refusalNote.subscribe, review.refusalNote.get);
  if (status.state === 'refused' && note) {
    return (
      <p className="review-note" role="note">
        {note}
      </p>
    );
  }
  if (refused !== null) {
    return (
      <p className="review-note" role="status">
        The relay did not take your comments; it says: “{refused}”.
      </p>
    );
  }
  if (status.state === 'connected') return null;
  return (
    <p className="review-note" role="status">
      Comments: {describeStatus(status)}
      {status.state === 'refused' ? '' : '. Yours are kept on this device and sent when it can.'}
    </p>
  );
}

/**
 * The Comments panel beside the map: a new comment or suggestion being written, the threads
 * (Open / Resolved / Mine), each jumping to what it is on, the open suggestions with Accept
 * and Reject for editors, and a filter listing the claims with a given review mark.
 */
export function CommentsPanel({ review }: { review: ReviewSession }) {
  const { session } = useSession();
  const version = useReviewVersion(review);
  const structure = useSyncExternalStore(
    session.store.subscribeStructure,
    session.store.getStructure,
  );
  const filter = useReviewUi(review, (s) => s.filter);
  const markFilter = useReviewUi(review, (s) => s.markFilter);
  const composing = useReviewUi(review, (s) => s.composing);
  const canComment = useCanComment(review);
  const canEdit = useCanEdit();
  const people = useReviewPeople(review);
  const goTo = useGoToTarget();
  const claimText = (id: ClaimId) => plainText(session.store.getClaimContent(id));
  const quote = (id: PassageId) => getPassage(session.doc, id)?.quote.exact ?? '';

  const threads = useMemo(
    () => placeThreads(review.doc, session.doc, threadFilterFor(filter, review.author.id)),
    [review, session, filter, version, structure],
  );
  const suggestions = useMemo(
    () => listSuggestions(review.doc, { status: 'open' }),
    [review, version],
  );
  const marked = useMemo(
    () => (markFilter ? claimsMarked(marksByClaim(review.doc), markFilter) : []),
    [review, markFilter, version],
  );

  const composingLabel = composing
    ? targetLabel(
        {
          target:
            composing.kind === 'thread' ? composing.target : { kind: 'claim', id: composing.claim },
          targetExists: true,
        },
        claimText,
        quote,
      )
    : '';

  return (
    <aside className="side-panel review-panel" aria-label="Comments">
      <div className="review-panel-head">
        <h2>Comments</h2>
        <button
          type="button"
          aria-label="Close comments"
          onClick={() => review.setUi({ panel: false, composing: null })}
        >
          ×
        </button>
      </div>
      <ReviewStatus review={review} />
      {composing && canComment ? (
        <Composer
          key={JSON.stringify(composing)}
          review={review}
          composing={composing}
          targetLabel={composingLabel}
          people={people}
        />
      ) : null}
      <div className="review-filters">
        <div role="group" aria-label="Show threads" className="review-filter">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              aria-pressed={filter === f.id}
              onClick={() => review.setUi({ filter: f.id })}
            >
              {f.label}
            </button>
          ))}
        </div>
        <label className="review-mark-filter">
          Claims marked{' '}
          <select
            value={markFilter ?? ''}
            onChange={(e) =>
              review.setUi({ markFilter: (e.target.value || null) as MarkKind | null })
            }
          >
            <option value="">(any mark: off)</option>
            {MARK_KINDS.map((k) => (
              <option key={k} value={k}>
                {MARK_WORDS[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {markFilter ? (
        <section aria-label={`Claims marked ${MARK_WORDS[markFilter]}`}>
          <h3>
            <span aria-hidden="true">{MARK_ICONS[markFilter]}</span> Claims marked “
            {MARK_WORDS[markFilter]}”
          </h3>
          {marked.length === 0 ? <p className="hint">None.</p> : null}
          <ul className="review-marked">
            {marked.map(({ claim, marks }) => (
              <li key={claim}>
                {hasClaim(session.doc, claim) ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => goTo({ kind: 'claim', id: claim })}
                  >
                    {claimText(claim) || 'Empty claim'}
                  </button>
                ) : (
                  <span className="review-gone">A deleted claim</span>
                )}{' '}
                <span className="hint">
                  by{' '}
                  {marks.map((m) => `${m.author.name}${m.note ? ` (${m.note})` : ''}`).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {suggestions.length ? (
        <section aria-label="Suggestions">
          <h3>Suggestions</h3>
          {suggestions.map((s) => (
            <SuggestionItem
              key={s.id}
              review={review}
              suggestion={s}
              claimLabel={
                hasClaim(session.doc, s.claim)
                  ? targetLabel(
                      { target: { kind: 'claim', id: s.claim }, targetExists: true },
                      claimText,
                    )
                  : null
              }
              canEdit={canEdit}
              canComment={canComment}
              onGoTo={() => goTo({ kind: 'claim', id: s.claim })}
            />
          ))}
        </section>
      ) : null}
      <section aria-label="Threads">
        {threads.length === 0 ? (
          <p className="hint">
            {filter === 'open'
              ? 'No open comments.'
              : filter === 'resolved'
                ? 'No resolved comments.'
                : 'No comments of yours or mentioning you.'}
          </p>
        ) : null}
        {threads.map((t) => (
          <ThreadView
            key={t.id}
            review={review}
            thread={t}
            label={targetLabel(t, claimText, quote)}
            people={people}
            canComment={canComment}
            onGoTo={() => goTo(t.target)}
          />
        ))}
      </section>
    </aside>
  );
}
