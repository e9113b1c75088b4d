/**
 * Who is behind each Yjs client id in a document, as the relay saw it: the trustworthy record
 * of authorship. A client can write any name into the document; it cannot choose which share
 * link its connection was opened with. When a room commits an update from a connection, the
 * client ids whose structs the update added are stamped with that connection's grant, in the
 * same storage transaction as the update itself (`AppendEntry.authors`), so an update is never
 * durable without its attribution.
 *
 * Rule: the first author to commit structs of a client id owns it. Later updates carrying
 * structs of that id from someone else (a client replaying another's id) change nothing, so a
 * connection cannot claim someone else's work after the fact.
 *
 * Item ids keep their client id through compaction (a snapshot re-encodes the same items), so
 * the record stays true of the document as long as the document exists; it is deleted with it.
 */

/**
 * Who committed: `link:<id>` for a connection opened with a share link, `anonymous` for one
 * without a token (a public map), `relay` for the relay's own writes (the sample map, an
 * import, a restore). Kept as one string so storage compares authors with one column.
 */
export type AuthorKey = `link:${string}` | 'anonymous' | 'relay';

/** One committed update's authorship: the author and the client ids whose structs it added. */
export interface AuthorStamp {
  readonly author: AuthorKey;
  /** The connection's role when it committed (null for the relay). */
  readonly role: string | null;
  readonly clients: readonly number[];
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** What the record says about one client id of one document. */
export interface ClientAuthor {
  readonly clientId: number;
  readonly author: AuthorKey;
  readonly role: string | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Committed updates that added structs of this client id. */
  readonly updates: number;
}

export interface AttributionStore {
  /**
   * Records stamps outside an update's commit (a map the relay created from a snapshot),
   * durable on return. Throws `UnknownMapError` if the document does not exist.
   */
  recordAuthors(mapId: string, stamps: readonly AuthorStamp[]): Promise<void>;

  /** Every client id recorded for the document, by client id; empty for an unknown id. */
  authorsOf(mapId: string): Promise<ClientAuthor[]>;
}

/** The author key of a connection's grant. */
export function authorKey(linkId: string | null): AuthorKey {
  return linkId === null ? 'anonymous' : `link:${linkId}`;
}

/** The share link behind an author key, or null (anonymous, the relay). */
export function linkOf(author: AuthorKey): string | null {
  return author.startsWith('link:') ? author.slice('link:'.length) : null;
}

/** Whether a stored string is an author key (storage hands back plain strings). */
export function isAuthorKey(value: string): value is AuthorKey {
  return value === 'anonymous' || value === 'relay' || /^link:.+/.test(value);
}

/** One row to upsert: a client id of a document, first claimed by `author`. */
export interface AuthorRow {
  readonly mapId: string;
  readonly clientId: number;
  readonly author: AuthorKey;
  readonly role: string | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly updates: number;
}

/**
 * Folds a batch's stamps into one row per (document, client id, author), in layers that each
 * hold a (document, client id) at most once (PostgreSQL refuses to upsert one row twice in a
 * statement): layer 0 holds each client id's first author in the batch, layer 1 a second, and
 * so on. Written in order, the first author of a client id wins within a batch as across
 * batches. Nearly every batch is one layer.
 */
export function foldStamps(
  stamps: Iterable<{ readonly mapId: string; readonly stamp: AuthorStamp }>,
): AuthorRow[][] {
  const rows = new Map<string, AuthorRow>();
  const authorsOfClient = new Map<string, number>();
  const layerOf = new Map<string, number>();
  for (const { mapId, stamp } of stamps) {
    for (const clientId of stamp.clients) {
      const key = `${mapId}\u0000${clientId}\u0000${stamp.author}`;
      const row = rows.get(key);
      if (row) {
        rows.set(key, {
          ...row,
          firstSeen: Math.min(row.firstSeen, stamp.at),
          lastSeen: Math.max(row.lastSeen, stamp.at),
          updates: row.updates + 1,
        });
        continue;
      }
      const client = `${mapId}\u0000${clientId}`;
      const layer = authorsOfClient.get(client) ?? 0;
      authorsOfClient.set(client, layer + 1);
      layerOf.set(key, layer);
      rows.set(key, {
        mapId,
        clientId,
        author: stamp.author,
        role: stamp.role,
        firstSeen: stamp.at,
        lastSeen: stamp.at,
        updates: 1,
      });
    }
  }
  const layers: AuthorRow[][] = [];
  for (const [key, row] of rows) {
    const layer = layerOf.get(key) ?? 0;
    (layers[layer] ??= []).push(row);
  }
  return layers;
}

/** The append entries that carry authors, as `foldStamps` takes them. */
export function* stamped(
  entries: readonly { readonly mapId: string; readonly authors?: AuthorStamp }[],
): Generator<{ mapId: string; stamp: AuthorStamp }> {
  for (const { mapId, authors } of entries) if (authors) yield { mapId, stamp: authors };
}
