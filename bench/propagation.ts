import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TSX_IMPORT, type ServerUnderTest } from './lib/servers.ts';
import { summarize, type Summary } from './lib/stats.ts';
import type { WorkerMessage, WorkerPlan } from './propagation-worker.ts';

export interface PropagationResult {
  server: string;
  clients: number;
  writers: number;
  latencyMs: Summary;
  writes: number;
  /** Updates some client never received after the settle time. */
  lost: number;
  converged: boolean;
}

const workerFile = fileURLToPath(new URL('./propagation-worker.ts', import.meta.url));

function next(child: ChildProcess, timeoutMs: number): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker timed out')), timeoutMs);
    child.once('message', (m: WorkerMessage) => {
      clearTimeout(timer);
      if (m.type === 'error') reject(new Error(m.message));
      else resolve(m);
    });
  });
}

/**
 * N stock clients in one map, spread over worker processes; `writers` of them write
 * `editsPerSecond` small edits each for `durationMs`. Latency is write → arrival at each other
 * client; lost updates and convergence are checked after a settle time.
 *
 * With `relays` (servers sharing one database, the first being `server`), client i connects
 * to relay i mod their number, so writers and readers alike are spread over them.
 */
export async function propagation(
  server: ServerUnderTest,
  opts: {
    clients: number;
    writers: number;
    editsPerSecond: number;
    durationMs: number;
    workers: number;
    relays?: ServerUnderTest[];
  },
): Promise<PropagationResult> {
  const target = await server.newRoom(`propagation-${opts.clients}`);
  const relays = opts.relays ?? [server];
  const plans: WorkerPlan[] = Array.from({ length: opts.workers }, () => ({
    target,
    clients: [],
    editsPerSecond: opts.editsPerSecond,
    durationMs: opts.durationMs,
  }));
  for (let i = 0; i < opts.clients; i++) {
    const relay = relays[i % relays.length]!;
    plans[i % opts.workers]!.clients.push({
      index: i,
      writer: i < opts.writers,
      ...(relay !== server && { target: { ...target, serverUrl: relay.syncUrl } }),
    });
  }
  const children = plans
    .filter((p) => p.clients.length)
    .map((plan) => {
      const child = fork(workerFile, [], { execArgv: ['--import', TSX_IMPORT], stdio: 'inherit' });
      child.send(plan);
      return child;
    });
  try {
    await Promise.all(children.map((c) => next(c, 120_000)));
    children.forEach((c) => c.send('go'));
    await Promise.all(children.map((c) => next(c, opts.durationMs + 60_000)));
    await new Promise((r) => setTimeout(r, 5_000));
    children.forEach((c) => c.send('report'));
    const results = (await Promise.all(children.map((c) => next(c, 60_000)))) as Extract<
      WorkerMessage,
      { type: 'result' }
    >[];
    const writes = results.reduce((n, r) => n + r.writes, 0);
    const received = results.flatMap((r) => r.received);
    const latencies = results.flatMap((r) => r.latencies);
    return {
      server: server.name,
      clients: opts.clients,
      writers: opts.writers,
      latencyMs: summarize(latencies),
      writes,
      lost: received.reduce((n, got) => n + Math.max(0, writes - got), 0),
      converged: received.every((got) => got === writes),
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  }
}
