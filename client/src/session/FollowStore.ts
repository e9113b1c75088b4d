import { readPresence, type PresenceSelection, type PresenceView } from '@warrant/shared';
import type { Awareness } from 'y-protocols/awareness';
import { Emitter } from '../state/Emitter.ts';

/** The person being followed, as their awareness state says now. */
export interface Leader {
  clientId: number;
  name: string;
  color: string;
  /** What they look at; null or absent until their view has arrived. */
  view: PresenceView | null;
  /** What they have selected; undefined until it has arrived. */
  selection: PresenceSelection | undefined;
}

/**
 * Following one person (the seminar room's projector follows the instructor): their view
 * and selection, read from awareness. Following stops when asked, or when they leave.
 * Views (the canvas, the outline) apply the leader's view and stop following when this
 * person moves the view themselves.
 */
export class FollowStore {
  private leaderId: number | null = null;
  private leader: Leader | null = null;
  private leaderKey = 'null';
  private readonly changed = new Emitter();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.read);
  }

  get = (): Leader | null => this.leader;

  subscribe = this.changed.subscribe;

  follow(clientId: number): void {
    if (clientId === this.awareness.clientID) return;
    this.leaderId = clientId;
    this.read();
  }

  stop(): void {
    this.leaderId = null;
    this.read();
  }

  destroy(): void {
    this.awareness.off('change', this.read);
    this.changed.clear();
  }

  private read = (): void => {
    let next: Leader | null = null;
    if (this.leaderId !== null) {
      const presence = readPresence(this.awareness.getStates().get(this.leaderId));
      if (presence.user) {
        next = {
          clientId: this.leaderId,
          name: presence.user.name,
          color: presence.user.color ?? '#6e7781',
          view: presence.view ?? null,
          selection: presence.selection,
        };
      } else {
        this.leaderId = null; // they left
      }
    }
    const key = JSON.stringify(next);
    if (key === this.leaderKey) return;
    this.leaderKey = key;
    this.leader = next;
    this.changed.emit();
  };
}
