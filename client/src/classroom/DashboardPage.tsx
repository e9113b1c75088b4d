import type { AssignmentResponse, CopyRow } from '@warrant/shared';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  exportAllCopies,
  fetchAssignment,
  gradesCsv,
  pushTemplate,
  releaseFeedback,
  type Download,
} from '../api/classroomApi.ts';
import { ApiRequestError } from '../api/request.ts';
import {
  instructorToken,
  readTaught,
  rememberTaught,
  retitleTaught,
} from '../device/assignments.ts';
import { dispositionFileName, saveFile } from '../formats/download.ts';
import { CopyField } from '../ui/CopyField.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { failureText } from '../ui/failure.ts';
import { CopiesComparison } from './CopiesComparison.tsx';
import { CopyTable } from './CopyTable.tsx';
import { GradingForm } from './GradingForm.tsx';
import { usePlaces } from './places.ts';
import { describePush } from './push.ts';
import { RubricEditor } from './RubricEditor.tsx';
import { dueText, when } from './time.ts';
import { usePolled } from './usePolled.ts';
import './classroom.css';

/** How often the dashboard asks again while visible, so it shows students' work live. */
export const DASHBOARD_REFRESH_MS = 5_000;

/**
 * One assignment's dashboard, for its instructor: the join link, every copy (sortable, live,
 * with its figures and activity), the rubric, and the actions on all copies (release all,
 * export all, grades CSV, push the template's changes, edit the template) and on each (open
 * in review with grading beside it, grade here, release).
 *
 * `rowActions` is where features beside the classroom add to each row (comparing a copy
 * with a reference map, who wrote what): they get the row and the instructor token.
 */
export function DashboardPage({
  assignmentId,
  linkToken,
  rowActions,
}: {
  assignmentId: string;
  /** An instructor token from the URL (`#token=`), for a dashboard opened on another device. */
  linkToken?: string;
  rowActions?: (row: CopyRow, context: { assignmentId: string; token: string }) => ReactNode;
}) {
  const places = usePlaces();
  const [token] = useState(() => linkToken ?? instructorToken(assignmentId));
  const load = useCallback(
    () => (token ? fetchAssignment(assignmentId, token) : Promise.reject(new Error('no token'))),
    [assignmentId, token],
  );
  const { data, error, refresh } = usePolled(token ? load : null, DASHBOARD_REFRESH_MS);
  const [grading, setGrading] = useState<string | null>(null);
  const [confirmPush, setConfirmPush] = useState(false);
  const [releasing, setReleasing] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  /** The rubric starts open while it has no criteria; then as the person leaves it. */
  const [rubricOpen, setRubricOpen] = useState<boolean | null>(null);

  // Keep the instructor token of a dashboard opened by link, and the title up to date: once
  // per assignment and title, not on every poll (each reads and writes the device's list).
  const id = data?.id;
  const title = data?.title;
  const templateMap = data?.templateMap;
  const createdAt = data?.createdAt;
  useEffect(() => {
    if (!id || title === undefined || !templateMap || !createdAt || !token) return;
    document.title = `${title} · Dashboard · Warrant`;
    if (readTaught().some((a) => a.id === id)) retitleTaught(id, title);
    else rememberTaught({ id, title, token, templateMap, createdAt: Date.parse(createdAt) });
  }, [id, title, templateMap, createdAt, token]);

  if (!token) {
    return (
      <div className="page-message" role="alert">
        <h1>This dashboard needs the instructor’s key</h1>
        <p>
          This device does not hold the instructor key of this assignment. Open the dashboard on the
          device that made the assignment, from its home page.
        </p>
        <HomeButton />
      </div>
    );
  }
  if (!data) {
    if (error) {
      return (
        <div className="page-message" role="alert">
          <h1>This dashboard cannot be opened</h1>
          <p>
            {error.message}{' '}
            {isRefusal(error)
              ? 'Only the assignment’s instructor sees its dashboard.'
              : 'It is asked again every few seconds.'}
          </p>
          <HomeButton />
        </div>
      );
    }
    return (
      <div className="page-message" role="status">
        Opening the dashboard…
      </div>
    );
  }

  /** Runs an action on every copy, saying what it is doing until it is done (or failed). */
  const run = async (what: () => Promise<string>, next: string, doing: string) => {
    setBusy(true);
    setActionError(null);
    setStatus(doing);
    try {
      setStatus(await what());
      void refresh();
    } catch (e) {
      setStatus('');
      setActionError(failureText(e, { next }));
    } finally {
      setBusy(false);
    }
  };
  const save = (file: Download, fallback: string) =>
    saveFile(file.blob, dispositionFileName(file.disposition) ?? fallback);

  const releaseOne = async (row: CopyRow) => {
    setReleasing((s) => new Set(s).add(row.id));
    await run(
      async () => {
        await releaseFeedback(assignmentId, token, [row.id]);
        return `Feedback released to ${row.name}.`;
      },
      'Nothing was released; try again.',
      `Releasing feedback to ${row.name}…`,
    );
    setReleasing((s) => {
      const next = new Set(s);
      next.delete(row.id);
      return next;
    });
  };

  const graded = grading ? data.copies.find((c) => c.id === grading) : undefined;
  return (
    <main className="dashboard">
      <header className="dashboard-head">
        <a
          href="/"
          className="home-link"
          aria-label="All maps"
          onClick={(e) => {
            e.preventDefault();
            places.navigate('/');
          }}
        >
          <span aria-hidden="true">⚖</span>
        </a>
        <div className="grow">
          <p className="hint">Assignment dashboard</p>
          <h1>{data.title}</h1>
          <p className="hint">
            {dueText(data.due)} · made {when(data.createdAt)} ·{' '}
            {data.mode === 'groups' ? 'groups' : 'individual copies'} · copies start from{' '}
            {data.template === 'map' ? 'the whole map' : 'its sources only'}
          </p>
        </div>
      </header>
      <section className="home-card" aria-label="Join link">
        <CopyField
          label="Join link for students"
          value={`${window.location.origin}${data.joinUrl}`}
        />
      </section>
      <div className="dashboard-tools" role="toolbar" aria-label="All copies">
        <button
          type="button"
          disabled={busy || data.copies.length === 0}
          onClick={() =>
            void run(
              async () => {
                const released = await releaseFeedback(assignmentId, token);
                return `Feedback released to ${released.released.length} ${released.released.length === 1 ? 'copy' : 'copies'}.`;
              },
              'Nothing was released; try again.',
              `Releasing feedback to ${copies(data.copies.length)}…`,
            )
          }
        >
          Release all
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              async () => {
                save(await exportAllCopies(assignmentId, token), `assignment-${assignmentId}.zip`);
                return 'Every copy exported.';
              },
              'Try again in a moment.',
              `Exporting ${copies(data.copies.length)}…`,
            )
          }
        >
          Export all
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              async () => {
                save(await gradesCsv(assignmentId, token), `grades-${assignmentId}.csv`);
                return 'Grades downloaded as CSV.';
              },
              'Try again in a moment.',
              'Preparing the grades…',
            )
          }
        >
          Grades CSV
        </button>
        <button type="button" disabled={busy} onClick={() => setConfirmPush(true)}>
          Push template changes…
        </button>
        <a
          className="button-link"
          href={places.map(data.templateMap, token)}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            places.navigate(places.map(data.templateMap, token));
          }}
        >
          Edit template
        </a>
      </div>
      <p role="status" className="dashboard-status">
        {status}
      </p>
      {actionError ? (
        <p role="alert" className="error">
          {actionError}
        </p>
      ) : null}
      {error ? (
        <p role="status" className="hint">
          Not up to date: {error.message} It is asked again every few seconds.
        </p>
      ) : null}

      <section className="home-card" aria-labelledby="copies-heading">
        <h2 id="copies-heading">Copies</h2>
        {data.copies.length === 0 ? (
          <p className="hint">
            No student has joined yet. Copies appear here, live, as students join with the link.
          </p>
        ) : (
          <div className="table-scroll">
            <CopyTable
              rows={data.copies}
              actions={{
                openHref: (row) => places.map(row.id, token, assignmentId),
                open: (row) => places.navigate(places.map(row.id, token, assignmentId)),
                grade: (row) => setGrading(row.id),
                release: (row) => void releaseOne(row),
                releasing,
                ...(rowActions ? { extra: (row) => rowActions(row, { assignmentId, token }) } : {}),
              }}
            />
          </div>
        )}
      </section>

      <CopiesComparison assignmentId={assignmentId} token={token} data={data} />

      <details
        className="home-card rubric-section"
        open={rubricOpen ?? data.rubric.criteria.length === 0}
        onToggle={(e) => setRubricOpen(e.currentTarget.open)}
      >
        <summary>
          <h2>Rubric</h2>
          <span className="hint">
            {data.rubric.criteria.length} criteria,{' '}
            {data.rubric.criteria.reduce((sum, c) => sum + c.points, 0)} points
          </span>
        </summary>
        <RubricEditor
          assignmentId={assignmentId}
          token={token}
          rubric={data.rubric}
          onSaved={() => void refresh()}
        />
      </details>

      {graded ? (
        <Dialog title={`Grade ${graded.name}`} onClose={() => setGrading(null)} wide>
          <GradingForm
            key={graded.id}
            assignmentId={assignmentId}
            token={token}
            rubric={data.rubric}
            row={graded}
            onChanged={() => void refresh()}
          />
          <div className="dialog-actions">
            <button type="button" onClick={() => setGrading(null)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
      {confirmPush ? (
        <PushDialog
          data={data}
          onClose={() => setConfirmPush(false)}
          onPush={() => {
            setConfirmPush(false);
            void run(
              async () => describePush(await pushTemplate(assignmentId, token)),
              'No copy was changed; try again.',
              `Pushing the template’s changes into ${copies(data.copies.length)}…`,
            );
          }}
        />
      ) : null}
    </main>
  );
}

function HomeButton() {
  const places = usePlaces();
  return (
    <div className="dialog-actions start centered">
      <button type="button" onClick={() => places.navigate('/')}>
        Back to your maps
      </button>
    </div>
  );
}

function PushDialog({
  data,
  onClose,
  onPush,
}: {
  data: AssignmentResponse;
  onClose: () => void;
  onPush: () => void;
}) {
  const n = data.copies.length;
  return (
    <Dialog title="Push the template’s changes?" onClose={onClose}>
      <p>
        What you added to the template since its last push — sources, passages, claims and reasons —
        is added to every copy ({n} now). It is merged into each copy as a new edit: nothing
        students wrote is changed or removed.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onPush}>
          Push to {copies(n)}
        </button>
      </div>
    </Dialog>
  );
}

/** "1 copy", "12 copies". */
function copies(n: number): string {
  return `${n} ${n === 1 ? 'copy' : 'copies'}`;
}

/** Whether a failure means the relay refused the token (not a passing network problem). */
function isRefusal(e: unknown): boolean {
  return e instanceof ApiRequestError && [401, 403, 404].includes(e.status);
}
