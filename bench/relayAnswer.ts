/**
 * How long the relay takes to give a new client the whole map, seen from a bare `ws` client on
 * loopback (no browser): `tsx relayAnswer.ts [options]`. A tool, not a figure of `pnpm bench`.
 *
 *   --claims=1000        size of the generated map
 *   --runs=15            measured connections per relay (after one unmeasured)
 *   --cold               each connection finds the map unloaded (the relay unloads it at once
 *                        when the last connection leaves; the next one comes 400 ms later)
 *   --relays=DIR[,DIR]   the checkouts whose relays to compare (default: this one), connected
 *                        to alternately: `--relays=../../main,..` (from bench/)
 *
 * Each connection asks as the app does (`?schema&ack&grant`, the owner's token), sends a sync
 * step 1 that holds nothing, and is timed from dialling to the socket's open and to the
 * relay's sync step 2 (the map) arriving; each relay's CPU time (all its threads) over the
 * measured connections is reported per connection.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { exportMap, SCHEMA_VERSION } from '@warrant/shared';
import { generateMap } from './coldsync.ts';
import { importIntoWarrant, startWarrant } from './lib/servers.ts';
import { median, round } from './lib/stats.ts';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const claims = Number(opt('claims') ?? 1000);
const runs = Number(opt('runs') ?? 15);
const cold = args.includes('--cold');
const roots = opt('relays')?.split(',') ?? [undefined];

interface Sample {
  open: number;
  step2: number;
}

/** One connection: ms from dialling to the socket's open and to the relay's sync step 2. */
function connectOnce(url: string): Promise<Sample> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    let open = -1;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.on('open', () => {
      open = performance.now() - t0;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0); // sync
      encoding.writeVarUint(e, 0); // step 1
      encoding.writeVarUint8Array(e, Uint8Array.of(0)); // an empty state vector
      ws.send(encoding.toUint8Array(e));
    });
    ws.on('message', (data: ArrayBuffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 1) return;
      const step2 = performance.now() - t0;
      ws.close();
      done({ open, step2 });
    });
    ws.on('error', fail);
  });
}

const map = exportMap(generateMap(claims));
const servers = await Promise.all(
  roots.map((root) =>
    startWarrant(
      { WARRANT_UNLOAD_AFTER_MS: cold ? '0' : String(3_600_000) },
      root ? { root: resolve(root) } : {},
    ),
  ),
);
try {
  const urls = await Promise.all(
    servers.map(async (server) => {
      const t = await importIntoWarrant(server.port, map);
      return `${t.serverUrl}/${t.room}?schema=${SCHEMA_VERSION}&ack=1&grant=1&token=${t.params.token}`;
    }),
  );
  const samples: Sample[][] = roots.map(() => []);
  // Each relay's CPU time (all its threads) over the measured connections: what answering
  // costs the relay, which the machine's load does not inflate the way it does latency.
  const cpuFrom: number[] = [];
  for (let i = 0; i <= runs; i++) {
    if (i === 1) for (const [k, server] of servers.entries()) cpuFrom[k] = server.cpuSeconds();
    for (const [k, url] of urls.entries()) {
      const s = await connectOnce(url);
      if (i > 0) samples[k]!.push(s);
      if (cold) await new Promise((r) => setTimeout(r, 400));
    }
  }
  // Work the last connections started (a cold answer's room load) finishes before counting.
  await new Promise((r) => setTimeout(r, cold ? 3000 : 500));
  const cpuMs = servers.map((server, k) => ((server.cpuSeconds() - cpuFrom[k]!) * 1000) / runs);
  for (const [k, root] of roots.entries()) {
    const s = samples[k]!;
    process.stdout.write(
      `${root ?? 'this checkout'}: ${claims} claims${cold ? ', cold' : ''}: open ${round(median(s.map((x) => x.open)))} ms, ` +
        `step 2 ${round(median(s.map((x) => x.step2)))} ms (median of ${s.length}; ${s.map((x) => Math.round(x.step2)).join(', ')}); ` +
        `relay CPU ${round(cpuMs[k]!)} ms per connection\n`,
    );
  }
} finally {
  for (const server of servers) await server.stop();
}
