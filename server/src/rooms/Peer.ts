import type { Role } from '../auth/Auth.ts';
import type { CloseCode } from '../protocol/constants.ts';

/**
 * One client connection as a room sees it. The WebSocket adapter (`sync/WsPeer.ts`)
 * implements it; tests use in-memory peers. Rooms never touch sockets directly.
 */
export interface Peer {
  /** A short id for logs. */
  readonly id: string;
  /** What this connection may do; viewers never write (the room enforces it). */
  readonly role: Role;
  /** The share link that opened this connection, or null (public map, tests). */
  readonly linkId: string | null;
  /** Whether the client asked for `MessageType.Committed` acknowledgements. */
  readonly wantsAck: boolean;
  /** Sends one binary frame; a no-op once closed. */
  send(frame: Uint8Array): void;
  /** Closes the connection with a named code; the room hears of it through `Room.leave`. */
  close(code: CloseCode, detail?: string): void;
  /**
   * Asks the client to prove it is still there (a WebSocket ping); a connection that does
   * not answer soon is closed, and the room hears of it through `Room.leave`.
   */
  probe?(): void;
}
