import { useEffect } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { EvaluationRunner } from './EvaluationRunner.ts';

/** Keeps the open map's lens evaluated (in a web worker) while the calling view is mounted. */
export function useEvaluationRunner(): void {
  const { session } = useSession();
  useEffect(() => {
    const runner = new EvaluationRunner(session.doc, session.lens);
    runner.start();
    return () => runner.destroy();
  }, [session]);
}
