import type { Awareness } from 'y-protocols/awareness';
import type { ClaimId } from '@warrant/shared';
import { colorAmong, type Identity } from '../device/identity.ts';

/** One other person on this map, as their awareness state says. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  /** The claim they are typing in, if any. */
  editing: ClaimId | null;
}

/**
 * Awareness fields this app writes. `user` is the field Tiptap's CollaborationCaret reads for
 * caret labels, so the same name and colour show on carets, cards and the people list.
 */
interface PresenceState {
  user?: { name?: unknown; color?: unknown };
  editing?: unknown;
}

export function announce(awareness: Awareness, me: Identity): void {
  awareness.setLocalStateField('user', { name: me.name, color: me.color });
}

export function setEditing(awareness: Awareness, claim: ClaimId | null): void {
  awareness.setLocalStateField('editing', claim);
}

/** Everyone but me with a name, sorted by name so the list does not shuffle. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((raw, clientId) => {
    if (clientId === awareness.clientID) return;
    const state = raw as PresenceState;
    const name = typeof state.user?.name === 'string' ? state.user.name : null;
    if (!name) return;
    peers.push({
      clientId,
      name,
      color: typeof state.user?.color === 'string' ? state.user.color : '#6e7781',
      editing: typeof state.editing === 'string' ? state.editing : null,
    });
  });
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/**
 * The colour this person should show so that nobody present shares it, when the palette
 * allows. Of two people with one colour the one with the lower awareness client id keeps it
 * and the other moves on, so everyone settles without a negotiation: each avoids only the
 * colours of those ranked before them, whose colours settle first.
 */
export function distinctColor(awareness: Awareness, name: string): string {
  const taken = new Set<string>();
  awareness.getStates().forEach((raw, clientId) => {
    if (clientId >= awareness.clientID) return;
    const state = raw as PresenceState;
    if (typeof state.user?.name === 'string' && typeof state.user.color === 'string')
      taken.add(state.user.color);
  });
  return colorAmong(name, taken);
}
