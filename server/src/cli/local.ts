import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { AuthStore } from '../auth/Auth.ts';
import { SqliteAuth } from '../auth/sqlite/SqliteAuth.ts';
import type { RelayConfig } from '../config.ts';
import { NoFanout } from '../fanout/Fanout.ts';
import { openMaps } from '../maps/openMaps.ts';
import type { MapService } from '../maps/MapService.ts';
import { RelayMetrics } from '../metrics/Metrics.ts';
import { sqliteInUse } from '../storage/sqlite/inUse.ts';
import { SqliteStorage } from '../storage/sqlite/SqliteStorage.ts';
import type { Storage } from '../storage/Storage.ts';
import { StorageHealth } from '../storage/StorageHealth.ts';
import { CliFailure } from './args.ts';
import { defaultRelayUrl } from './target.ts';

/**
 * A relay's data directory opened by the command line, through the relay's own parts: its
 * SQLite storage and auth store, and a `MapService` over a `RoomManager` built as the relay
 * builds it, so maps load the same way (damaged log entries skipped and logged, migrations
 * applied) and imports are checked and stored the same way. No room is ever loaded: reads
 * take the stored-map path, imports go straight to storage like the API's.
 *
 * Reading opens the file read-only, which is safe beside a running relay (WAL readers see
 * every committed edit, and the relay commits an edit before anyone sees it). Writing is
 * refused while another process holds the file open, since a relay there owns its maps.
 */
export class LocalMaps {
  private constructor(
    readonly dir: string,
    readonly storage: Storage,
    readonly maps: MapService,
    /** Present when opened for writing. */
    private readonly auth: AuthStore | null,
    private readonly stop: () => void,
  ) {}

  static open(dir: string, config: RelayConfig, mode: 'read' | 'write'): LocalMaps {
    const file = join(dir, 'warrant.db');
    if (!existsSync(file)) {
      throw new CliFailure(
        `No Warrant data in ${dir} (there is no warrant.db). Name the relay's data directory with --data DIR, or reach a running relay with --url.`,
      );
    }
    if (mode === 'write' && sqliteInUse(file)) {
      throw new CliFailure(
        `A relay is running on ${dir}, so it must make the change: add --url ${defaultRelayUrl(config)} (the relay's address), or stop the relay and try again.`,
      );
    }
    let storage: SqliteStorage;
    try {
      storage = new SqliteStorage(file, { readonly: mode === 'read' });
    } catch (error) {
      throw new CliFailure(
        `Could not open ${file} (${error instanceof Error ? error.message : String(error)}). Check it is a Warrant data directory; starting the relay on it once upgrades an old one.`,
      );
    }
    const auth = mode === 'write' ? new SqliteAuth(file) : null;
    const logger = cliLogger();
    const metrics = new RelayMetrics({ connections: () => 0, loadedMaps: () => 0 });
    const health = new StorageHealth(storage, logger, config.storageProbeMs);
    const { maps } = openMaps(config, {
      storage,
      fanout: new NoFanout(),
      metrics,
      logger,
      health,
    });
    return new LocalMaps(dir, storage, maps, auth, () => {
      metrics.stop();
      health.stop();
    });
  }

  /** A new owner link for the map, as the API gives one with each map it creates: its token. */
  async ownerLink(mapId: string): Promise<string> {
    if (!this.auth) throw new Error('the data directory was opened for reading only');
    return (await this.auth.createLink(mapId, 'owner')).token;
  }

  async close(): Promise<void> {
    this.stop();
    await this.storage.close();
    await this.auth?.close();
  }
}

/** Warnings and errors (a skipped damaged log entry) as JSON lines on stderr, never stdout. */
function cliLogger(): Logger {
  return pino({ level: 'warn', base: null }, pino.destination({ dest: 2, sync: true }));
}
