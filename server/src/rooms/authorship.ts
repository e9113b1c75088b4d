import type * as Y from 'yjs';
import type { AuthorStamp } from '../storage/Attribution.ts';
import { authorKey } from '../storage/Attribution.ts';
import type { Peer } from './Peer.ts';

/** The client ids of a decoded update's structs (read once, where the room decodes it). */
export function structClients(decoded: ReturnType<typeof Y.decodeUpdate>): ReadonlySet<number> {
  const clients = new Set<number>();
  for (const struct of decoded.structs) clients.add(struct.id.client);
  return clients;
}

/**
 * Who is behind what a transaction added: the client ids whose clocks it moved, stamped with
 * the sending connection's grant, or with the relay's for its own writes (`from` null).
 *
 * A connection's stamp names only client ids its own update carried: if the update completed
 * someone else's structs that were waiting on a dependency, those are not its work. Read from
 * the transaction's state vectors, so attribution costs no second decode. Null if nothing new.
 */
export function stampOf(
  transaction: Y.Transaction,
  from: { readonly peer: Peer; readonly clients: ReadonlySet<number> } | null,
  at: number,
): AuthorStamp | null {
  const { beforeState, afterState } = transaction;
  const moved: number[] = [];
  for (const [client, clock] of afterState) {
    if (clock > (beforeState.get(client) ?? 0)) moved.push(client);
  }
  return stampMoved(moved, from, at);
}

/**
 * `stampOf` for a transaction run elsewhere (a doc hosted off the event loop), from the
 * client ids whose clocks it `moved`.
 */
export function stampMoved(
  moved: readonly number[],
  from: { readonly peer: Peer; readonly clients: ReadonlySet<number> } | null,
  at: number,
): AuthorStamp | null {
  const clients = from ? moved.filter((client) => from.clients.has(client)) : [...moved];
  if (clients.length === 0) return null;
  return from
    ? { author: authorKey(from.peer.linkId), role: from.peer.role, clients, at }
    : { author: 'relay', role: null, clients, at };
}
