import {
  MAX_CRITERIA,
  MAX_CRITERION_POINTS,
  rubricRequestSchema,
  type Rubric,
  type RubricRequest,
} from '@warrant/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { saveRubric } from '../api/classroomApi.ts';
import { failureText } from '../ui/failure.ts';

/** A criterion being edited: `key` tells rows apart before the relay gives one an id. */
interface Draft {
  key: string;
  id?: string;
  title: string;
  description: string;
  points: string;
}

let nextKey = 0;
const drafts = (rubric: Rubric): Draft[] =>
  rubric.criteria.map((c) => ({
    key: c.id,
    id: c.id,
    title: c.title,
    description: c.description,
    points: String(c.points),
  }));

/** The drafts as the request wants them, or what is wrong with them. */
function request(list: Draft[]): RubricRequest | string {
  for (const [i, d] of list.entries()) {
    const n = Number(d.points);
    if (!d.title.trim()) return `Criterion ${i + 1} needs a title.`;
    if (d.points.trim() === '' || !Number.isFinite(n) || n < 0 || n > MAX_CRITERION_POINTS)
      return `“${d.title.trim()}” needs points from 0 to ${MAX_CRITERION_POINTS}.`;
  }
  const parsed = rubricRequestSchema.safeParse({
    criteria: list.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      title: d.title.trim(),
      description: d.description,
      points: Number(d.points),
    })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `The rubric: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}.`;
  }
  return parsed.data;
}

/**
 * The assignment's rubric: criteria with a title, a description and points; added, removed
 * and reordered here, saved as a whole. A rubric the relay changes meanwhile (another tab)
 * replaces this one only while nothing is being edited.
 */
export function RubricEditor({
  assignmentId,
  token,
  rubric,
  onSaved,
}: {
  assignmentId: string;
  token: string;
  rubric: Rubric;
  onSaved: () => void;
}) {
  const [list, setList] = useState<Draft[]>(() => drafts(rubric));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lastAdded = useRef<string | null>(null);
  const titles = useRef(new Map<string, HTMLInputElement>());

  useEffect(() => {
    if (!dirty) setList(drafts(rubric));
  }, [rubric, dirty]);
  useEffect(() => {
    if (lastAdded.current) titles.current.get(lastAdded.current)?.focus();
    lastAdded.current = null;
  }, [list]);

  const change = (next: Draft[]) => {
    setList(next);
    setDirty(true);
    setStatus('');
  };
  const update = (key: string, patch: Partial<Draft>) =>
    change(list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...list];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    change(next);
  };
  const add = () => {
    const key = `new-${nextKey++}`;
    lastAdded.current = key;
    change([...list, { key, title: '', description: '', points: '10' }]);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = request(list);
    if (typeof body === 'string') return setError(body);
    setBusy(true);
    try {
      const saved = await saveRubric(assignmentId, token, body);
      setList(drafts(saved));
      setDirty(false);
      const total = saved.criteria.reduce((sum, c) => sum + c.points, 0);
      setStatus(`Rubric saved: ${saved.criteria.length} criteria, ${total} points.`);
      onSaved();
    } catch (err) {
      setError(failureText(err, { next: 'The rubric was not saved; try again.' }));
    } finally {
      setBusy(false);
    }
  };

  const total = list.reduce((sum, d) => sum + (Number(d.points) || 0), 0);
  return (
    <form className="rubric-editor" aria-label="Rubric" onSubmit={(e) => void save(e)} noValidate>
      {list.length === 0 ? (
        <p className="hint">No criteria yet. Add one for each thing you grade.</p>
      ) : (
        <ol className="rubric-list">
          {list.map((d, i) => {
            const name = d.title.trim() || `criterion ${i + 1}`;
            return (
              <li key={d.key} className="rubric-item">
                <div className="rubric-fields">
                  <label className="field grow">
                    <span>Criterion {i + 1} title</span>
                    <input
                      ref={(el) => {
                        if (el) titles.current.set(d.key, el);
                        else titles.current.delete(d.key);
                      }}
                      value={d.title}
                      maxLength={200}
                      onChange={(e) => update(d.key, { title: e.target.value })}
                    />
                  </label>
                  <label className="field points">
                    <span>Points</span>
                    <input
                      type="number"
                      min={0}
                      max={MAX_CRITERION_POINTS}
                      step="any"
                      value={d.points}
                      aria-label={`Points for ${name}`}
                      onChange={(e) => update(d.key, { points: e.target.value })}
                    />
                  </label>
                </div>
                <label className="field">
                  <span>Description</span>
                  <textarea
                    rows={2}
                    value={d.description}
                    aria-label={`Description of ${name}`}
                    onChange={(e) => update(d.key, { description: e.target.value })}
                  />
                </label>
                <div className="rubric-actions">
                  <button
                    type="button"
                    aria-label={`Move ${name} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${name} down`}
                    disabled={i === list.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove ${name}`}
                    onClick={() => change(list.filter((x) => x.key !== d.key))}
                  >
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <p className="hint">
        {list.length} {list.length === 1 ? 'criterion' : 'criteria'}, {total} points in all
        {dirty ? ' — not saved yet' : ''}.
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
        <button type="button" disabled={list.length >= MAX_CRITERIA} onClick={add}>
          Add criterion
        </button>
        <button type="submit" className="primary" disabled={busy || !dirty}>
          Save rubric
        </button>
      </div>
    </form>
  );
}
