import type { FeedbackResponse } from '@warrant/shared';
import { when } from './time.ts';
import './classroom.css';

/**
 * The released feedback beside a student's copy: each rubric criterion with its score, the
 * total, and the overall feedback. Claim-level feedback is on the map itself, in Comments.
 */
export function FeedbackPanel({
  feedback,
  onClose,
}: {
  feedback: FeedbackResponse;
  onClose: () => void;
}) {
  const { grade, rubric, releasedAt } = feedback;
  return (
    <aside className="side-panel grading-panel feedback-panel" aria-label="Feedback">
      <div className="grading-head">
        <h2>Feedback</h2>
        <button type="button" aria-label="Close feedback" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="hint">
        {feedback.assignment.title}
        {releasedAt ? ` · released ${when(releasedAt)}` : ''}
      </p>
      {grade ? (
        <>
          {rubric && rubric.criteria.length > 0 ? (
            <dl className="feedback-scores">
              {rubric.criteria.map((c) => {
                const score = grade.scores[c.id];
                return (
                  <div key={c.id} className="feedback-score">
                    <dt>{c.title}</dt>
                    <dd>
                      {score === undefined ? 'Not scored' : `${score} of ${c.points}`}
                      {c.description ? <span className="hint"> — {c.description}</span> : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
          ) : null}
          <p className="grade-total">
            Total: {grade.total} of {grade.max}
          </p>
          <h3>Overall feedback</h3>
          {grade.feedback ? (
            <p className="overall-feedback">{grade.feedback}</p>
          ) : (
            <p className="hint">No overall feedback was written.</p>
          )}
        </>
      ) : (
        <p>No grade was given; your instructor’s comments are on the map (Comments).</p>
      )}
      <p className="hint">Comments and marks on your claims are in Comments.</p>
    </aside>
  );
}
