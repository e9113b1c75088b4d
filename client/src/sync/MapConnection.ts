import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import {
  ACK_PARAM,
  decodeGrantBody,
  GRANT_PARAM,
  isLastingRefusal,
  MessageType,
  type Role,
  SCHEMA_PARAM,
  SCHEMA_VERSION,
  TOKEN_PARAM,
} from '@warrant/shared';
import { describeClose } from './closeReasons.ts';
import { Value } from '../state/Value.ts';
import { CommitTracker } from './CommitTracker.ts';
import { ConnectionMonitor } from './connectionStatus.ts';
import { syncUrl } from './syncUrl.ts';

/** The relay closed the connection with a code that says retrying cannot help. */
export class RelayRefusedError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(describeClose(code, reason));
  }
}

export interface MapConnectionOptions {
  mapId: string;
  /** A share-link or owner token, sent as `?token=` the way the stock provider does. */
  token?: string;
  /** Defaults to this page's `/sync`. */
  url?: string;
}

/**
 * One map's transport: the stock y-websocket provider (room = map id) plus a device copy in
 * IndexedDB, so a map opens and takes edits without a network and syncs when one returns.
 */
export class MapConnection {
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly monitor: ConnectionMonitor;
  readonly commits: CommitTracker;
  /** Resolves once the relay has sent the whole map (first sync). */
  readonly synced: Promise<void>;
  /** Rejects when the relay refuses this map for good (unknown map, bad link, too old...). */
  readonly refused: Promise<never>;
  /** Resolves once the device copy has been loaded into the doc. */
  readonly loadedFromDevice: Promise<void>;
  /**
   * The relay's reason when it refused a write (y-protocols' permission-denied message): a
   * read-only link, or storage that cannot take writes. Null while writes are taken.
   */
  readonly refusedWrites = new Value<string | null>(null);
  /**
   * What the relay said this connection's token may do (`MessageType.Grant`, sent right after
   * its token check, before the map syncs): `undefined` until it has said so on any
   * connection of this page, then the latest answer (null: a role this build does not know).
   */
  readonly grant = new Value<{ role: Role | null } | undefined>(undefined);
  private readonly cleanup: (() => void)[] = [];

  constructor(doc: Y.Doc, options: MapConnectionOptions) {
    this.persistence = new IndexeddbPersistence(`warrant-map-${options.mapId}`, doc);
    this.provider = new WebsocketProvider(options.url ?? syncUrl(), options.mapId, doc, {
      // schema: the relay refuses a build older or newer than itself with a clear reason;
      // ack: it tells us what is durable, so "Saved" is the truth; grant: it tells us what
      // this link may do, on the connection itself (no separate request to ask).
      params: {
        [SCHEMA_PARAM]: String(SCHEMA_VERSION),
        [ACK_PARAM]: '1',
        [GRANT_PARAM]: '1',
        ...(options.token ? { [TOKEN_PARAM]: options.token } : {}),
      },
      // Separate tabs of one browser share IndexedDB already; the relay is the one channel.
      disableBc: true,
    });
    this.monitor = new ConnectionMonitor(this.provider);
    this.commits = new CommitTracker(doc, this.provider);
    this.loadedFromDevice = this.persistence.whenSynced.then(() => {
      performance.mark('warrant:device-loaded');
      this.monitor.markSavedOnDevice();
    });
    this.synced = new Promise((resolve) => {
      if (this.provider.synced) resolve();
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        performance.mark('warrant:synced');
        this.provider.off('sync', onSync);
        resolve();
      };
      this.provider.on('sync', onSync);
    });
    this.refused = new Promise<never>((_resolve, reject) => {
      this.provider.once('closed', (event) =>
        reject(new RelayRefusedError(event.code, event.reason)),
      );
    });
    this.refused.catch(() => undefined);
    // The stock provider only logs a permission-denied message; the UI must say it.
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) =>
      readAuthMessage(decoder, doc, (_doc, reason) => this.refusedWrites.set(reason));
    this.provider.messageHandlers[MessageType.Grant] = (_encoder, decoder) => {
      try {
        this.grant.set({ role: decodeGrantBody(decoding.readVarString(decoder)) });
      } catch {
        // Only a broken relay sends a grant that does not parse: offer nothing.
        this.grant.set({ role: null });
      }
    };
    // A read-only link stays so. Any other refusal (storage) holds until the next connection:
    // the relay asks clients to reconnect once it can save again, and says so again if not.
    const onStatus = ({ status }: { status: string }) => {
      const reason = this.refusedWrites.get();
      if (status === 'connected' && reason !== null && !isLastingRefusal(reason))
        this.refusedWrites.set(null);
    };
    this.provider.on('status', onStatus);
    this.cleanup.push(() => this.provider.off('status', onStatus));
    // The browser knows first when the network goes; drop the socket at once rather than
    // waiting for a timeout, and dial again as soon as it is back.
    const goOffline = () => this.provider.disconnect();
    const goOnline = () => this.provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    this.cleanup.push(
      () => window.removeEventListener('offline', goOffline),
      () => window.removeEventListener('online', goOnline),
    );
  }

  get awareness() {
    return this.provider.awareness;
  }

  destroy(): void {
    for (const fn of this.cleanup) fn();
    this.monitor.destroy();
    this.commits.destroy();
    this.provider.destroy();
    void this.persistence.destroy();
  }
}
