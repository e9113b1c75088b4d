import { canComment, WriteRefusal } from '@warrant/shared';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { canWrite, type Role } from '../auth/Auth.ts';
import { addsNothing } from '../auth/readOnly.ts';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import {
  encodeReadOnly,
  READ_ONLY_REASON,
  STORAGE_UNAVAILABLE_REASON,
} from '../protocol/messages.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import type { Peer } from './Peer.ts';

/**
 * What becomes of a client's update: `write` it; `drop` it (refused, or harmless, and the
 * client told as it should be); or `reject` its sender, whose update does not even decode.
 */
export type GateVerdict = { kind: 'write' } | { kind: 'drop' } | { kind: 'reject'; detail: string };

/**
 * Which roles may write a room's document, and what a refused one is told. One rule per
 * document: a map's room takes `canEdit` roles, its review room `canComment` ones.
 */
export interface WritePolicy {
  mayWrite(role: Role): boolean;
  /** The `WriteRefusal` reason sent to a connection whose role may not write. */
  readonly refusal: string;
}

/** The map's rule: owners and editors write; commenters and viewers are read-only. */
export const MAP_WRITES: WritePolicy = { mayWrite: canWrite, refusal: READ_ONLY_REASON };

/** The review document's rule: everyone who may comment writes; viewers are read-only. */
export const REVIEW_WRITES: WritePolicy = { mayWrite: canComment, refusal: WriteRefusal.NoComment };

export interface WriteGateDeps {
  metrics: RelayMetrics;
  logger: Logger;
  /** Whether storage takes writes; while it does not, every connection is read-only. */
  health: StorageHealth;
  /** Who may write this room's document; the map's rule (`MAP_WRITES`) if not given. */
  writes?: WritePolicy;
}

/** Why a connection may not write: its role, or storage that cannot take writes. */
export type Refusal = 'role' | 'storage';

const WRITE: GateVerdict = { kind: 'write' };
const DROP: GateVerdict = { kind: 'drop' };

/**
 * The room's one rule for writes: a connection writes if its role may and storage can take
 * it. A write the relay will not take, from a viewer (`role`) or from anyone while storage
 * cannot take writes (`storage`), is applied only if it adds nothing the map does not
 * already contain (a stock client's step 2 always carries the delete set it was sent);
 * anything else is not applied, not stored, not relayed, counted and logged, and the client
 * is told once, with the protocol's own permission-denied message. A connection refused for
 * storage is remembered: when storage recovers it is asked to reconnect, and its step 2
 * then delivers what it kept.
 */
export class WriteGate {
  /** Connections already told they are read-only (told once per connection). */
  private readonly told = new WeakSet<Peer>();
  /** Connections whose edits were refused because storage could not take them. */
  private readonly heldBack = new Set<Peer>();

  constructor(
    private readonly mapId: string,
    private readonly doc: Y.Doc,
    private readonly deps: WriteGateDeps,
  ) {}

  /**
   * Decides what becomes of `update`, sent by `peer`, checking a refused one against the doc
   * (a room whose doc is hosted off the event loop asks `refusal` and `refused` instead).
   */
  admit(peer: Peer, update: Uint8Array): GateVerdict {
    const why = this.refusal(peer);
    if (!why) return WRITE;
    let harmless: boolean;
    try {
      harmless = addsNothing(this.doc, update);
    } catch (error) {
      return { kind: 'reject', detail: `undecodable update: ${String(error)}` };
    }
    return this.refused(peer, update, why, harmless);
  }

  /** Why `peer` may not write right now (its role, or storage), or null if it may. */
  refusal(peer: Peer): Refusal | null {
    const policy = this.deps.writes ?? MAP_WRITES;
    return !policy.mayWrite(peer.role) ? 'role' : !this.deps.health.writable ? 'storage' : null;
  }

  /**
   * What becomes of an update from a connection that may not write (`why`), given whether
   * it adds nothing the map does not already contain.
   */
  refused(peer: Peer, update: Uint8Array, why: Refusal, harmless: boolean): GateVerdict {
    const policy = this.deps.writes ?? MAP_WRITES;
    if (harmless) return DROP;
    const reason = why === 'role' ? 'ReadOnly' : 'StorageUnavailable';
    this.deps.metrics.rejected.inc(1, { reason });
    this.deps.logger.warn(
      { mapId: this.mapId, peer: peer.id, role: peer.role, bytes: update.byteLength, reason },
      why === 'role'
        ? 'refused a write from a read-only connection'
        : 'refused a write while storage is unavailable',
    );
    if (why === 'storage') this.heldBack.add(peer);
    if (!this.told.has(peer)) {
      this.told.add(peer);
      peer.send(encodeReadOnly(why === 'role' ? policy.refusal : STORAGE_UNAVAILABLE_REASON));
    }
    return DROP;
  }

  /** The connections refused for storage since the last call, forgotten as they are returned. */
  takeHeldBack(): Peer[] {
    const peers = [...this.heldBack];
    this.heldBack.clear();
    return peers;
  }
}
