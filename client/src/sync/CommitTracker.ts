import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '@warrant/shared';
import { Emitter } from '../state/Emitter.ts';

/**
 * The relay's "committed" message (sent when a client connects with `?ack=1`): the state
 * vector of everything it has made durable.
 */
export const MESSAGE_COMMITTED = MessageType.Committed;

/**
 * Whether everything this device wrote is on the relay's disk: "Saved" only when the relay
 * says so, never because a message merely left the browser.
 */
export class CommitTracker {
  /** Null until the relay first acknowledges (an older relay never does). */
  private committed: number | null = null;
  private savedNow: boolean | null = null;
  private readonly changed = new Emitter();

  constructor(
    private readonly doc: Y.Doc,
    provider: WebsocketProvider,
  ) {
    provider.messageHandlers[MESSAGE_COMMITTED] = (_encoder, decoder) => {
      const durable = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.committed = durable.get(doc.clientID) ?? 0;
      this.recompute();
    };
    doc.on('update', this.recompute);
  }

  /** Its listener to the doc's updates (see `MapConnection`'s first sync). */
  get onUpdate(): () => void {
    return this.recompute;
  }

  /** True: all saved on the relay. False: some of this device's edits are not yet. */
  get saved(): boolean | null {
    return this.savedNow;
  }

  subscribe = this.changed.subscribe;

  destroy(): void {
    this.doc.off('update', this.recompute);
    this.changed.clear();
  }

  private recompute = (): void => {
    if (this.committed === null) return;
    const next = Y.getState(this.doc.store, this.doc.clientID) <= this.committed;
    if (next === this.savedNow) return;
    this.savedNow = next;
    this.changed.emit();
  };
}
