import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { REVIEW_SCHEMA_VERSION, reviewRoomName, SCHEMA_PARAM, TOKEN_PARAM } from '@warrant/shared';
import { ConnectionMonitor } from '../sync/connectionStatus.ts';
import { syncUrl } from '../sync/syncUrl.ts';
import { Value } from '../state/Value.ts';

export interface ReviewConnectionOptions {
  mapId: string;
  /** The map's token: the same link decides what one may do in its review room. */
  token?: string;
  /** Defaults to this page's `/sync`. */
  url?: string;
}

/**
 * The transport of one map's review document: the stock y-websocket provider on the map's
 * review room (`/sync/<mapId>/review`, same token as the map, the review schema version) and
 * a device copy in IndexedDB, like the map's own (`MapConnection`), so comments written
 * offline are kept and sent later.
 */
export class ReviewConnection {
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly monitor: ConnectionMonitor;
  /** The relay's reason when it refused a review write (a viewer link); null while taken. */
  readonly refusedWrites = new Value<string | null>(null);
  private readonly cleanup: (() => void)[] = [];

  constructor(doc: Y.Doc, options: ReviewConnectionOptions) {
    this.persistence = new IndexeddbPersistence(`warrant-review-${options.mapId}`, doc);
    this.provider = new WebsocketProvider(
      options.url ?? syncUrl(),
      reviewRoomName(options.mapId),
      doc,
      {
        params: {
          [SCHEMA_PARAM]: String(REVIEW_SCHEMA_VERSION),
          ...(options.token ? { [TOKEN_PARAM]: options.token } : {}),
        },
        disableBc: true,
      },
    );
    this.monitor = new ConnectionMonitor(this.provider);
    void this.persistence.whenSynced.then(() => this.monitor.markSavedOnDevice());
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) =>
      readAuthMessage(decoder, doc, (_doc, reason) => this.refusedWrites.set(reason));
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
    this.provider.destroy();
    void this.persistence.destroy();
  }
}
