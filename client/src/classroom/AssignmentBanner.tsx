import type { FeedbackResponse } from '@warrant/shared';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { fetchFeedback } from '../api/classroomApi.ts';
import { useReview } from '../review/ReviewContext.ts';
import type { ReviewSession } from '../review/ReviewSession.ts';
import { dueText, when } from './time.ts';
import { usePolled } from './usePolled.ts';
import './classroom.css';

/** How often a copy whose feedback is not released asks whether it is now. */
export const FEEDBACK_CHECK_MS = 10_000;

/** Said in the Comments panel when the relay keeps the review room closed before release. */
export const REVIEW_BEFORE_RELEASE =
  'Your instructor’s comments and marks on this copy appear here once they release feedback.';

const NOTHING = () => () => {};
const NOT_REFUSED = () => false;

/** Whether the relay refused this map's review room for good (closed, not reconnecting). */
function useReviewRefused(review: ReviewSession | null): boolean {
  const monitor = review?.connection.monitor;
  return useSyncExternalStore(
    monitor ? monitor.subscribe : NOTHING,
    monitor ? () => monitor.current.state === 'refused' : NOT_REFUSED,
  );
}

/** A copy's assignment and feedback as the map's views share them (`useCopyFeedback`). */
export interface CopyFeedback {
  /** Null for a map that is no assignment's copy, and until the relay has answered. */
  data: FeedbackResponse | null;
  released: boolean;
  feedbackOpen: boolean;
  setFeedbackOpen: (open: boolean) => void;
}

/**
 * Asks the relay about an assignment's copy (`GET /api/maps/:id/feedback`): again every few
 * seconds until its feedback is released, then now and then. Before release the relay may
 * keep the copy's review room closed to the student (the instructor's comments are feedback
 * too): the Comments panel then says so calmly, and once released the review room is opened
 * again (`onReopenReview`).
 */
export function useCopyFeedback(
  mapId: string,
  token: string | undefined,
  {
    openOnRelease,
    onReopenReview,
  }: {
    /** Open the Feedback panel by itself the first time it is released (the student's view). */
    openOnRelease: boolean;
    onReopenReview: () => void;
  },
): CopyFeedback {
  // A map that is no assignment's copy never becomes one (copies are made as new maps): once
  // the relay has said so, asking again every few seconds would only load it with 404s.
  const [notCopy, setNotCopy] = useState<string | null>(null);
  const load = useCallback(async () => {
    const answer = await fetchFeedback(mapId, token);
    if (answer === null) setNotCopy(mapId);
    return answer;
  }, [mapId, token]);
  const [released, setReleased] = useState(false);
  const { data } = usePolled<FeedbackResponse | null>(
    load,
    notCopy === mapId ? null : released ? FEEDBACK_CHECK_MS * 6 : FEEDBACK_CHECK_MS,
  );
  const [feedbackOpen, setFeedbackOpen] = useState(false);
  const opened = useRef(false);
  const review = useReview();
  const reviewRefused = useReviewRefused(review);
  const isReleased = !!data?.releasedAt;

  useEffect(() => setReleased(isReleased), [isReleased]);
  useEffect(() => {
    if (isReleased && openOnRelease && !opened.current) {
      opened.current = true;
      setFeedbackOpen(true);
    }
  }, [isReleased, openOnRelease]);
  useEffect(() => {
    if (!review || !data) return;
    review.refusalNote.set(isReleased ? null : REVIEW_BEFORE_RELEASE);
    if (isReleased && reviewRefused) onReopenReview();
  }, [review, data, isReleased, reviewRefused, onReopenReview]);

  return { data, released: isReleased, feedbackOpen, setFeedbackOpen };
}

/**
 * Above an assignment's copy: its title, instructions (collapsible) and due date, and its
 * feedback: "not released yet", or once released a button for the Feedback panel.
 */
export function AssignmentBanner({ feedback }: { feedback: CopyFeedback }) {
  const [instructionsOpen, setInstructionsOpen] = useState(false);
  const instructionsId = useId();
  const { data, released, feedbackOpen, setFeedbackOpen } = feedback;
  if (!data) return null;
  const { assignment } = data;
  return (
    <section className="assignment-banner" aria-label="Assignment">
      <div className="assignment-line">
        <span>
          <span className="hint">Assignment:</span> <strong>{assignment.title}</strong>
        </span>
        <span className="hint">{dueText(assignment.due)}</span>
        {assignment.instructions ? (
          <button
            type="button"
            aria-expanded={instructionsOpen}
            aria-controls={instructionsId}
            onClick={() => setInstructionsOpen((open) => !open)}
          >
            {instructionsOpen ? 'Hide instructions' : 'Show instructions'}
          </button>
        ) : null}
        <span className="spacer" />
        {released ? (
          <>
            <span className="hint">Feedback released {when(data.releasedAt ?? '')}</span>
            <button
              type="button"
              aria-pressed={feedbackOpen}
              onClick={() => setFeedbackOpen(!feedbackOpen)}
            >
              Feedback
            </button>
          </>
        ) : (
          <span role="status">Feedback not released yet</span>
        )}
      </div>
      {assignment.instructions ? (
        <div
          id={instructionsId}
          className="instructions"
          role="region"
          aria-label="Instructions"
          hidden={!instructionsOpen}
        >
          {assignment.instructions}
        </div>
      ) : null}
    </section>
  );
}
