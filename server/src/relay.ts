import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  REVIEW_SCHEMA_VERSION,
  SCHEMA_VERSION,
  type HealthResponse,
  type ReadyResponse,
} from '@warrant/shared';
import express from 'express';
import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import type { Fanout } from './fanout/Fanout.ts';
import { NoFanout } from './fanout/Fanout.ts';
import { RedisFanout } from './fanout/RedisFanout.ts';
import type { AuthStore } from './auth/Auth.ts';
import { roleFor, type AccessDeps } from './auth/access.ts';
import { PgAuth } from './auth/pg/PgAuth.ts';
import { SqliteAuth } from './auth/sqlite/SqliteAuth.ts';
import { apiRouter, clientError } from './http/api.ts';
import { linkNameFromRole } from './http/authorsApi.ts';
import { securityHeaders } from './http/security.ts';
import { pagesRouter } from './http/pages.ts';
import { ensureSample } from './maps/ensureSample.ts';
import { openMaps } from './maps/openMaps.ts';
import { openReviews } from './maps/openReviews.ts';
import { RelayMetrics } from './metrics/Metrics.ts';
import type { RoomManager } from './rooms/RoomManager.ts';
import type { Storage } from './storage/Storage.ts';
import { PgStorage } from './storage/pg/PgStorage.ts';
import { SqliteStorage } from './storage/sqlite/SqliteStorage.ts';
import { StorageHealth } from './storage/StorageHealth.ts';
import { StorageUnavailableError } from './storage/Storage.ts';
import { attachSync } from './sync/attachSync.ts';
import { sharedReads, storedAsIs } from './sync/ColdAnswer.ts';
import type { AssignmentStore } from './classroom/AssignmentStore.ts';
import { ClassroomService } from './classroom/ClassroomService.ts';
import { PgAssignments } from './classroom/pg/PgAssignments.ts';
import { SqliteAssignments } from './classroom/sqlite/SqliteAssignments.ts';
import { sharedModel } from './maps/sharedModel.ts';
import { WorkerOffload } from './rooms/WorkerOffload.ts';
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
  /** Where maps' review documents are kept (the maps' SQLite file, namespace `review`). */
  reviewStorage?: Storage;
  auth?: AuthStore;
  assignments?: AssignmentStore;
  fanout?: Fanout;
}

/**
 * Storage and share links: PostgreSQL when `DATABASE_URL` is set, else the SQLite file in
 * the data directory. Parts handed in (tests) win.
 */
async function openBackends(
  config: RelayConfig,
  logger: Logger,
  parts: RelayParts,
): Promise<{
  storage: Storage;
  reviewStorage: Storage;
  auth: AuthStore;
  assignments: AssignmentStore;
}> {
  const url = config.databaseUrl;
  if (!url) {
    const file = join(config.dataDir, 'warrant.db');
    return {
      storage: parts.storage ?? new SqliteStorage(file),
      reviewStorage: parts.reviewStorage ?? new SqliteStorage(file, { namespace: 'review' }),
      auth: parts.auth ?? new SqliteAuth(file),
      assignments: parts.assignments ?? new SqliteAssignments(file),
    };
  }
  const onIdleError = (err: Error) =>
    logger.warn({ err }, 'a PostgreSQL connection was lost; the pool opens a new one');
  const storage = parts.storage ?? (await PgStorage.open(url, { onIdleError }));
  const reviewStorage =
    parts.reviewStorage ??
    (await PgStorage.open(url, { onIdleError, namespace: 'review', maxConnections: 4 }));
  const auth = parts.auth ?? (await PgAuth.open(url, onIdleError));
  const assignments = parts.assignments ?? (await PgAssignments.open(url, onIdleError));
  logger.info({ database: redactUrl(url) }, 'storage: PostgreSQL');
  return { storage, reviewStorage, auth, assignments };
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Builds and starts the relay: storage, rooms, sync endpoint, API, pages, metrics. */
export async function startRelay(
  config: RelayConfig,
  logger: Logger,
  parts: RelayParts = {},
): Promise<Relay> {
  const { storage, reviewStorage, auth, assignments } = await openBackends(config, logger, parts);
  let rooms: RoomManager | null = null;
  let reviewRooms: RoomManager | null = null;
  const fanout =
    parts.fanout ??
    (config.redisUrl
      ? await RedisFanout.open(config.redisUrl, logger, {
          onReconnect: () => {
            void rooms?.catchUp();
            void reviewRooms?.catchUp();
          },
        })
      : new NoFanout());
  const metrics = new RelayMetrics({
    connections: () => (rooms?.connectionCount ?? 0) + (reviewRooms?.connectionCount ?? 0),
    loadedMaps: () => rooms?.loadedCount ?? 0,
  });
  const health = new StorageHealth(storage, logger, config.storageProbeMs);
  // Big maps' decoding and encoding run here, off the event loop (see server/README.md).
  const offload = new WorkerOffload();
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
    offload,
  });
  rooms = roomManager;
  const review = openReviews(config, {
    storage,
    reviews: reviewStorage,
    fanout,
    metrics,
    logger,
    health,
    offload,
  });
  reviewRooms = review.rooms;
  const versions = new VersionService(storage, maps, roomManager, sharedModel, health, {
    autoVersionsKept: config.autoVersionsKept,
  });
  const autoVersions = new AutoVersions(versions, config.autoVersionQuietMs, logger);
  const stopWatchingCommits = commits.onCommitted((mapIds) => autoVersions.edited(mapIds));
  const classroom = new ClassroomService({
    store: assignments,
    auth,
    maps,
    rooms: roomManager,
    reviews: review.reviews,
    health,
    logger,
    exclusive: storage.exclusive?.bind(storage),
  });
  const stopWatchingCopies = commits.onCommitted((ids) => classroom.activity.mapsCommitted(ids));
  const stopWatchingCopyReviews = review.commits.onCommitted((ids) =>
    classroom.activity.reviewsCommitted(ids),
  );
  /** Who may do what: one decision for REST routes and sync connections. */
  const access: AccessDeps = {
    auth,
    mapExists: async (id) => (await storage.meta(id)) !== null,
    crossMap: classroom.crossMap,
  };

  // Relays starting together on one empty database make the sample once, not once each.
  await ensureSample(storage, async () => {
    const sample = await maps.createSample();
    // The sample is open to everyone on this relay, so a fresh install shows it at once.
    await auth.setPublicRole(sample.id, 'editor');
    logger.info({ mapId: sample.id, title: sample.title }, 'created the sample map');
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res: express.Response<HealthResponse>) => {
    const storageStatus = health.status();
    res
      .status(storageStatus.writable ? 200 : 503)
      .json({ status: storageStatus.writable ? 'ok' : 'degraded', storage: storageStatus });
  });
  let accepting = true;
  app.get('/readyz', (_req, res: express.Response<ReadyResponse>) => {
    const storageStatus = health.status();
    const ready = accepting && storageStatus.writable;
    res.status(ready ? 200 : 503).json({
      ready,
      accepting,
      storage: storageStatus,
      fanout: fanout.shared ? 'redis' : 'none',
    });
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
      reviews: review.reviews,
      versions,
      storage,
      auth,
      access,
      logger,
      health,
      maxBodyBytes: config.maxBodyBytes,
      publicMaps,
      onRevoke: (linkId) => revoke(linkId),
      classroom,
      // A student's link is named by the name they joined with (set by the relay at join).
      nameOfLink: async (linkId, role) =>
        (await assignments.memberByLink(linkId))?.name ?? linkNameFromRole(linkId, role),
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
  const storedMap = sharedReads((id) => storedAsIs(storage, id, SCHEMA_VERSION, config.hostBytes));
  const storedReview = sharedReads((id) =>
    storedAsIs(reviewStorage, id, REVIEW_SCHEMA_VERSION, config.hostBytes),
  );
  const sync = attachSync(server, {
    rooms,
    metrics,
    logger,
    maxMessageBytes: config.maxMessageBytes,
    schemaVersion: SCHEMA_VERSION,
    reviewRooms: review.rooms,
    reviewSchemaVersion: REVIEW_SCHEMA_VERSION,
    maxMessagesPerSecond: config.maxMessagesPerSecond,
    maxBytesPerSecond: config.maxBytesPerSecond,
    access: (mapId, token, layer) => roleFor(access, mapId, token, layer),
    // A client that holds nothing gets the map from storage while its room loads.
    storedAsIs: (mapId, layer) => (layer === 'map' ? storedMap : storedReview)(mapId),
  });
  // Revocations and storage failures reach every relay sharing the storage (this one too).
  revoke = (linkId) => fanout.broadcast({ kind: 'revoked', linkId });
  const stopEvents = fanout.onEvent((event, local) => {
    if (event.kind === 'revoked') {
      const closed = sync.closeLink(event.linkId);
      logger.info({ linkId: event.linkId, closed, local }, 'share link revoked');
    } else if (!local) {
      health.fail(new StorageUnavailableError(event.cause), true);
    }
  });
  health.onFailed((cause, reported) => {
    if (!reported && fanout.shared) fanout.broadcast({ kind: 'storage-failed', cause });
  });
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
        accepting = false;
        sync.stopAccepting();
        stopEvents();
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([roomManager.close(), review.rooms.close()]);
        sync.close();
        await Promise.all([commits.drain(), review.commits.drain()]);
        stopWatchingCommits();
        stopWatchingCopies();
        stopWatchingCopyReviews();
        await classroom
          .close()
          .catch((err: unknown) => logger.warn({ err }, 'classroom: last recount failed'));
        await autoVersions.close();
        await offload.close();
        await fanout.close();
        await storage.close();
        await reviewStorage.close();
        await auth.close();
        await assignments.close();
        metrics.stop();
        health.stop();
        server.closeAllConnections();
        await httpClosed;
      })();
      return closing;
    },
  };
}
