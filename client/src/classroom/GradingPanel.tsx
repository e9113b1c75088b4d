import { useCallback } from 'react';
import { fetchAssignment } from '../api/classroomApi.ts';
import { GradingForm } from './GradingForm.tsx';
import { usePlaces } from './places.ts';
import { usePolled } from './usePolled.ts';
import './classroom.css';

/**
 * Beside a copy the instructor opened from the dashboard: the grading form for this copy, so
 * they grade while reading it; claim-level feedback is the map's own comments and marks.
 */
export function GradingPanel({
  assignmentId,
  mapId,
  token,
  onClose,
}: {
  assignmentId: string;
  mapId: string;
  token: string;
  onClose: () => void;
}) {
  const places = usePlaces();
  const load = useCallback(() => fetchAssignment(assignmentId, token), [assignmentId, token]);
  const { data, error, refresh } = usePolled(load, null);
  const row = data?.copies.find((c) => c.id === mapId);
  const dashboard = places.assignment(assignmentId);
  return (
    <aside className="side-panel grading-panel" aria-label="Grading">
      <div className="grading-head">
        <h2>Grading{row ? `: ${row.name}` : ''}</h2>
        <button type="button" aria-label="Close grading" onClick={onClose}>
          ×
        </button>
      </div>
      {data ? <p className="hint">{data.title}</p> : null}
      <p>
        <a
          href={dashboard}
          onClick={(e) => {
            e.preventDefault();
            places.navigate(dashboard);
          }}
        >
          Back to the dashboard
        </a>
      </p>
      {error && !data ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      {!data && !error ? <p role="status">Loading the rubric…</p> : null}
      {data && !row ? <p role="status">This map is not one of this assignment’s copies.</p> : null}
      {data && row ? (
        <>
          <p className="hint">
            Comment on claims and mark them with Comments and Mark… as usual: students see them once
            you release this copy.
          </p>
          <GradingForm
            key={row.id}
            assignmentId={assignmentId}
            token={token}
            rubric={data.rubric}
            row={row}
            onChanged={() => void refresh()}
          />
        </>
      ) : null}
    </aside>
  );
}
