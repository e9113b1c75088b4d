import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/src/storage/pg/testCluster.ts';
import { Inspector } from './inspector.ts';

/**
 * The servers under test, each in its own process on loopback: our relay (durable, SQLite)
 * and the reference `@y/websocket-server` 0.1.1 (in memory). Same machine, same run.
 */
/** Where a stock provider connects: server URL, room, and URL parameters (the token). */
export interface Target {
  serverUrl: string;
  room: string;
  params: Record<string, string>;
}

export interface ServerUnderTest {
  name: 'warrant' | 'reference';
  port: number;
  pid: number;
  /** Where a stock provider connects to this server (its `serverUrl`). */
  syncUrl: string;
  /** Makes a room for a new document; returns the URL and room a stock provider takes. */
  newRoom(title: string): Promise<Target>;
  /** Resident memory of the server process, from /proc. */
  rssBytes(): number;
  /** CPU time the server process has used so far (user + system), from /proc. */
  cpuSeconds(): number;
  /** Present when started with `inspect`: forces a full collection, returns the heap in use. */
  collectGarbage?: () => Promise<{ heapUsedBytes: number }>;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** `--import` argument that lets a child process run TypeScript, wherever it starts. */
export const TSX_IMPORT = import.meta.resolve('tsx');

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

/** utime + stime of a process, in seconds (Linux counts them in 1/100 s ticks). */
export function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function stopper(child: ChildProcess, cleanup?: () => void): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) {
        cleanup?.();
        resolve();
        return;
      }
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        cleanup?.();
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** A server's stderr, minus the inspector's own chatter, so the table stays readable. */
function forwardStderr(child: ChildProcess): void {
  let rest = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (/^(Debugger (listening|attached|ending)|For help, see: )/.test(line)) continue;
      process.stderr.write(`${line}\n`);
    }
  });
}

export interface StartOptions {
  /** Open the V8 inspector on a loopback port, so the bench can force collections. */
  inspect?: boolean;
  /** More Node flags for the server process (e.g. `--cpu-prof` while investigating). */
  nodeArgs?: string[];
  /** The checkout whose relay to run (default: this one), to compare relays side by side. */
  root?: string;
}

async function inspectArgs(
  options: StartOptions,
): Promise<{ args: string[]; inspector?: Inspector }> {
  const extra = options.nodeArgs ?? [];
  if (!options.inspect) return { args: extra };
  const port = await freePort();
  return { args: [...extra, `--inspect=127.0.0.1:${port}`], inspector: new Inspector(port) };
}

export async function startWarrant(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<ServerUnderTest> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-bench-'));
  const { args, inspector } = await inspectArgs(options);
  const child = spawn(
    process.execPath,
    [...args, '--import', TSX_IMPORT, join(options.root ?? root, 'server/src/main.ts')],
    {
      cwd: options.root ?? root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        WARRANT_DATA: dataDir,
        LOG_LEVEL: 'warn',
        WARRANT_MAX_BODY_BYTES: String(64 * 1024 * 1024),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  forwardStderr(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`)).ok, 'the Warrant relay');
  return {
    name: 'warrant',
    port,
    pid: child.pid!,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    async newRoom(title) {
      const res = await fetch(`${base}/api/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (!res.ok) throw new Error(`create map: ${res.status} ${await res.text()}`);
      const { id, ownerToken } = (await res.json()) as { id: string; ownerToken: string };
      return { serverUrl: `ws://127.0.0.1:${port}/sync`, room: id, params: { token: ownerToken } };
    },
    rssBytes: () => rssOf(child.pid!),
    cpuSeconds: () => cpuOf(child.pid!),
    ...(inspector && { collectGarbage: () => inspector.collectGarbage() }),
    stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** Imports a map through the API (our path for whole maps); returns its room. */
export async function importIntoWarrant(port: number, json: unknown): Promise<Target> {
  const res = await fetch(`http://127.0.0.1:${port}/api/maps/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`import: ${res.status} ${(await res.text()).slice(0, 200)}`);
  const { id, ownerToken } = (await res.json()) as { id: string; ownerToken: string };
  return { serverUrl: `ws://127.0.0.1:${port}/sync`, room: id, params: { token: ownerToken } };
}

export async function startReference(options: StartOptions = {}): Promise<ServerUnderTest> {
  const port = await freePort();
  const entry = require
    .resolve('@y/websocket-server/package.json')
    .replace(/package\.json$/, 'src/server.js');
  const { args, inspector } = await inspectArgs(options);
  const child = spawn(process.execPath, [...args, entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  forwardStderr(child);
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 'the reference server');
  let rooms = 0;
  return {
    name: 'reference',
    port,
    pid: child.pid!,
    syncUrl: `ws://127.0.0.1:${port}`,
    newRoom: async (title) => ({
      serverUrl: `ws://127.0.0.1:${port}`,
      room: `${title.replace(/\W+/g, '-')}-${++rooms}-${Date.now()}`,
      params: {},
    }),
    rssBytes: () => rssOf(child.pid!),
    cpuSeconds: () => cpuOf(child.pid!),
    ...(inspector && { collectGarbage: () => inspector.collectGarbage() }),
    stop: stopper(child),
  };
}
