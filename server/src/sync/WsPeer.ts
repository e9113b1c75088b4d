import WebSocket from 'ws';
import type { CloseCode } from '../protocol/constants.ts';
import { CloseCodes, Limits } from '../protocol/constants.ts';
import type { Peer } from '../rooms/Peer.ts';
import type { Role } from '../auth/Auth.ts';

/** A `ws` WebSocket as a room `Peer`. */
export class WsPeer implements Peer {
  /** Set once we or the client started closing; later frames are ignored. */
  closing = false;
  private probing = false;

  constructor(
    private readonly ws: WebSocket,
    readonly id: string,
    readonly role: Role,
    /** The share link that opened this connection (closed when the link is revoked). */
    readonly linkId: string | null,
    readonly wantsAck: boolean,
    private readonly onSlowConsumer: (peer: WsPeer) => void,
  ) {}

  send(frame: Uint8Array): void {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > Limits.maxBufferedBytes) {
      this.onSlowConsumer(this);
      this.close(CloseCodes.SlowConsumer);
      return;
    }
    this.ws.send(frame, { binary: true });
  }

  probe(): void {
    if (this.probing || this.closing || this.ws.readyState !== WebSocket.OPEN) return;
    this.probing = true;
    const timer = setTimeout(() => this.ws.terminate(), Limits.probeTimeoutMs);
    timer.unref();
    this.ws.once('pong', () => {
      clearTimeout(timer);
      this.probing = false;
    });
    this.ws.ping();
  }

  close(code: CloseCode): void {
    if (this.closing) return;
    this.closing = true;
    // A socket paused while its map loads must read again, or the close handshake stalls.
    if (this.ws.isPaused) this.ws.resume();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code.code, code.reason);
    }
  }
}
