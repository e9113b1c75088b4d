import { useEffect } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { whenSettled } from '../state/whenSettled.ts';
import { EvaluationRunner } from './EvaluationRunner.ts';

/** Keeps the open map's lens evaluated (in a web worker) while the calling view is mounted. */
export function useEvaluationRunner(): void {
  const { session } = useSession();
  useEffect(() => {
    const runner = new EvaluationRunner(session.doc, session.lens);
    // Reading the whole map for the worker and starting it is not on the way to the first
    // cards and the first edit: it waits until the opening map has settled (see `SettleGate`).
    const cancel = whenSettled(() => runner.start());
    return () => {
      cancel();
      runner.destroy();
    };
  }, [session]);
}
