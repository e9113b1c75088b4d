import { MAX_STUDENT_NAME_LENGTH, joinRequestSchema, type JoinInfoResponse } from '@warrant/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { fetchJoinInfo, joinAssignment } from '../api/classroomApi.ts';
import { ApiRequestError } from '../api/request.ts';
import { joinedCopy, rememberJoined } from '../device/assignments.ts';
import { rememberMap } from '../device/recentMaps.ts';
import { failureText } from '../ui/failure.ts';
import { usePlaces } from './places.ts';
import { dueText } from './time.ts';
import './classroom.css';

const members = (n: number) => `${n} member${n === 1 ? '' : 's'}`;

/**
 * Where an assignment's join link leads: its title, instructions and due date; the student
 * gives their name (and picks their group), joins, and lands on their own copy. On a device
 * that already joined, the link goes straight back to that copy.
 */
export function JoinPage({
  assignmentId,
  defaultName,
  onName,
}: {
  assignmentId: string;
  /** This device's name, if it has one: the form starts with it. */
  defaultName: string;
  /** The name given, kept as this device's name so the copy does not ask again. */
  onName: (name: string) => void;
}) {
  const places = usePlaces();
  const [already] = useState(() => joinedCopy(assignmentId));
  const [info, setInfo] = useState<JoinInfoResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState(defaultName);
  const [group, setGroup] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (already) {
      places.navigate(places.map(already.copy, already.token), { replace: true });
      return;
    }
    let live = true;
    fetchJoinInfo(assignmentId).then(
      (answer) => live && setInfo(answer),
      (e: unknown) =>
        live &&
        setLoadError(
          e instanceof ApiRequestError && e.status === 404
            ? 'This join link does not lead to an assignment. Check the link with your instructor.'
            : failureText(e, { next: 'Reload the page to try again.' }),
        ),
    );
    return () => {
      live = false;
    };
  }, [already, assignmentId, places]);

  if (already) {
    return (
      <div className="page-message" role="status">
        Opening your copy…
      </div>
    );
  }
  if (loadError) {
    return (
      <div className="page-message" role="alert">
        <h1>This assignment cannot be opened</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  if (!info) {
    return (
      <div className="page-message" role="status">
        Opening the assignment…
      </div>
    );
  }

  // Named groups are picked (full ones disabled); groups by size place the student.
  const picking = info.pickGroup;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (picking && !group) return setError('Pick your group.');
    const request = joinRequestSchema.safeParse({ name, ...(picking ? { group } : {}) });
    if (!request.success) {
      return setError(
        name.trim()
          ? `Your name can be at most ${MAX_STUDENT_NAME_LENGTH} characters.`
          : 'Give your name, so your instructor knows whose copy it is.',
      );
    }
    setBusy(true);
    try {
      const joined = await joinAssignment(assignmentId, request.data);
      rememberJoined({
        assignment: assignmentId,
        copy: joined.copy.id,
        token: joined.token,
        title: joined.copy.title,
        name: joined.name,
        group: joined.group,
      });
      rememberMap({ id: joined.copy.id, title: joined.copy.title, token: joined.token });
      onName(joined.name.slice(0, 40));
      places.navigate(places.map(joined.copy.id, joined.token), { replace: true });
    } catch (err) {
      setBusy(false);
      setError(failureText(err, { next: 'Check your name and group, then try again.' }));
    }
  };

  return (
    <main className="join-page">
      <section className="home-card" aria-labelledby="join-title">
        <p className="hint">Assignment</p>
        <h1 id="join-title">{info.title}</h1>
        <p className="join-due">{dueText(info.due)}</p>
        {info.instructions ? (
          <div className="instructions" aria-label="Instructions" role="region">
            {info.instructions}
          </div>
        ) : null}
        <form className="join-form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="field">
            <span>Your name</span>
            <input
              value={name}
              autoFocus
              autoComplete="name"
              maxLength={MAX_STUDENT_NAME_LENGTH}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          {picking ? (
            <fieldset className="choice">
              <legend>Your group</legend>
              {info.groups.map((g) => (
                <label key={g.name} className={g.full ? 'full' : undefined}>
                  <input
                    type="radio"
                    name="group"
                    value={g.name}
                    checked={group === g.name}
                    disabled={g.full}
                    onChange={() => setGroup(g.name)}
                  />{' '}
                  {g.name}{' '}
                  <span className="hint">
                    ({members(g.members)}
                    {g.full ? ', full' : ''})
                  </span>
                </label>
              ))}
            </fieldset>
          ) : info.mode === 'groups' ? (
            <p className="hint">You are placed in a group as you join.</p>
          ) : null}
          <p className="hint">
            You get your own copy of the map to work on
            {info.mode === 'groups' ? ', shared with your group' : ''}. Your instructor sees it, and
            can comment on it and grade it.
          </p>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions start">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Joining…' : 'Join and open my copy'}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
