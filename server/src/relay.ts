import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SCHEMA_VERSION, type HealthResponse } from '@warrant/shared';
import express from 'express';
import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import type { Fanout } from './fanout/Fanout.ts';
import { NoFanout } from './fanout/Fanout.ts';
import type { AuthStore } from './auth/Auth.ts';
import { roleFor, type AccessDeps } from './auth/access.ts';
import { SqliteAuth } from './auth/sqlite/SqliteAuth.ts';
import { apiRouter, clientError } from './http/api.ts';
import { securityHeaders } from './http/security.ts';
import { pagesRouter } from './http/pages.ts';
import { openMaps } from './maps/openMaps.ts';
import { RelayMetrics } from './metrics/Metrics.ts';
import type { RoomManager } from './rooms/RoomManager.ts';
import type { Storage } from './storage/Storage.ts';
import { SqliteStorage } from './storage/sqlite/SqliteStorage.ts';
import { StorageHealth } from './storage/StorageHealth.ts';
import { attachSync } from './sync/attachSync.ts';
import { sharedModel } from './maps/sharedModel.ts';
import { AutoVersions } from './versions/AutoVersions.ts';
import { VersionService } from './versions/VersionService.ts';

export interface Relay {
  readonly port: number;
  readonly metrics: RelayMetrics;
  /** The map open to everyone on this relay (the sample), as it was at start-up; null if none. */
  readonly sample: { id: string; title: string } | null;
  /** Flushes every commit, closes connections (going away), snapshots maps, closes storage. */
  close(): Promise<void>;
}

export interface RelayParts {
  storage?: Storage;
  auth?: AuthStore;
  fanout?: Fanout;
}

/** Builds and starts the relay: storage, rooms, sync endpoint, API, pages, metrics. */
export async function startRelay(
  config: RelayConfig,
  logger: Logger,
  parts: RelayParts = {},
): Promise<Relay> {
  const storage = parts.storage ?? new SqliteStorage(join(config.dataDir, 'warrant.db'));
  const fanout = parts.fanout ?? new NoFanout();
  const auth = parts.auth ?? new SqliteAuth(join(config.dataDir, 'warrant.db'));
  let rooms: RoomManager | null = null;
  const metrics = new RelayMetrics({
    connections: () => rooms?.connectionCount ?? 0,
    loadedMaps: () => rooms?.loadedCount ?? 0,
  });
  const health = new StorageHealth(storage, logger, config.storageProbeMs);
  metrics.registry.gauge(
    'warrant_storage_writable',
    '1 while storage takes writes, 0 while the relay refuses edits because it cannot',
    () => (health.writable ? 1 : 0),
  );
  const {
    rooms: roomManager,
    maps,
    commits,
  } = openMaps(config, {
    storage,
    fanout,
    metrics,
    logger,
    health,
  });
  rooms = roomManager;
  const versions = new VersionService(storage, maps, roomManager, sharedModel, health, {
    autoVersionsKept: config.autoVersionsKept,
  });
  const autoVersions = new AutoVersions(versions, config.autoVersionQuietMs, logger);
  const stopWatchingCommits = commits.onCommitted((mapIds) => autoVersions.edited(mapIds));
  /** Who may do what: one decision for REST routes and sync connections. */
  const access: AccessDeps = { auth, mapExists: async (id) => (await storage.meta(id)) !== null };

  if ((await storage.list()).length === 0) {
    const sample = await maps.createSample();
    // The sample is open to everyone on this relay, so a fresh install shows it at once.
    await auth.setPublicRole(sample.id, 'editor');
    logger.info({ mapId: sample.id, title: sample.title }, 'created the sample map');
  }

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res: express.Response<HealthResponse>) => {
    const storageStatus = health.status();
    res
      .status(storageStatus.writable ? 200 : 503)
      .json({ status: storageStatus.writable ? 'ok' : 'degraded', storage: storageStatus });
  });
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.registry.render());
  });
  /** Maps open to everyone (the sample), under their live titles; private maps never list. */
  const publicMaps = async () => {
    const open = new Set(await auth.publicMaps());
    return (await maps.list()).filter((m) => open.has(m.id));
  };
  app.use(securityHeaders);
  let revoke: (linkId: string) => void = () => {};
  app.use(
    '/api',
    apiRouter({
      maps,
      versions,
      storage,
      auth,
      access,
      logger,
      health,
      maxBodyBytes: config.maxBodyBytes,
      publicMaps,
      onRevoke: (linkId) => revoke(linkId),
    }),
  );
  app.use(pagesRouter(config.clientDist, publicMaps));
  // Last resort for pages (the API answers its own errors): a short message, never a stack.
  app.use(
    (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (res.headersSent) return next(error);
      const known = clientError(error);
      if (!known) logger.error({ err: error }, 'page request failed');
      res
        .status(known?.status ?? 500)
        .type('text/plain')
        .send(known?.message ?? 'Internal error; the relay log has the details.');
    },
  );

  const server = createServer(app);
  const sync = attachSync(server, {
    rooms,
    metrics,
    logger,
    maxMessageBytes: config.maxMessageBytes,
    schemaVersion: SCHEMA_VERSION,
    maxMessagesPerSecond: config.maxMessagesPerSecond,
    maxBytesPerSecond: config.maxBytesPerSecond,
    access: (mapId, token) => roleFor(access, mapId, token),
  });
  revoke = (linkId) => {
    const closed = sync.closeLink(linkId);
    logger.info({ linkId, closed }, 'share link revoked');
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const [open] = await publicMaps();
  const sample = open ? { id: open.id, title: open.title } : null;

  let closing: Promise<void> | null = null;
  return {
    port,
    metrics,
    sample,
    close() {
      closing ??= (async () => {
        sync.stopAccepting();
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await roomManager.close();
        sync.close();
        await commits.drain();
        stopWatchingCommits();
        await autoVersions.close();
        await fanout.close();
        await storage.close();
        await auth.close();
        metrics.stop();
        health.stop();
        server.closeAllConnections();
        await httpClosed;
      })();
      return closing;
    },
  };
}
