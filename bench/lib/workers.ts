import { fork, type ChildProcess } from 'node:child_process';
import { TSX_IMPORT } from './servers.ts';

/** A benchmark worker process running a TypeScript file, talking over IPC. */
export function startWorker(file: string, plan: unknown): ChildProcess {
  const child = fork(file, [], { execArgv: ['--import', TSX_IMPORT], stdio: 'inherit' });
  child.send(plan as object);
  return child;
}

/** The worker's next message; rejects on its `error` message or after `timeoutMs`. */
export function nextMessage<M extends { type: string }>(
  child: ChildProcess,
  timeoutMs: number,
): Promise<Exclude<M, { type: 'error' }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker timed out')), timeoutMs);
    child.once('message', (m: M) => {
      clearTimeout(timer);
      if (m.type === 'error') reject(new Error((m as unknown as { message: string }).message));
      else resolve(m as Exclude<M, { type: 'error' }>);
    });
  });
}

export function killAll(children: ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}
