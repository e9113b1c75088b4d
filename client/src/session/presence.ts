import type { Awareness } from 'y-protocols/awareness';
import {
  PresenceField,
  readPresence,
  type ClaimId,
  type PresenceSelection,
  type PresenceView,
} from '@warrant/shared';
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
 * The awareness fields are typed in shared (`readPresence`). `user` is the field Tiptap's
 * CollaborationCaret reads for caret labels, so the same name and colour show on carets,
 * cards and the people list.
 */
export function announce(awareness: Awareness, me: Identity): void {
  awareness.setLocalStateField(PresenceField.user, { name: me.name, color: me.color });
}

export function setEditing(awareness: Awareness, claim: ClaimId | null): void {
  awareness.setLocalStateField(PresenceField.editing, claim);
}

export function setSelection(awareness: Awareness, selection: PresenceSelection): void {
  awareness.setLocalStateField(PresenceField.selection, selection);
}

/** What this person is looking at; see `ViewPublisher` for how often it is sent. */
export function setView(awareness: Awareness, view: PresenceView | null): void {
  awareness.setLocalStateField(PresenceField.view, view);
}

/** Everyone but me with a name, sorted by name so the list does not shuffle. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((raw, clientId) => {
    if (clientId === awareness.clientID) return;
    const { user, editing } = readPresence(raw);
    if (!user) return;
    peers.push({
      clientId,
      name: user.name,
      color: user.color ?? '#6e7781',
      editing: editing ?? null,
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
    const { user } = readPresence(raw);
    if (user?.color) taken.add(user.color);
  });
  return colorAmong(name, taken);
}
