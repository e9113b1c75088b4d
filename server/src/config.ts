import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Defaults, Limits } from './protocol/constants.ts';

/** Everything the relay can be told from outside, resolved and checked. */
export interface RelayConfig {
  /** 0 picks a free port (the log line "listening" says which). */
  port: number;
  /** Interface to bind; undefined means all interfaces. */
  host: string | undefined;
  /** Directory holding the database, resolved against the working directory. */
  dataDir: string;
  /** Built client to serve, if it exists. */
  clientDist: string;
  maxMessageBytes: number;
  maxBodyBytes: number;
  unloadAfterMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  commitDelayMs: number;
  maxPendingBytes: number;
  /**
   * From this size as stored, a map's room keeps its doc on the worker thread; a client
   * update of half this moves it there (`hostBytes`, `hostUpdateBytes` in `rooms/`).
   */
  hostBytes: number;
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  /** While storage refuses writes, how often to try a small write to notice recovery. */
  storageProbeMs: number;
  /**
   * Take an automatic version of a map once it has had no edit for this long after one; 0
   * takes none. Tests set it to a few hundred ms.
   */
  autoVersionQuietMs: number;
  /** Automatic versions kept per map; older ones are deleted. Named versions are never. */
  autoVersionsKept: number;
  logLevel: string;
  /**
   * `pretty`: one readable line per record, for a person at a terminal; `json`: one pino JSON
   * record per line, for machines (tests parse them). Unset: pretty only when stdout is a TTY.
   */
  logFormat: 'pretty' | 'json' | undefined;
  /**
   * `postgres://…`: maps, their logs and share links live in PostgreSQL instead of the
   * SQLite file under `dataDir` (several relays can then share one database).
   */
  databaseUrl: string | undefined;
  /**
   * `redis://…`: relays sharing `databaseUrl` fan updates, presence and revocations out to
   * each other through Redis (requires `databaseUrl`).
   */
  redisUrl: string | undefined;
  /** With Redis: how often loaded maps are compared with storage to repair missed updates. */
  repairIntervalMs: number;
}

const count = (min: number) => z.coerce.number().int().min(min);

/** Environment variables, their meaning, and their defaults. */
const envSchema = z.object({
  PORT: count(0).max(65535).default(8080),
  HOST: z.string().min(1).optional(),
  WARRANT_DATA: z.string().min(1).default('./data'),
  WARRANT_CLIENT_DIST: z.string().min(1).optional(),
  WARRANT_MAX_MESSAGE_BYTES: count(1024).default(Defaults.maxMessageBytes),
  WARRANT_MAX_BODY_BYTES: count(1024).default(Defaults.maxBodyBytes),
  WARRANT_UNLOAD_AFTER_MS: count(0).default(Defaults.unloadAfterMs),
  WARRANT_COMPACT_AFTER_UPDATES: count(1).default(Defaults.compactAfterUpdates),
  WARRANT_COMPACT_AFTER_BYTES: count(1).default(Defaults.compactAfterBytes),
  WARRANT_COMMIT_DELAY_MS: count(0).max(1000).default(Defaults.commitDelayMs),
  WARRANT_MAX_PENDING_BYTES: count(0).default(Limits.maxPendingBytes),
  WARRANT_HOST_BYTES: count(1).default(Defaults.hostBytes),
  WARRANT_MAX_MESSAGES_PER_SECOND: count(1).default(Defaults.maxMessagesPerSecond),
  WARRANT_MAX_BYTES_PER_SECOND: count(1024).default(Defaults.maxBytesPerSecond),
  WARRANT_STORAGE_PROBE_MS: count(10).max(60_000).default(1000),
  WARRANT_AUTO_VERSION_QUIET_MS: count(0).default(Defaults.autoVersionQuietMs),
  WARRANT_AUTO_VERSIONS_KEPT: count(1).max(10_000).default(Defaults.autoVersionsKept),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WARRANT_LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  WARRANT_REPAIR_INTERVAL_MS: count(50).max(60_000).default(1000),
});

/** Thrown for a bad environment; the message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Both src/config.ts and the bundle dist/main.js lie one folder below server/, so this finds
// client/dist from either.
const defaultClientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));

export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): RelayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid environment: REDIS_URL: relays can share maps only through PostgreSQL; set DATABASE_URL too',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(cwd, e.WARRANT_DATA),
    clientDist: e.WARRANT_CLIENT_DIST ? resolve(cwd, e.WARRANT_CLIENT_DIST) : defaultClientDist,
    maxMessageBytes: e.WARRANT_MAX_MESSAGE_BYTES,
    maxBodyBytes: e.WARRANT_MAX_BODY_BYTES,
    unloadAfterMs: e.WARRANT_UNLOAD_AFTER_MS,
    compactAfterUpdates: e.WARRANT_COMPACT_AFTER_UPDATES,
    compactAfterBytes: e.WARRANT_COMPACT_AFTER_BYTES,
    commitDelayMs: e.WARRANT_COMMIT_DELAY_MS,
    maxPendingBytes: e.WARRANT_MAX_PENDING_BYTES,
    hostBytes: e.WARRANT_HOST_BYTES,
    maxMessagesPerSecond: e.WARRANT_MAX_MESSAGES_PER_SECOND,
    maxBytesPerSecond: e.WARRANT_MAX_BYTES_PER_SECOND,
    storageProbeMs: e.WARRANT_STORAGE_PROBE_MS,
    autoVersionQuietMs: e.WARRANT_AUTO_VERSION_QUIET_MS,
    autoVersionsKept: e.WARRANT_AUTO_VERSIONS_KEPT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.WARRANT_LOG_FORMAT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    repairIntervalMs: e.WARRANT_REPAIR_INTERVAL_MS,
  };
}
