import type { AssignmentComparisonResponse, AssignmentResponse } from '@warrant/shared';
import { useState } from 'react';
import { compareAllCopies, type ReferenceKind } from '../api/classroomApi.ts';
import { failureText } from '../ui/failure.ts';
import { missedLines } from './missed.ts';

/** Lines of "most often missed" shown before "Show all". */
const FIRST_LINES = 8;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Every copy of an assignment compared with a reference map (the one the assignment was made
 * from, or its template), on request: what the copies most often miss or turn around ("7 of
 * 12 groups miss the rebuttal of …"), and each copy's score. The measure and the score are
 * the model's (shared/src/compare/); opening a copy and "Compare with…" shows one on its canvas.
 */
export function CopiesComparison({
  assignmentId,
  token,
  data,
}: {
  assignmentId: string;
  token: string;
  data: AssignmentResponse;
}) {
  const [reference, setReference] = useState<ReferenceKind>('source');
  const [result, setResult] = useState<AssignmentComparisonResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [all, setAll] = useState(false);

  const compare = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await compareAllCopies(assignmentId, token, reference));
    } catch (e) {
      setError(failureText(e, { next: 'Try again in a moment.' }));
    } finally {
      setBusy(false);
    }
  };

  const noun = data.mode === 'groups' ? 'groups' : 'students';
  const lines = result ? missedLines(result, noun) : [];
  const names = new Map(data.copies.map((c) => [c.id, c.name]));
  return (
    <section className="home-card" aria-labelledby="comparison-heading">
      <h2 id="comparison-heading">Compared with a reference</h2>
      <fieldset className="choice">
        <legend>Reference</legend>
        <label>
          <input
            type="radio"
            name="reference"
            checked={reference === 'source'}
            onChange={() => setReference('source')}
          />{' '}
          The map this assignment was made from
        </label>
        <label>
          <input
            type="radio"
            name="reference"
            checked={reference === 'template'}
            onChange={() => setReference('template')}
          />{' '}
          The template
        </label>
      </fieldset>
      <div className="dialog-actions start">
        <button
          type="button"
          disabled={busy || data.copies.length === 0}
          onClick={() => void compare()}
        >
          {busy ? 'Comparing…' : result ? 'Compare again' : 'Compare every copy'}
        </button>
      </div>
      <p role="status" className="hint">
        {busy
          ? `Comparing ${data.copies.length} copies…`
          : result
            ? `${result.copies} ${result.copies === 1 ? 'copy' : 'copies'} compared with “${result.reference.title}”: claims matched by the passages they cite, then by wording.`
            : ''}
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <h3>Most often missed</h3>
          {lines.length === 0 ? (
            <p className="hint">Every copy has every claim and reason of the reference.</p>
          ) : (
            <ul aria-label="Most often missed">
              {(all ? lines : lines.slice(0, FIRST_LINES)).map((l) => (
                <li key={l.key}>{l.text}</li>
              ))}
            </ul>
          )}
          {lines.length > FIRST_LINES ? (
            <button type="button" onClick={() => setAll((a) => !a)}>
              {all ? 'Show fewer' : `Show all ${lines.length}`}
            </button>
          ) : null}
          <div className="table-scroll">
            <table className="copy-table">
              <caption>Each copy against the reference</caption>
              <thead>
                <tr>
                  <th scope="col">{data.mode === 'groups' ? 'Group' : 'Student'}</th>
                  <th scope="col">Score</th>
                  <th scope="col">Claims matched</th>
                  <th scope="col">Missing</th>
                  <th scope="col">Extra</th>
                  <th scope="col">Reasons agreeing</th>
                  <th scope="col">Turned around</th>
                </tr>
              </thead>
              <tbody>
                {result.perCopy.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{names.get(c.id) ?? c.id}</th>
                    <td>{percent(c.score.overall)}</td>
                    <td>{c.matched}</td>
                    <td>{c.missing}</td>
                    <td>{c.extra}</td>
                    <td>{c.relations.agree}</td>
                    <td>{c.relations.disagree}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
