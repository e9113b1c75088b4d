import * as Y from 'yjs';

/**
 * What `source` holds that a document at `stateVector` lacks, as one Yjs update carrying
 * insertions only: the update `Y.encodeStateAsUpdate(source, stateVector)` without its
 * delete set. The template's pushes use it so that a copy gets every source, passage or
 * claim the instructor added, and never loses anything a student may have built on because
 * the instructor deleted it from the template. Content both inserted and deleted since the
 * copy last had it arrives as deleted (a garbage-collected struct), so nothing comes back.
 *
 * An update (v1) is its structs followed by the delete set of the whole document; the delete
 * set is exactly what `encodeStateAsUpdate` writes after zero structs for the document's own
 * state vector, so it is cut off by its length and replaced by an empty one.
 */
export function additionsOnly(source: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const update = Y.encodeStateAsUpdate(source, stateVector);
  const nothing = Y.encodeStateAsUpdate(source, Y.encodeStateVector(source));
  // `nothing` is: 0 structs (one byte), then the delete set.
  const deleteSet = nothing.subarray(1);
  const tail = update.subarray(update.byteLength - deleteSet.byteLength);
  if (nothing[0] !== 0 || !deleteSet.every((byte, i) => tail[i] === byte)) {
    throw new Error('additionsOnly: the update does not end with the document delete set');
  }
  const out = new Uint8Array(update.byteLength - deleteSet.byteLength + 1);
  out.set(update.subarray(0, update.byteLength - deleteSet.byteLength));
  out[out.byteLength - 1] = 0; // an empty delete set: no clients
  return out;
}
