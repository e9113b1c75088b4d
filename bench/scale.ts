import { fileURLToPath } from 'node:url';
import { cpuOf, type ServerUnderTest, type Target } from './lib/servers.ts';
import { median, round, summarize, type Summary } from './lib/stats.ts';
import { killAll, nextMessage, startWorker } from './lib/workers.ts';
import type { ScaleClientPlan, ScaleMessage, ScalePlan } from './scale-worker.ts';

export interface ScaleResult {
  server: string;
  maps: number;
  clientsPerMap: number;
  connections: number;
  connectSeconds: number;
  /** Write → arrival at every other client of the map. */
  latencyMs: Summary;
  writes: number;
  /** Edits some client of their map never received within the settle time. */
  lost: number;
  /** How long after the writers stopped every edit had arrived (or the settle time ran out). */
  settleSeconds: number;
  disconnects: number;
  /** Server RSS with the rooms made but nobody connected. */
  restMiB: number;
  /** Server RSS with every client connected and synced, before anyone writes. */
  connectedMiB: number;
  /** (connected − rest) / connections: a connection's cost, with a tenth of a room each. */
  perConnectionKiB: number;
  /** The same from the V8 heap in use after a forced full collection (null without one). */
  heapPerConnectionKiB: number | null;
  /** Median and highest RSS sampled once a second while the writers wrote. */
  loadMedianMiB: number;
  loadMaxMiB: number;
  /** Server CPU while the writers wrote (1.0 = one core busy). */
  cpuCores: number;
  /** The load generator's CPU (all its worker processes) over the same time. */
  generatorCpuCores: number;
  /** Our relay's own account of the edit phase, from `/metrics` (null for the reference). */
  relay: {
    commits: number;
    /** Mean time of one group commit (a storage transaction with its fsync), ms. */
    commitMeanMs: number;
    updatesPerCommit: number;
    /** Event-loop delay p99 and max over the last 10–20 s of the edit phase, ms. */
    eventLoopP99Ms: number;
    eventLoopMaxMs: number;
  } | null;
}

/** Every unlabelled sample in a relay's `/metrics`, by series name. */
async function relayMetrics(port: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(warrant_[a-z0-9_]+) ([0-9.e+-]+)$/.exec(line);
    if (m) values.set(m[1]!, Number(m[2]));
  }
  return values;
}

const workerFile = fileURLToPath(new URL('./scale-worker.ts', import.meta.url));
const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);

/** Makes `count` rooms, a few requests at a time (our relay creates each through its API). */
async function makeRooms(server: ServerUnderTest, count: number): Promise<Target[]> {
  const rooms: Target[] = new Array<Target>(count);
  let next = 0;
  const maker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      rooms[i] = await server.newRoom(`scale ${i}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, maker));
  return rooms;
}

/**
 * `maps` maps with `clientsPerMap` stock clients each, spread over worker processes; one
 * client per map writes one small edit every `editIntervalMs` for `durationMs`. Measures
 * write → arrival latency at the map's other clients, loss after a settle time, and the
 * server's memory at rest, with everyone connected and while the edits flow.
 */
export async function scale(
  server: ServerUnderTest,
  opts: {
    maps: number;
    clientsPerMap: number;
    editIntervalMs: number;
    durationMs: number;
    workers: number;
    connectTimeoutMs: number;
    /** After the writers stop, how long to wait at most for every edit to arrive. */
    settleMs: number;
  },
): Promise<ScaleResult> {
  const rooms = await makeRooms(server, opts.maps);
  await new Promise((r) => setTimeout(r, 2_000));
  // Both readings after a forced full collection when the bench has the server's inspector,
  // so neither counts garbage (making the rooms leaves some on our relay).
  const restHeap = (await server.collectGarbage?.())?.heapUsedBytes ?? null;
  const rest = server.rssBytes();
  const plans: ScalePlan[] = Array.from({ length: opts.workers }, () => ({
    clients: [],
    editIntervalMs: opts.editIntervalMs,
    durationMs: opts.durationMs,
    connectConcurrency: 25,
    connectTimeoutMs: opts.connectTimeoutMs,
  }));
  // Round robin over workers, so each map's clients (and its writer) sit in different processes.
  let k = 0;
  for (let map = 0; map < opts.maps; map++) {
    for (let c = 0; c < opts.clientsPerMap; c++) {
      const client: ScaleClientPlan = { map, target: rooms[map]!, writer: c === 0 };
      plans[k++ % opts.workers]!.clients.push(client);
    }
  }
  const children = plans.map((plan) => startWorker(workerFile, plan));
  try {
    const ready = (await Promise.all(
      children.map((c) => nextMessage<ScaleMessage>(c, opts.connectTimeoutMs + 30_000)),
    )) as Extract<ScaleMessage, { type: 'ready' }>[];
    const connections = ready.reduce((n, r) => n + r.connected, 0);
    const connectSeconds = round(Math.max(...ready.map((r) => r.connectMs)) / 1000, 1);
    await new Promise((r) => setTimeout(r, 3_000));
    const connectedHeap = (await server.collectGarbage?.())?.heapUsedBytes ?? null;
    const connected = server.rssBytes();

    const ours = server.name === 'warrant';
    const metricsBefore = ours ? await relayMetrics(server.port) : null;
    const cpuBefore = server.cpuSeconds();
    const generatorCpu = (): number => children.reduce((n, c) => n + cpuOf(c.pid!), 0);
    const generatorBefore = generatorCpu();
    const startedAt = Date.now();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(server.rssBytes()), 1_000);
    children.forEach((c) => c.send('go'));
    const stopped = (await Promise.all(
      children.map((c) => nextMessage<ScaleMessage>(c, opts.durationMs + 60_000)),
    )) as Extract<ScaleMessage, { type: 'stopped' }>[];
    const writesTotal = stopped.reduce((n, s) => n + s.writes, 0);
    const seconds = (Date.now() - startedAt) / 1000;
    const cpuCores = (server.cpuSeconds() - cpuBefore) / seconds;
    const generatorCpuCores = (generatorCpu() - generatorBefore) / seconds;
    clearInterval(sampler);
    const metricsAfter = ours ? await relayMetrics(server.port) : null;
    const delta = (name: string): number =>
      (metricsAfter?.get(name) ?? NaN) - (metricsBefore?.get(name) ?? NaN);
    const relay =
      metricsAfter && metricsBefore
        ? {
            commits: delta('warrant_commits_total'),
            commitMeanMs: round(
              (delta('warrant_commit_seconds_sum') / delta('warrant_commit_seconds_count')) * 1000,
              2,
            ),
            updatesPerCommit: round(
              delta('warrant_updates_persisted_total') / delta('warrant_commits_total'),
              1,
            ),
            eventLoopP99Ms: round(
              (metricsAfter.get('warrant_event_loop_delay_p99_seconds') ?? NaN) * 1000,
            ),
            eventLoopMaxMs: round(
              (metricsAfter.get('warrant_event_loop_delay_max_seconds') ?? NaN) * 1000,
            ),
          }
        : null;
    // Settle: wait until every edit has reached every client of its map, or `settleMs` has
    // passed (what has not arrived by then counts as lost).
    const writesSoFar = new Map<number, number>();
    const settleStarted = Date.now();
    for (;;) {
      children.forEach((c) => c.send('count'));
      const counts = (await Promise.all(
        children.map((c) => nextMessage<ScaleMessage>(c, 60_000)),
      )) as Extract<ScaleMessage, { type: 'count' }>[];
      // A reader holding n keys proves the map had at least n writes; a reader short of the
      // most any reader of its map holds is still waiting.
      writesSoFar.clear();
      for (const c of counts) {
        for (const [map, n] of c.received)
          writesSoFar.set(map, Math.max(n, writesSoFar.get(map) ?? 0));
      }
      const behind = counts.some((c) =>
        c.received.some(([map, n]) => n < (writesSoFar.get(map) ?? 0)),
      );
      const total = [...writesSoFar.values()].reduce((a, b) => a + b, 0);
      if ((!behind && total >= writesTotal) || Date.now() - settleStarted > opts.settleMs) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const settleSeconds = round((Date.now() - settleStarted) / 1000, 1);
    children.forEach((c) => c.send('report'));
    const results = (await Promise.all(
      children.map((c) => nextMessage<ScaleMessage>(c, 120_000)),
    )) as Extract<ScaleMessage, { type: 'result' }>[];

    const writesByMap = new Map<number, number>();
    for (const r of results) for (const [map, n] of r.writes) writesByMap.set(map, n);
    const writes = writesTotal;
    let lost = 0;
    for (const r of results) {
      for (const [map, got] of r.received) lost += Math.max(0, (writesByMap.get(map) ?? 0) - got);
    }
    return {
      server: server.name,
      maps: opts.maps,
      clientsPerMap: opts.clientsPerMap,
      connections,
      connectSeconds,
      latencyMs: summarize(results.flatMap((r) => r.latencies)),
      writes,
      lost,
      settleSeconds,
      disconnects: results.reduce((n, r) => n + r.disconnects, 0),
      restMiB: mib(rest),
      connectedMiB: mib(connected),
      perConnectionKiB: round((connected - rest) / connections / 1024, 1),
      heapPerConnectionKiB:
        restHeap !== null && connectedHeap !== null
          ? round((connectedHeap - restHeap) / connections / 1024, 1)
          : null,
      loadMedianMiB: mib(median(samples)),
      loadMaxMiB: mib(Math.max(...samples)),
      cpuCores: round(cpuCores, 2),
      generatorCpuCores: round(generatorCpuCores, 2),
      relay,
    };
  } finally {
    killAll(children);
  }
}
