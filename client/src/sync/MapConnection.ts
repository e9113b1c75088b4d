import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { messageAuth, messageSync, WebsocketProvider } from 'y-websocket';
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
import { loadDeviceCopyQuietly } from '../offline/deviceCopy.ts';

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
  private destroyed = false;

  constructor(doc: Y.Doc, options: MapConnectionOptions) {
    // For `bench/openProfile.ts`: the device copy and the socket open from here.
    performance.mark('warrant:connect');
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
    this.applyFirstSyncQuietly(doc);
    this.cleanup.push(
      loadDeviceCopyQuietly(
        doc,
        this.persistence,
        this.provider,
        [this.provider._updateHandler, this.persistence._storeUpdate, this.commits.onUpdate],
        this.commits.onUpdate,
      ),
    );
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

  /**
   * The relay's first answer is the whole map. Yjs encodes every transaction again for
   * whoever listens to the doc's updates — here the provider (which ignores what came from
   * the relay), this device's copy and the "Saved" tracker — and for a big map that costs a
   * third of applying it, on the way to the first cards. So until the first sync the relay's
   * messages are applied with nobody listening, and the device copy stores the update as it
   * came over the wire instead (the same bytes, not encoded again).
   */
  private applyFirstSyncQuietly(doc: Y.Doc): void {
    const handle = this.provider.messageHandlers[messageSync];
    if (!handle) return;
    this.provider.messageHandlers[messageSync] = (encoder, decoder, ...rest) => {
      if (this.provider.synced) return handle(encoder, decoder, ...rest);
      const peek = decoding.clone(decoder);
      const kind = decoding.readVarUint(peek);
      const update =
        kind === messageYjsSyncStep2 || kind === messageYjsUpdate
          ? decoding.readVarUint8Array(peek)
          : null;
      // For `bench/openProfile.ts`: the map has arrived; what follows is applying it.
      if (kind === messageYjsSyncStep2) performance.mark('warrant:sync-received');
      const listeners = [
        this.provider._updateHandler,
        this.persistence._storeUpdate,
        this.commits.onUpdate,
      ];
      for (const listener of listeners) doc.off('update', listener);
      try {
        handle(encoder, decoder, ...rest);
      } finally {
        for (const listener of listeners) doc.on('update', listener);
      }
      this.commits.onUpdate();
      if (update) this.keepOnDevice(update);
    };
  }

  /** Stores an update from the relay in this device's copy (once its database is open). */
  private keepOnDevice(update: Uint8Array): void {
    const store = () => {
      if (!this.destroyed) this.persistence._storeUpdate(update, this.provider);
    };
    if (this.persistence.db) store();
    else void this.persistence.whenSynced.then(store);
  }

  get awareness() {
    return this.provider.awareness;
  }

  destroy(): void {
    this.destroyed = true;
    for (const fn of this.cleanup) fn();
    this.monitor.destroy();
    this.commits.destroy();
    this.provider.destroy();
    void this.persistence.destroy();
  }
}
