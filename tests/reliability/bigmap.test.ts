import { generateMap } from '@warrant/fixtures';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * A 16 MB map: about 32,600 claims of 150 characters with their relations, uploaded by one
 * stock client, stored, reloaded by a restarted relay and synced to fresh clients. While it
 * happens the relay must keep answering everyone else: a probe asks `/healthz` every 100 ms
 * and reads the relay's own event-loop delay every second, from a worker thread (this process
 * decodes 16 MB in its own clients).
 *
 * A huge map's room (from 8 MiB, `WARRANT_HOST_BYTES`) keeps its Y.Doc on the relay's worker
 * thread (server/README.md, "Big maps"): decoding, applying, encoding and summarising 16 MB,
 * and the garbage collections of its half a million Yjs items, never run on the event loop,
 * so the relay never blocks for the seconds they take: its worst event-loop delay and
 * `/healthz` answer stay within the bounds asserted below. Durations are printed, not
 * asserted (this machine is shared and noisy; see bench/README.md).
 */
const CLAIMS = 32_600;
const SIXTEEN_MB = 16_000_000;

interface Phase {
  name: string;
  ms: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

/** What a probe saw: `/healthz` answer times, failures, the relay's worst event-loop delay. */
interface ProbeResult {
  answers: number[];
  failures: string[];
  loopMaxMs: number;
}

/**
 * Asks `/healthz` every `everyMs` from a worker thread (so this process decoding 16 MB in its
 * own clients does not count against the relay), each time on a fresh connection, and
 * records how long each answer took.
 */
function probe(relay: RelayProcess, everyMs = 100) {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    let running = true;
    parentPort.on('message', () => { running = false; });
    const answers = [];
    const failures = [];
    let loopMaxMs = 0;
    const metrics = setInterval(() => {
      http.get(workerData.metricsUrl, { agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk) => { text += chunk; });
        res.on('end', () => {
          const line = text.split('\\n').find((l) => l.startsWith('warrant_event_loop_delay_max_seconds '));
          if (line) loopMaxMs = Math.max(loopMaxMs, Number(line.split(' ')[1]) * 1000);
        });
      }).on('error', () => undefined);
    }, 1000);
    const once = () => new Promise((resolve) => {
      const started = performance.now();
      const req = http.get(workerData.url, { agent: false, timeout: 30000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) failures.push('status ' + res.statusCode);
          answers.push(performance.now() - started);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (error) => { failures.push(String(error)); resolve(); });
    });
    (async () => {
      while (running) {
        await once();
        await new Promise((r) => setTimeout(r, workerData.everyMs));
      }
      clearInterval(metrics);
      parentPort.postMessage({ answers, failures, loopMaxMs });
    })();
    `,
    {
      eval: true,
      workerData: {
        url: `${relay.httpUrl}/healthz`,
        metricsUrl: `${relay.httpUrl}/metrics`,
        everyMs,
      },
    },
  );
  return {
    stop(): Promise<ProbeResult> {
      return new Promise((resolve, reject) => {
        worker.once('message', (result: ProbeResult) => {
          void worker.terminate();
          resolve(result);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      });
    },
  };
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

describe('a 16 MB map', () => {
  let relay: RelayProcess;
  let template: Y.Doc;
  const clients: StockClient[] = [];
  const phases: Phase[] = [];

  beforeAll(async () => {
    relay = await newRelay();
    template = new Y.Doc();
    generateMap(template, { claims: CLAIMS });
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await relay?.dispose();
    if (phases.length) {
      console.warn(
        `16 MB map (${CLAIMS} claims):\n` +
          phases
            .map(
              (p) =>
                `  ${p.name.padEnd(34)} ${String(Math.round(p.ms)).padStart(6)} ms   ` +
                `relay event-loop delay p99 ${p.eventLoopP99Ms.toFixed(1)} ms, max ${p.eventLoopMaxMs.toFixed(0)} ms`,
            )
            .join('\n'),
      );
    }
  });

  async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await run();
    const ms = performance.now() - started;
    const m = await relay.metrics();
    phases.push({
      name,
      ms,
      eventLoopP99Ms: (m.get('warrant_event_loop_delay_p99_seconds') ?? NaN) * 1000,
      eventLoopMaxMs: (m.get('warrant_event_loop_delay_max_seconds') ?? NaN) * 1000,
    });
    return result;
  }

  /** The client holds everything the template holds (plus the map's creation by the relay). */
  const expectWholeMap = (doc: Y.Doc): void => {
    const have = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(template))) {
      expect(have.get(client), `client ${client}`).toBe(clock);
    }
    expect(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(template)).byteLength).toBeLessThan(4096);
  };

  const claimsOnRelay = async (mapId: string): Promise<number> => {
    const res = await relay.fetch(`/api/maps/${mapId}`);
    const body = (await res.json()) as { stats?: { claims?: number } };
    return body.stats?.claims ?? 0;
  };

  it('is stored, reloaded and synced whole while the relay keeps answering', async () => {
    const update = Y.encodeStateAsUpdate(template);
    expect(update.byteLength).toBeGreaterThan(SIXTEEN_MB * 0.98);
    const mapId = await relay.createMap('Sixteen megabytes');
    const watch = probe(relay);

    // Upload: one stock client that already holds the map connects; its sync step 2
    // carries all 16 MB. Done when the relay describes the whole map (it is on disk by then).
    const writer = newClient(relay, mapId, { connect: false });
    clients.push(writer);
    Y.applyUpdate(writer.doc, update);
    await phase('upload (sync step 2 → on disk)', async () => {
      writer.provider.connect();
      await waitFor(async () => (await claimsOnRelay(mapId)) === CLAIMS, {
        timeoutMs: 120_000,
        intervalMs: 250,
        what: 'the relay to hold the whole map',
      });
    });
    writer.destroy();

    // A fresh client while the map is loaded.
    await phase('warm sync of a fresh client', async () => {
      const reader = newClient(relay, mapId);
      clients.push(reader);
      await reader.synced(120_000);
      expectWholeMap(reader.doc);
      reader.destroy();
    });

    // Restart: SIGTERM flushes; the new process loads the map on first connect.
    const warm = await watch.stop();
    await phase('restart (flush, compact, start)', () => relay.restart());
    const watchCold = probe(relay);
    await phase('cold load + sync after restart', async () => {
      const reader = newClient(relay, mapId);
      clients.push(reader);
      await reader.synced(120_000);
      expectWholeMap(reader.doc);
      reader.destroy();
    });

    // An edit on the big map still reaches another client promptly.
    const [a, b] = [newClient(relay, mapId), newClient(relay, mapId)];
    clients.push(a, b);
    await Promise.all([a.synced(120_000), b.synced(120_000)]);
    await phase('an edit from one client to another', async () => {
      a.doc.getMap('probe').set('edit', 'reached');
      await waitFor(() => b.doc.getMap('probe').get('edit') === 'reached', {
        timeoutMs: 30_000,
        what: 'the edit to reach the other client',
      });
    });
    const cold = await watchCold.stop();
    for (const [when, seen] of [
      ['upload and warm sync', warm],
      ['cold load and sync after the restart', cold],
    ] as const) {
      console.warn(
        `16 MB map, ${when}: /healthz answered ${seen.answers.length} probes, ` +
          `p50 ${quantile(seen.answers, 0.5).toFixed(1)} ms, ` +
          `p99 ${quantile(seen.answers, 0.99).toFixed(0)} ms, ` +
          `max ${Math.max(...seen.answers).toFixed(0)} ms; ` +
          `relay event-loop delay max ${seen.loopMaxMs.toFixed(0)} ms`,
      );
      expect(seen.failures, when).toEqual([]);
      expect(seen.answers.length, when).toBeGreaterThan(10);
      // Most answers are prompt: a block is rare, not the relay's normal state (median
      // 8–32 ms in three runs at a load average of 17–32 on the 2 cores).
      expect(quantile(seen.answers, 0.5), when).toBeLessThan(100);
      // The relay's own measure. Issue 17 asks for under 100 ms; not reached. The doc and
      // all Yjs work are on the worker; what still blocks the event loop is synchronous
      // SQLite with 16 MB rows (storing the compaction snapshot, loading the map, WAL
      // checkpoints: 0.5–1.4 s of CPU each), and receiving and sending 16 MB WebSocket frames
      // (0.3–0.7 s), stretched several times on a 2-core machine whose other processes hold
      // the cores: 1.8–3.9 s in three runs at a load average of 17–32; 0.27–0.54 s on a
      // quiet machine (server/README.md, "Big maps"). Before the worker: 87 s at once. The
      // 5 s bound is kept: it is what holds on this machine under load.
      expect(seen.loopMaxMs, when).toBeGreaterThan(0);
      expect(seen.loopMaxMs, when).toBeLessThan(5_000);
      expect(Math.max(...seen.answers), when).toBeLessThan(5_000);
    }
  }, 600_000);
});
