import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests: the distribution's `initdb` into a temporary
 * directory, `postgres` on a free loopback port, removed again by `stop()`. Tests start
 * their own; nothing depends on a server already running.
 *
 * `initdb` refuses to run as root, so as root the cluster is made and run as the
 * `postgres` user (the Debian package creates it).
 */
export interface TestCluster {
  /** `postgres://…` for a database of its own, created on demand. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Where the server binaries are, or null if PostgreSQL is not installed here. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.WARRANT_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/**
 * Whether tests that need PostgreSQL should run: they must where CI says so
 * (`WARRANT_REQUIRE_POSTGRES=1`, and there a missing server is a failure, not a skip).
 */
export function postgresAvailable(): boolean {
  if (findPostgresBin()) return true;
  if (process.env.WARRANT_REQUIRE_POSTGRES === '1') {
    throw new Error('PostgreSQL is required (WARRANT_REQUIRE_POSTGRES=1) but initdb was not found');
  }
  return false;
}

export interface TestClusterOptions {
  /**
   * Keep PostgreSQL's crash safety (`fsync`, full-page writes), as a real deployment runs it:
   * for benchmarks comparing its commits with SQLite's, which fsyncs every one. Tests leave it
   * off for speed.
   */
  durable?: boolean;
}

/**
 * For a test file: starts a cluster before its tests (if PostgreSQL is here) and stops it
 * after; `url()` gives each caller a database of its own.
 */
export function useTestCluster(hooks: {
  beforeAll(fn: () => Promise<void>, timeout?: number): void;
  afterAll(fn: () => Promise<void>, timeout?: number): void;
}): { available: boolean; url(): Promise<string> } {
  const available = postgresAvailable();
  let cluster: TestCluster | null = null;
  hooks.beforeAll(async () => {
    if (available) cluster = await startTestCluster();
  }, 60_000);
  hooks.afterAll(async () => {
    await cluster?.stop();
  }, 60_000);
  return {
    available,
    url() {
      if (!cluster) throw new Error('no PostgreSQL cluster (is PostgreSQL installed?)');
      return cluster.createDatabase();
    },
  };
}

export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'warrant-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  // As root, the cluster is made and run as `postgres` (its files owned by that user).
  const user = asRoot ? postgresUser() : {};

  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'warrant', '--auth=trust', '--encoding=UTF8', '--no-sync'],
    { encoding: 'utf8', ...user },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'max_connections=200',
    // Tests want speed, not crash safety of the throwaway cluster itself; the relay's own
    // commits still wait for PostgreSQL's commit (that is what the contract checks).
    ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
  ];
  const server: ChildProcess = spawn(join(bin, 'postgres'), args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...user,
  });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const base = `postgres://warrant@127.0.0.1:${port}`;
  await waitForServer(`${base}/postgres`, server, () => log);

  let next = 0;
  return {
    async createDatabase() {
      const name = `t${process.pid}_${++next}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // SIGINT: "fast shutdown" (rolls back open transactions, closes connections).
        server.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForServer(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited at start: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`postgres did not accept connections within 30 s: ${log()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => {
    const out = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (out.status !== 0)
      throw new Error('running as root needs the `postgres` user to run PostgreSQL');
    return Number(out.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A free loopback port, as the system hands one out, for a server a test or bench starts
 * (PostgreSQL here; Redis and relays elsewhere).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
