import { canEdit, isMap, modelTypes, type Role } from '@warrant/shared';
import * as Y from 'yjs';
import { MapConnection, type MapConnectionOptions } from '../sync/MapConnection.ts';
import type { EarlyConnection } from './earlySession.ts';
import { announce, distinctColor, setView } from './presence.ts';
import { FollowStore } from './FollowStore.ts';
import { ViewPublisher } from './ViewPublisher.ts';
import type { Identity } from '../device/identity.ts';
import { EvidenceStore } from './EvidenceStore.ts';
import { LensStore } from './LensStore.ts';
import { MapStore } from './MapStore.ts';
import { PresenceStore } from './PresenceStore.ts';
import { Value } from '../state/Value.ts';
import { watchOutdatedCopy } from './outdatedCopy.ts';
import { rememberedRole, rememberRole } from '../device/roleMemory.ts';

/**
 * How long a map loaded from this device waits to open for the relay to say the role, when
 * this device does not know it. (Online, the role comes before the map itself.)
 */
const ROLE_WAIT_MS = 3000;

/** The relay has no map under this id (a mistyped or deleted link). */
export class MapNotFoundError extends Error {
  constructor(readonly mapId: string) {
    super(
      'This map does not exist, or the link is incomplete. Check the link, or go back to your maps.',
    );
  }
}

/**
 * Everything one open map needs, without React: the Y.Doc, its connection, the model store
 * the views read, and an undo manager that only ever sees this person's changes.
 *
 * Every user action goes through `act`, which runs it in one transaction tagged with this
 * session's origin: one action is one undo step, and remote edits (tagged by the provider)
 * are never undone by this person's Ctrl+Z.
 */
export class MapSession {
  readonly doc: Y.Doc;
  /** The origin of every transaction this person makes outside the text editor. */
  readonly origin = { warrant: 'local-user' } as const;
  readonly connection: MapConnection;
  readonly store: MapStore;
  /** Sources, passages and citations, resolved for the reader and the evidence chips. */
  readonly evidence: EvidenceStore;
  readonly undoManager: Y.UndoManager;
  readonly presence: PresenceStore;
  /** Whom this person follows, if anyone (see `FollowStore`). */
  readonly follow: FollowStore;
  /** This person's view, sent to the others throttled (see `ViewPublisher`). */
  readonly viewPublisher: ViewPublisher;
  /** "Which claims stand": the lens, its options and assumptions, filled by `evaluation/`. */
  readonly lens = new LensStore();
  /**
   * What this page's link lets this person do: what the relay said on the connection (its
   * grant message), or until it has said so (offline), what it said last time on this
   * device. Null: not known, so nothing is offered. The relay enforces it; the UI follows it.
   */
  readonly role: Value<Role | null>;
  /**
   * 'checking' until the relay has said the role on a connection, 'failed' while it cannot
   * be reached without having said it, 'done' once it has.
   */
  readonly roleCheck = new Value<'checking' | 'done' | 'failed'>('checking');
  readonly token: string | undefined;
  /**
   * True while the map shown is this device's copy from an older schema, waiting for the
   * relay's migrated map: shown as it is, with no editing offered.
   */
  readonly outdatedCopy = new Value(false);
  private opened = false;
  private stopWatchingVersion = () => {};
  private refusedForGood = false;
  private readonly roleSettled: Promise<void>;

  private identity: Identity;

  /**
   * `opened`: the doc and connection the entry module opened for this map and link already
   * (`earlySession.ts`), which this session takes over (and destroys with itself); without
   * it, the session opens its own.
   */
  constructor(
    readonly mapId: string,
    me: Identity,
    options: Omit<MapConnectionOptions, 'mapId'> & { opened?: EarlyConnection } = {},
  ) {
    const { opened, ...connectionOptions } = options;
    this.identity = me;
    this.token = options.token;
    this.role = new Value<Role | null>(rememberedRole(mapId, options.token));
    this.doc = opened?.doc ?? new Y.Doc();
    this.connection =
      opened?.connection ?? new MapConnection(this.doc, { mapId, ...connectionOptions });
    let settle = () => {};
    this.roleSettled = new Promise<void>((resolve) => (settle = resolve));
    const { grant, provider } = this.connection;
    const onGrant = () => {
      const said = grant.get();
      if (!said || this.refusedForGood) return;
      this.role.set(said.role);
      rememberRole(mapId, options.token, said.role);
      this.roleCheck.set('done');
      settle();
    };
    grant.subscribe(onGrant);
    // Not said yet and the relay cannot be reached (offline, relay down), or it synced the
    // map without saying (the grant comes before the map, so it will not come on this
    // connection): say so, and keep what this device last knew; the next connection asks again.
    const onStatus = (status: string) => {
      if (grant.get() !== undefined) return;
      this.roleCheck.set(status === 'disconnected' ? 'failed' : 'checking');
      if (status === 'disconnected') settle();
    };
    const onSync = (synced: boolean) => {
      if (!synced || grant.get() !== undefined) return;
      this.roleCheck.set('failed');
      settle();
    };
    provider.on('status', ({ status }: { status: string }) => onStatus(status));
    provider.on('sync', onSync);
    // A connection opened earlier may have heard all of that before this session listened.
    if (opened) {
      onGrant();
      if (!provider.wsconnected && !provider.wsconnecting) onStatus('disconnected');
      onSync(provider.synced);
    }
    // Refused for good (link revoked, build too old): edits could never reach anyone, so
    // stop offering them; the status badge says why.
    this.connection.refused.catch(() => {
      this.refusedForGood = true;
      this.role.set('viewer');
    });
    announce(this.connection.awareness, me);
    // Two people in one colour could not tell their carets apart: move to a free one. Before
    // the presence store subscribes, so views read the settled colour.
    const keepDistinct = () => {
      const color = distinctColor(this.connection.awareness, this.identity.name);
      if (color === this.identity.color) return;
      this.identity = { ...this.identity, color };
      announce(this.connection.awareness, this.identity);
    };
    this.connection.awareness.on('change', keepDistinct);
    this.store = new MapStore(this.doc);
    // Both read the map once it is ready (`ready`), not change by change while it loads.
    this.evidence = new EvidenceStore(this.doc, { deferred: true });
    this.presence = new PresenceStore(this.connection.awareness);
    this.follow = new FollowStore(this.connection.awareness);
    this.viewPublisher = new ViewPublisher((view) => setView(this.connection.awareness, view));
    // Remote updates carry the provider as origin and are never tracked. The claim editor
    // adds its own origin when it loads (see `trackTyping`): typing is this person's too.
    this.undoManager = new Y.UndoManager(modelTypes(this.doc), {
      trackedOrigins: new Set<unknown>([this.origin]),
      captureTransaction: (tr) => tr.meta.get('addToHistory') !== false,
    });
  }

  /** Who this person is here: their name, and their colour on this map right now. */
  get me(): Identity {
    return this.identity;
  }

  get awareness() {
    return this.connection.awareness;
  }

  /**
   * Resolves when the map can be shown: synced with the relay, or (offline) loaded from this
   * device. Rejects with the model's `SchemaError` when the map needs a newer Warrant.
   */
  async ready(): Promise<void> {
    // Offline first: a map already on this device opens at once and catches up live.
    await Promise.race([
      this.connection.refused,
      this.connection.synced,
      this.connection.loadedFromDevice.then(() =>
        isMap(this.doc) ? undefined : this.connection.synced,
      ),
    ]);
    // Show the map with the right controls from the start: wait (briefly) for the role
    // unless this device already knows it.
    if (this.role.get() === null) {
      await Promise.race([this.roleSettled, new Promise((r) => setTimeout(r, ROLE_WAIT_MS))]);
    }
    performance.mark('warrant:map-loaded');
    if (!this.opened) {
      if (!isMap(this.doc)) throw new MapNotFoundError(this.mapId);
      this.stopWatchingVersion = watchOutdatedCopy(this.doc, this.outdatedCopy);
      this.opened = true;
      this.store.refresh();
      this.evidence.refresh();
      performance.mark('warrant:map-ready');
    }
  }

  /**
   * True only for owners and editors whose writes the relay takes: viewers, an unknown role
   * and a relay refusing writes (read-only link, storage down) get no way to change the map.
   */
  get canEdit(): boolean {
    return (
      canEdit(this.role.get()) &&
      this.connection.refusedWrites.get() === null &&
      !this.outdatedCopy.get()
    );
  }

  /** Runs a user action as one undoable step; returns what the action returns. */
  act<T>(action: () => T): T {
    let result: T | undefined;
    this.undoManager.stopCapturing();
    this.doc.transact(() => {
      result = action();
    }, this.origin);
    this.undoManager.stopCapturing();
    return result as T;
  }

  destroy(): void {
    this.stopWatchingVersion();
    this.undoManager.destroy();
    this.store.destroy();
    this.evidence.destroy();
    this.presence.destroy();
    this.follow.destroy();
    this.viewPublisher.destroy();
    this.lens.destroy();
    this.connection.destroy();
    this.doc.destroy();
  }
}
