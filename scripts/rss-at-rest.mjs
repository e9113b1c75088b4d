// `node scripts/rss-at-rest.mjs [tsx] [start] [reference]`: the relay's resident memory at
// rest. Each relay starts on a fresh data directory (so it creates the sample map), sits idle
// with no clients, and its VmRSS is read from /proc 10 s and 30 s after it listens (V8 hands
// back young-generation pages only once it notices the process is idle); then it starts again
// on the same directory (the usual case: the sample already exists) and is measured the same.
// `tsx` runs the sources as the tests and `pnpm dev` do; `start` runs the bundle exactly as the
// server's `start` script (what `npm start` runs) does: build it first (`pnpm build`).
// `reference` is the stock y-websocket server the benchmarks compare against (no maps).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from './pnpm.mjs';

const READ_AT_MS = [10_000, 30_000];
const serverDir = join(root, 'server');

const startScript = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')).scripts.start;
const relays = {
  tsx: [process.execPath, ['--import', 'tsx', 'src/main.ts']],
  // "node build.mjs && node <flags> dist/main.js": the part that runs the relay.
  start: [process.execPath, startScript.split('&&').at(-1).trim().split(/\s+/).slice(1)],
};

function rssMiB(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round((Number(kb) / 1024) * 10) / 10;
}

/** Starts a process, waits until `ready(line)` sees a line, idles, reads RSS, stops it. */
async function measure(cmd, args, options, ready) {
  const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (output.split('\n').some(ready)) resolve();
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', () => reject(new Error(`${args.join(' ')} exited:\n${output}`)));
  });
  const mib = [];
  let waited = 0;
  for (const at of READ_AT_MS) {
    await sleep(at - waited);
    waited = at;
    mib.push(rssMiB(child.pid));
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return mib;
}

async function relay(mode) {
  const [cmd, args] = relays[mode];
  if (mode !== 'tsx' && !existsSync(join(serverDir, 'dist/main.js'))) {
    throw new Error('server/dist/main.js is missing: run `pnpm --filter @warrant/server build`.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-rss-'));
  const options = {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      WARRANT_DATA: dataDir,
      WARRANT_LOG_FORMAT: 'json',
    },
  };
  const listening = (line) => line.includes('"msg":"listening"');
  try {
    const fresh = await measure(cmd, args, options, listening);
    const restarted = await measure(cmd, args, options, listening);
    return { fresh, restarted };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function reference() {
  const require = createRequire(join(root, 'bench/package.json'));
  const entry = require
    .resolve('@y/websocket-server/package.json')
    .replace(/package\.json$/, 'src/server.js');
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const options = { env: { ...process.env, HOST: '127.0.0.1', PORT: port } };
  const mib = await measure(process.execPath, [entry], options, (l) => l.includes('running'));
  return { fresh: mib, restarted: mib };
}

const modes = process.argv.slice(2);
const at = READ_AT_MS.map((ms) => `${ms / 1000} s`).join(' / ');
process.stdout.write(`RSS at rest (MiB) after ${at} idle, Node ${process.version}\n`);
process.stdout.write('  relay          fresh data dir       restarted\n');
for (const mode of modes.length ? modes : ['tsx', 'start', 'reference']) {
  const { fresh, restarted } = mode === 'reference' ? await reference() : await relay(mode);
  const row = `  ${mode.padEnd(15)}${fresh.join(' / ').padStart(14)}${restarted.join(' / ').padStart(16)}`;
  process.stdout.write(`${row}\n`);
}
