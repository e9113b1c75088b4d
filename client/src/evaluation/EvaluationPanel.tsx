import { useLens } from '../session/useLens.ts';
import { ChecksPanel } from './ChecksPanel.tsx';
import { LensPanel } from './LensPanel.tsx';
import { useEvaluationRunner } from './useEvaluationRunner.ts';
import './evaluation.css';

/**
 * Beside the map: the lens and the checks panels when open. Always mounted, because it keeps
 * the evaluation running (for the badges and the checks count) while the map is open.
 */
export function EvaluationPanel() {
  useEvaluationRunner();
  const on = useLens((l) => l.on);
  const checksOpen = useLens((l) => l.checksOpen);
  if (!on && !checksOpen) return null;
  return (
    <aside className="side-panel lens-panel" aria-label="Evaluation">
      {on ? <LensPanel /> : null}
      {checksOpen ? <ChecksPanel /> : null}
    </aside>
  );
}
