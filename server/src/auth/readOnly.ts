import * as Y from 'yjs';

/**
 * True when applying `update` to `doc` would change nothing: every struct is already in the
 * doc, and everything it deletes is already deleted there.
 *
 * This is how the relay lets a viewer speak the sync protocol while never writing: a stock
 * client's sync step 2 is never empty (it always carries the delete set it knows), so "is it
 * empty?" would refuse every honest viewer, while "does it add anything?" refuses exactly the
 * writes. Yjs cannot apply part of an update, so the check is all or nothing.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const s of structs) {
    if (s.id.clock + s.length > (known.get(s.id.client) ?? 0)) return false;
  }
  if (ds.clients.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
  for (const [client, ranges] of ds.clients) {
    const have = deleted.get(client) ?? [];
    for (const r of ranges) {
      if (r.len > 0 && !covered(have, r.clock, r.clock + r.len)) return false;
    }
  }
  return true;
}

/** Whether sorted, merged ranges cover [from, to). */
function covered(ranges: { clock: number; len: number }[], from: number, to: number): boolean {
  let at = from;
  for (const r of ranges) {
    if (r.clock > at) break;
    if (r.clock + r.len > at) at = r.clock + r.len;
    if (at >= to) return true;
  }
  return at >= to;
}
