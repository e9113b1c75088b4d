import type { ClaimId } from '@warrant/shared';
import type { Awareness } from 'y-protocols/awareness';
import { Emitter, KeyedEmitter } from '../state/Emitter.ts';
import { readPeers, type Peer } from './presence.ts';

const NOBODY: readonly Peer[] = [];

/**
 * Other people on the map, indexed by the claim each is editing. A card subscribes to its
 * own claim only, so a thousand cards do not all re-render when one person moves.
 */
export class PresenceStore {
  private peers: readonly Peer[] = NOBODY;
  private peersKey = '[]';
  private byClaim = new Map<ClaimId, Peer[]>();
  private readonly peersChanged = new Emitter();
  private readonly claimChanged = new KeyedEmitter<ClaimId>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.onChange);
    this.onChange();
  }

  getPeers = (): readonly Peer[] => this.peers;

  subscribe = this.peersChanged.subscribe;

  editorsOf(claim: ClaimId): readonly Peer[] {
    return this.byClaim.get(claim) ?? NOBODY;
  }

  subscribeClaim(claim: ClaimId, listener: () => void): () => void {
    return this.claimChanged.subscribe(claim, listener);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.peersChanged.clear();
    this.claimChanged.clear();
  }

  private onChange = (): void => {
    const peers = readPeers(this.awareness);
    const key = JSON.stringify(peers);
    if (key === this.peersKey) return;
    this.peersKey = key;
    this.peers = peers;
    const before = this.byClaim;
    const after = new Map<ClaimId, Peer[]>();
    for (const peer of peers) {
      if (peer.editing) after.set(peer.editing, [...(after.get(peer.editing) ?? []), peer]);
    }
    this.byClaim = after;
    this.peersChanged.emit();
    const touched = new Set([...before.keys(), ...after.keys()]);
    for (const claim of touched) {
      if (JSON.stringify(before.get(claim)) === JSON.stringify(after.get(claim))) continue;
      this.claimChanged.emit(claim);
    }
  };
}
