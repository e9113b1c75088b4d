import {
  MAX_GROUP_NAME_LENGTH,
  MAX_GROUP_SIZE,
  MAX_GROUPS,
  MAX_INSTRUCTIONS_LENGTH,
  newAssignmentRequestSchema,
  type NewAssignmentRequest,
  type NewAssignmentResponse,
  type TemplateKind,
} from '@warrant/shared';
import { useState, type FormEvent } from 'react';
import { createAssignment } from '../api/classroomApi.ts';
import { rememberTaught } from '../device/assignments.ts';
import { CopyField } from '../ui/CopyField.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { failureText } from '../ui/failure.ts';
import { localInputToIso } from './time.ts';
import './classroom.css';

type Mode = 'individual' | 'named' | 'size';

/** The form's groups as the request wants them, or what is wrong with them. */
function grouping(
  mode: Mode,
  names: string,
  size: string,
): { groups?: NewAssignmentRequest['groups'] } | { problem: string } {
  if (mode === 'individual') return {};
  if (mode === 'size') {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1 || n > MAX_GROUP_SIZE)
      return { problem: `A group size is a whole number from 1 to ${MAX_GROUP_SIZE}.` };
    return { groups: { size: n } };
  }
  const list = names
    .split('\n')
    .map((n) => n.trim())
    .filter(Boolean);
  if (list.length === 0) return { problem: 'Name at least one group, one per line.' };
  if (list.length > MAX_GROUPS) return { problem: `At most ${MAX_GROUPS} groups.` };
  const long = list.find((n) => n.length > MAX_GROUP_NAME_LENGTH);
  if (long) return { problem: `“${long}” is longer than ${MAX_GROUP_NAME_LENGTH} characters.` };
  const twice = list.find((n, i) => list.indexOf(n) !== i);
  if (twice) return { problem: `“${twice}” is named twice; group names must differ.` };
  return { groups: list };
}

/**
 * Makes an assignment from this map (its owner only): title, instructions, due date, how
 * students are grouped, and what their copies start from. Once made it shows the join link
 * to hand out, keeps the instructor token on this device, and leads to the dashboard.
 */
export function NewAssignmentDialog({
  mapId,
  ownerToken,
  mapTitle,
  onClose,
  onDashboard,
}: {
  mapId: string;
  ownerToken: string;
  mapTitle: string;
  onClose: () => void;
  onDashboard: (assignmentId: string) => void;
}) {
  const [title, setTitle] = useState(mapTitle);
  const [instructions, setInstructions] = useState('');
  const [due, setDue] = useState('');
  const [mode, setMode] = useState<Mode>('individual');
  const [names, setNames] = useState('');
  const [size, setSize] = useState('3');
  const [template, setTemplate] = useState<TemplateKind>('map');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<NewAssignmentResponse | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const groups = grouping(mode, names, size);
    if ('problem' in groups) return setError(groups.problem);
    const request = newAssignmentRequestSchema.safeParse({
      map: mapId,
      title,
      ...(instructions.trim() ? { instructions } : {}),
      due: localInputToIso(due),
      ...groups,
      template,
    });
    if (!request.success) {
      const issue = request.error.issues[0];
      return setError(
        `${issue?.path.join('.') || 'The form'}: ${issue?.message ?? 'is not valid'}.`,
      );
    }
    setBusy(true);
    try {
      const answer = await createAssignment(ownerToken, request.data);
      rememberTaught({
        id: answer.id,
        title: request.data.title,
        token: answer.token,
        templateMap: answer.templateMap,
        createdAt: Date.now(),
      });
      setMade(answer);
    } catch (err) {
      setError(failureText(err, { next: 'Nothing was made; try again.' }));
    } finally {
      setBusy(false);
    }
  };

  if (made) {
    return (
      <Dialog title="Assignment made" onClose={onClose} wide>
        <p>
          Hand this link to your students. Each opens it, gives their name
          {mode === 'named' ? ' and picks their group' : ''}, and gets their own copy to edit. Your
          instructor key is kept on this device: the dashboard opens from your home page.
        </p>
        <CopyField label="Join link" value={`${window.location.origin}${made.joinUrl}`} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" onClick={() => onDashboard(made.id)}>
            Open the dashboard
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Make an assignment" onClose={onClose} wide>
      <form className="assignment-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">
          Every student (or group) gets a copy of this map to build on. You see all copies on the
          assignment’s dashboard, review and grade them, and release feedback when you choose.
        </p>
        <label className="field">
          <span>Title</span>
          <input
            value={title}
            required
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Instructions</span>
          <textarea
            rows={4}
            value={instructions}
            maxLength={MAX_INSTRUCTIONS_LENGTH}
            onChange={(e) => setInstructions(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Due (optional)</span>
          <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <fieldset className="choice">
          <legend>Students work</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'individual'}
              onChange={() => setMode('individual')}
            />{' '}
            Each on their own copy
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'named'}
              onChange={() => setMode('named')}
            />{' '}
            In named groups (each student picks one)
          </label>
          {mode === 'named' ? (
            <label className="field nested">
              <span>Group names, one per line</span>
              <textarea rows={4} value={names} onChange={(e) => setNames(e.target.value)} />
            </label>
          ) : null}
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'size'}
              onChange={() => setMode('size')}
            />{' '}
            In groups of a size (filled in order of joining)
          </label>
          {mode === 'size' ? (
            <label className="field nested">
              <span>Students per group</span>
              <input
                type="number"
                min={1}
                max={MAX_GROUP_SIZE}
                step={1}
                value={size}
                onChange={(e) => setSize(e.target.value)}
              />
            </label>
          ) : null}
        </fieldset>
        <fieldset className="choice">
          <legend>Copies start from</legend>
          <label>
            <input
              type="radio"
              name="template"
              checked={template === 'map'}
              onChange={() => setTemplate('map')}
            />{' '}
            The whole map (claims, reasons, sources and passages)
          </label>
          <label>
            <input
              type="radio"
              name="template"
              checked={template === 'sources'}
              onChange={() => setTemplate('sources')}
            />{' '}
            Its sources and passages only
          </label>
        </fieldset>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Making…' : 'Make assignment'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
