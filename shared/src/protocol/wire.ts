/**
 * The sync wire contract both ends speak, named once with its reason: message types, query
 * parameters and close codes. Browser-safe (no node: imports); the relay and the client both
 * import it from `@warrant/shared`.
 *
 * Close codes follow the y-websocket client's convention: 4400–4499 mirror HTTP 4xx and mean
 * "reconnecting cannot fix this" (the stock `WebsocketProvider` stops retrying and emits
 * `closed`); 4500–4599 mirror HTTP 5xx and mean "try again later" (it keeps retrying).
 */

/** Top-level y-websocket message types (first varUint of every binary frame). */
export const MessageType = {
  /** y-protocols sync: step 1, step 2 or update. */
  Sync: 0,
  /** y-protocols awareness update (cursors, presence). */
  Awareness: 1,
  /** y-protocols auth; only ever sent by servers, so a client sending it is rejected. */
  Auth: 2,
  /** Asks the server to send every awareness state it knows. */
  QueryAwareness: 3,
  /**
   * Warrant's own: the state vector of everything committed to disk, sent only to clients
   * that connected with `?ack=1`, so an editor can say "saved" truthfully. ≥ 100 so it can
   * never collide with a future y-protocols type.
   */
  Committed: 100,
  /**
   * Warrant's own: what this connection's token lets it do on the map (a varString holding
   * `GrantBody` JSON), sent once right after the token check and before any sync message,
   * only to clients that connected with `?grant=1`. Stock clients never see it.
   */
  Grant: 101,
} as const;

/** Sub-types inside a `MessageType.Sync` message (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/**
 * Sub-types inside a `MessageType.Auth` message (y-protocols/auth). The relay sends only
 * `PermissionDenied`, with a `WriteRefusal` reason, when it refuses a write.
 */
export const AuthMessageType = {
  PermissionDenied: 0,
} as const;

/** The query parameter carrying a share-link token (the stock provider's `params`). */
export const TOKEN_PARAM = 'token';

/** The query parameter a client sets to `1` to receive `MessageType.Committed`. */
export const ACK_PARAM = 'ack';

/** The query parameter a client sets to `1` to receive `MessageType.Grant`. */
export const GRANT_PARAM = 'grant';

/**
 * The query parameter carrying the schema version the client's build writes. Optional (stock
 * clients omit it); when present the relay refuses a client older or newer than itself, since
 * either would misread or corrupt fields it does not know.
 */
export const SCHEMA_PARAM = 'schema';

/**
 * A map's review layer (comments, marks, suggestions) is a Y.Doc of its own, synced in a room
 * of its own: `/sync/<mapId>/review`, i.e. a stock y-websocket client's roomname
 * `${mapId}/review`. Same token, same `roleFor`; its write gate is `canComment` where the
 * map's is `canEdit`. On that room `?schema=` carries the review schema version
 * (`REVIEW_SCHEMA_VERSION`), not the map's.
 */
export const REVIEW_ROOM_SUFFIX = '/review';

/** The y-websocket roomname of a map's review document. */
export function reviewRoomName(mapId: string): string {
  return `${mapId}${REVIEW_ROOM_SUFFIX}`;
}

/** A named WebSocket close code with the reason text sent to the client. */
export interface CloseCode {
  readonly code: number;
  readonly reason: string;
}

export const CloseCodes = {
  /** RFC 6455 going away: the relay is shutting down; the client should reconnect. */
  GoingAway: { code: 1001, reason: 'Relay is shutting down; reconnect shortly' },
  /**
   * RFC 6455 message too big, sent by the `ws` library itself for a frame past the hard
   * backstop (`hardMaxPayload`); frames past the configured limit get `MessageTooLarge`.
   */
  MessageTooBig: { code: 1009, reason: 'Message too big' },
  /** The binary frame could not be decoded as a y-websocket message (truncated, garbage). */
  MalformedMessage: { code: 4400, reason: 'Malformed message: not a valid y-websocket frame' },
  /** No token, or a token that is unknown, revoked, or for another map. */
  Unauthorized: {
    code: 4401,
    reason: 'This map needs a valid share link; ask its owner for one',
  },
  /**
   * A student's link on their assignment copy asked for the copy's review document (the
   * instructor's comments and marks) before the instructor released feedback. Lasting until
   * the release: the client should stop retrying and say so.
   */
  FeedbackNotReleased: {
    code: 4423,
    reason: "Your instructor's feedback on this copy is not released yet",
  },
  /** The share link this connection was opened with has just been revoked. */
  LinkRevoked: { code: 4403, reason: 'This share link was revoked by the map owner' },
  /** The map id in the URL does not exist; maps are created through the API only. */
  MapNotFound: { code: 4404, reason: 'Map not found: create maps through POST /api/maps' },
  /** The message type (or sync sub-type) is not one a client may send. */
  UnknownMessageType: { code: 4405, reason: 'Unknown or unsupported message type' },
  /** The update refers to data the relay never received; past the cap it cannot wait. */
  MissingDependencies: {
    code: 4409,
    reason: 'Update depends on data the relay does not have; reload and try again',
  },
  /** The frame is larger than `WARRANT_MAX_MESSAGE_BYTES`. */
  MessageTooLarge: { code: 4413, reason: 'Message larger than the relay accepts' },
  /** Text frames are not part of the protocol; y-websocket sends binary frames only. */
  TextFrame: { code: 4415, reason: 'Text frames are not supported; send binary messages' },
  /** Yjs could not decode or apply the update; nothing of it was stored. */
  UpdateRejected: { code: 4422, reason: 'Update rejected: Yjs could not apply it' },
  /** The client's build writes an older schema; reloading the page fetches the new one. */
  ClientTooOld: { code: 4426, reason: 'Warrant was updated; reload to get the new version' },
  /** The connection sent too much before the map finished loading. */
  TooManyEarlyMessages: {
    code: 4429,
    reason: 'Too many messages before the map loaded; reconnect',
  },
  /** The connection spoke for more awareness client ids than one client ever needs. */
  TooManyAwarenessStates: {
    code: 4430,
    reason: 'Too many awareness states from one connection',
  },
  /** An awareness update spoke for a client id that belongs to another connection. */
  AwarenessNotYours: {
    code: 4431,
    reason: 'Awareness update for a client this connection does not own',
  },
  /** One awareness state larger than `Limits.maxAwarenessStateBytes`. */
  AwarenessTooLarge: { code: 4432, reason: 'Awareness state too large' },
  /** Something failed on the relay (storage error); the client may retry. */
  InternalError: { code: 4500, reason: 'Relay error; reconnecting' },
  /**
   * Storage stopped taking writes (full disk, read-only file): the room's unsaved edits were
   * dropped from memory. The client keeps them; reconnecting shows the map read-only until
   * storage recovers.
   */
  StorageUnavailable: {
    code: 4507,
    reason: 'The relay cannot save edits right now; your changes stay on your device',
  },
  /** Storage recovered: reconnect so the edits the relay refused meanwhile are sent again. */
  StorageRecovered: {
    code: 4508,
    reason: 'The relay can save again; reconnecting to send your edits',
  },
  /** The client writes a newer schema than this relay knows; retry once it is upgraded. */
  ClientTooNew: { code: 4505, reason: 'This relay runs an older Warrant; retrying' },
  /** The stored map was written by a newer schema; retry once the relay is upgraded. */
  MapTooNew: { code: 4506, reason: 'Map was saved by a newer Warrant; the relay needs upgrading' },
  /**
   * The connection sent more messages or bytes per second than allowed. A 45xx code: the stock
   * client reconnects after its backoff, which is the pause it needed.
   */
  RateLimited: { code: 4529, reason: 'Sending too fast; slow down and reconnect' },
  /** The client does not read fast enough; its outgoing buffer passed the cap. */
  SlowConsumer: { code: 4503, reason: 'Connection too slow to keep up; reconnecting' },
} as const satisfies Record<string, CloseCode>;

export type CloseCodeName = keyof typeof CloseCodes;
