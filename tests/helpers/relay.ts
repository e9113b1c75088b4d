import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
// Test files share worker processes and each evaluates this module afresh: one set of live
// relays and one exit hook per process, not one per file (eleven files warned of a leak).
const liveKey = Symbol.for('warrant.tests.liveRelays');
const registry = globalThis as { [liveKey]?: Set<ChildProcess> };
const live: Set<ChildProcess> = registry[liveKey] ?? new Set<ChildProcess>();
if (!registry[liveKey]) {
  registry[liveKey] = live;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export interface RelayOptions {
  /** Extra environment for the relay (e.g. `WARRANT_UNLOAD_AFTER_MS`). */
  env?: Record<string, string>;
  /** Reuse a data directory; by default a fresh temporary one. */
  dataDir?: string;
  /**
   * Run the compiled relay (`node dist/main.js`, what `npm start` runs) instead of the
   * TypeScript sources through tsx; build it first with `buildRelay()`.
   */
  compiled?: boolean;
}

/** Compiles the relay into server/dist (as `npm start` does); throws with esbuild's output. */
export function buildRelay(): void {
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: serverDir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`server build failed:\n${built.stderr}${built.stdout}`);
}

/**
 * A real relay process on a free loopback port with its own data directory: the TypeScript
 * sources (`node --import tsx server/src/main.ts`, as `pnpm dev` runs them), or with
 * `compiled` the bundle `npm start` runs.
 */
export class RelayProcess {
  port = 0;
  readonly logs: string[] = [];
  /** Owner tokens of the maps this helper created, by map id. */
  readonly ownerTokens = new Map<string, string>();
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);

  private constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    private readonly compiled: boolean,
  ) {}

  static async start(options: RelayOptions = {}): Promise<RelayProcess> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warrant-relay-'));
    const relay = new RelayProcess(dataDir, options.env ?? {}, options.compiled ?? false);
    await relay.launch(0);
    return relay;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The `serverUrl` a stock `WebsocketProvider` takes; the room name is the map id. */
  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Sends `signal` and resolves with the exit code once the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    child.kill(signal);
    return this.exited;
  }

  /** Starts the relay again on the same port and data directory. */
  async restart(): Promise<void> {
    if (this.child) await this.kill('SIGTERM');
    await this.launch(this.port);
  }

  /** Stops the process and removes its data directory. */
  async dispose(): Promise<void> {
    if (this.child) {
      const exit = this.kill('SIGTERM');
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** `POST /api/maps` and return the new map's id. */
  async createMap(title = 'Test map'): Promise<string> {
    const res = await this.fetch('/api/maps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { id: string; ownerToken: string };
    this.ownerTokens.set(body.id, body.ownerToken);
    return body.id;
  }

  /** The owner token of a map this helper created or imported (tests act as its owner). */
  tokenFor(mapId: string): string | undefined {
    return this.ownerTokens.get(mapId);
  }

  /**
   * `fetch` against the relay. Requests under `/api/maps/<id>` carry that map's owner token
   * unless the test sets its own `authorization` header (or `{ auth: false }`).
   */
  async fetch(path: string, init: RequestInit & { auth?: false } = {}): Promise<Response> {
    const { auth, ...rest } = init;
    const headers = new Headers(rest.headers);
    const mapId = /^\/api\/maps\/([^/?]+)/.exec(path)?.[1];
    const token = mapId ? this.tokenFor(mapId) : undefined;
    if (auth !== false && token && !headers.has('authorization')) {
      headers.set('authorization', `Bearer ${token}`);
    }
    let res: Response;
    try {
      res = await fetch(this.httpUrl + path, { ...rest, headers });
    } catch (error) {
      // After a restart, fetch's pool may still hold a keep-alive socket to the old process,
      // which the first request finds closed. Reads are safe to send again, once.
      const method = (rest.method ?? 'GET').toUpperCase();
      const cause = (error as { cause?: { code?: string } }).cause;
      if ((method !== 'GET' && method !== 'HEAD') || cause?.code !== 'UND_ERR_SOCKET') throw error;
      res = await fetch(this.httpUrl + path, { ...rest, headers });
    }
    if (/^\/api\/maps(\/import)?$/.test(path) && res.status === 201) {
      const body = (await res.clone().json()) as { id: string; ownerToken: string };
      this.ownerTokens.set(body.id, body.ownerToken);
    }
    return res;
  }

  /** Scrapes `/metrics` into name{labels} → value. */
  async metrics(): Promise<Map<string, number>> {
    const text = await (await this.fetch('/metrics')).text();
    const out = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const at = line.lastIndexOf(' ');
      out.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
    return out;
  }

  async metric(name: string): Promise<number> {
    return (await this.metrics()).get(name) ?? 0;
  }

  /** Log records (parsed pino lines) whose `msg` matches. */
  records(msg: string): Record<string, unknown>[] {
    return this.logs
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.msg === msg);
  }

  private async launch(port: number): Promise<void> {
    const args = this.compiled ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        WARRANT_DATA: this.dataDir,
        LOG_LEVEL: 'info',
        // `records()` parses JSON lines, whatever the developer's own setting.
        WARRANT_LOG_FORMAT: 'json',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    live.add(child);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        live.delete(child);
        if (this.child === child) this.child = null;
        resolve(code);
      });
    });
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`relay did not listen within 60 s:\n${this.tail()}`));
      }, 60_000);
      const onExit = () => {
        clearTimeout(timer);
        reject(new Error(`relay exited before listening:\n${this.tail()}`));
      };
      child.once('exit', onExit);
      const onLine = (line: string) => {
        if (!line) return;
        this.logs.push(line);
        if (this.logs.length > 5000) this.logs.splice(0, 1000);
        if (line.includes('"msg":"listening"')) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve((JSON.parse(line) as { port: number }).port);
        }
      };
      lines(child.stdout, onLine);
      lines(child.stderr, onLine);
    });
  }

  /** The last log lines, for failure messages. */
  tail(n = 30): string {
    return this.logs.slice(-n).join('\n');
  }
}

function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
}

/** Starts a real relay process; `dispose()` it when done. */
export function newRelay(options: RelayOptions = {}): Promise<RelayProcess> {
  return RelayProcess.start(options);
}
