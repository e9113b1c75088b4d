import type { CopyRow, Grade, Rubric } from '@warrant/shared';
import { MAX_FEEDBACK_LENGTH } from '@warrant/shared';
import { useId, useState, type FormEvent } from 'react';
import { releaseFeedback, saveGrade } from '../api/classroomApi.ts';
import { failureText } from '../ui/failure.ts';
import { when } from './time.ts';

/** The form's scores as typed (text, so a half-typed number is kept as it is). */
function initialScores(rubric: Rubric, grade: Grade | null): Record<string, string> {
  return Object.fromEntries(
    rubric.criteria.map((c) => {
      const score = grade?.scores[c.id];
      return [c.id, score === undefined ? '' : String(score)];
    }),
  );
}

/** What is wrong with one typed score, or null when it is fine (empty is fine: not scored). */
function scoreProblem(text: string, points: number): string | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return 'Give a number.';
  if (n < 0 || n > points) return `Give a score from 0 to ${points}.`;
  return null;
}

/**
 * One copy's grade: a score per rubric criterion (bounded by its points), overall feedback,
 * the total as it stands; Save, and Release this copy. Claim-level feedback is the map's own
 * comments and marks, made in the copy itself.
 */
export function GradingForm({
  assignmentId,
  token,
  rubric,
  row,
  onChanged,
}: {
  assignmentId: string;
  token: string;
  rubric: Rubric;
  row: CopyRow;
  /** After a save or a release: the caller asks the relay again. */
  onChanged: () => void;
}) {
  const [scores, setScores] = useState(() => initialScores(rubric, row.grade));
  const [feedback, setFeedback] = useState(row.grade?.feedback ?? '');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const formId = useId();

  const max = rubric.criteria.reduce((sum, c) => sum + c.points, 0);
  const total = rubric.criteria.reduce((sum, c) => {
    const text = scores[c.id] ?? '';
    return scoreProblem(text, c.points) === null && text.trim() !== '' ? sum + Number(text) : sum;
  }, 0);
  const problems = rubric.criteria.filter(
    (c) => scoreProblem(scores[c.id] ?? '', c.points) !== null,
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus('');
    const first = problems[0];
    if (first) {
      return setError(
        `Check the score for ${problems.map((c) => `“${c.title}”`).join(', ')}: ${scoreProblem(scores[first.id] ?? '', first.points)}`,
      );
    }
    const given = Object.fromEntries(
      rubric.criteria
        .filter((c) => (scores[c.id] ?? '').trim() !== '')
        .map((c) => [c.id, Number(scores[c.id])]),
    );
    setBusy(true);
    try {
      const saved = await saveGrade(assignmentId, token, row.id, { scores: given, feedback });
      setStatus(`Grade saved: ${saved.total} of ${saved.max}.`);
      onChanged();
    } catch (err) {
      setError(failureText(err, { next: 'The grade was not saved; try again.' }));
    } finally {
      setBusy(false);
    }
  };

  const release = async () => {
    setError(null);
    setStatus('');
    setBusy(true);
    try {
      await releaseFeedback(assignmentId, token, [row.id]);
      setStatus(`Feedback released to ${row.name}.`);
      onChanged();
    } catch (err) {
      setError(failureText(err, { next: 'Nothing was released; try again.' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="grading-form"
      aria-label={`Grade for ${row.name}`}
      onSubmit={(e) => void save(e)}
      noValidate
    >
      {rubric.criteria.length === 0 ? (
        <p className="hint">
          The rubric has no criteria yet; add them on the dashboard. Overall feedback can be given
          meanwhile.
        </p>
      ) : (
        <ol className="criteria-scores">
          {rubric.criteria.map((c) => {
            const problem = scoreProblem(scores[c.id] ?? '', c.points);
            const descId = `${formId}-${c.id}-desc`;
            const errId = `${formId}-${c.id}-err`;
            return (
              <li key={c.id}>
                <label className="field">
                  <span>
                    {c.title} (out of {c.points})
                  </span>
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={c.points}
                    step="any"
                    value={scores[c.id] ?? ''}
                    aria-invalid={problem !== null}
                    aria-describedby={
                      [c.description ? descId : '', problem ? errId : ''].join(' ').trim() ||
                      undefined
                    }
                    onChange={(e) => setScores({ ...scores, [c.id]: e.target.value })}
                  />
                </label>
                {c.description ? (
                  <p className="hint" id={descId}>
                    {c.description}
                  </p>
                ) : null}
                {problem ? (
                  <p className="error" id={errId}>
                    {problem}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <p className="grade-total" aria-live="polite">
        Total: {total} of {max}
      </p>
      <label className="field">
        <span>Overall feedback</span>
        <textarea
          rows={5}
          value={feedback}
          maxLength={MAX_FEEDBACK_LENGTH}
          onChange={(e) => setFeedback(e.target.value)}
        />
      </label>
      <p className="hint">
        {row.grade ? `Last saved ${when(row.grade.gradedAt)}. ` : 'Not graded yet. '}
        {row.releasedAt
          ? `Released to the student ${when(row.releasedAt)}.`
          : 'Hidden from the student until you release it.'}
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <p role="status" className="hint">
        {status}
      </p>
      <div className="dialog-actions start">
        <button type="submit" className="primary" disabled={busy}>
          Save grade
        </button>
        <button type="button" disabled={busy} onClick={() => void release()}>
          {row.releasedAt ? 'Release this copy again' : 'Release this copy'}
        </button>
      </div>
    </form>
  );
}
