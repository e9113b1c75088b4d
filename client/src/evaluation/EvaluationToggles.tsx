import { useSession } from '../session/SessionContext.ts';
import { useLens } from '../session/useLens.ts';
import { checkCount } from './checkCount.ts';

/** The map header's two toggles: the "Which claims stand" lens, and the checks with their count. */
export function EvaluationToggles() {
  const { lens } = useSession().session;
  const on = useLens((l) => l.on);
  const checksOpen = useLens((l) => l.checksOpen);
  const latest = useLens((l) => l.latest);
  const count = latest ? checkCount(latest.checks) : null;
  return (
    <div className="view-switch" role="group" aria-label="Evaluation">
      <button type="button" aria-pressed={on} onClick={() => lens.on.set(!on)}>
        Which claims stand
      </button>
      <button
        type="button"
        aria-pressed={checksOpen}
        onClick={() => lens.checksOpen.set(!checksOpen)}
      >
        {count === null ? 'Checks' : `Checks (${count})`}
      </button>
    </div>
  );
}
