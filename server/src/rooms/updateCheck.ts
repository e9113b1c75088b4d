import * as Y from 'yjs';

/** An update decoded whole and checked (`malformedUpdate`), or why it cannot be applied. */
export type CheckedUpdate =
  | { kind: 'ok'; decoded: ReturnType<typeof Y.decodeUpdate> }
  | { kind: 'malformed'; problem: string };

/**
 * Decodes an update fully and checks it, before Yjs sees it: Yjs integrates structs before
 * reading the delete set, so a truncated update could otherwise be half-applied.
 */
export function checkUpdate(update: Uint8Array): CheckedUpdate {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { kind: 'malformed', problem: `undecodable update: ${String(error)}` };
  }
  const problem = malformedUpdate(decoded);
  return problem ? { kind: 'malformed', problem } : { kind: 'ok', decoded };
}

/**
 * Why a decoded update is not one any Yjs client writes, or null if it could be.
 *
 * Yjs trusts the updates it applies. Each shape refused here decodes fine yet breaks Yjs
 * when applied or, worse, later, when someone else's update completes it: it throws in the
 * transaction's cleanup, leaves the document unencodable, or gets the next honest writer's
 * update thrown out. Found by the structure-aware fuzzer (tests/reliability/fuzz.test.ts).
 *
 * - a struct or delete range of length zero (Yjs never writes one);
 * - a clock past 2^53 − 1, where JavaScript numbers stop being exact;
 * - an item whose origin, right origin or parent is its own client at its own clock or
 *   later (what an item refers to always came before it);
 * - a client's delete ranges out of order or overlapping (Yjs writes them sorted, merged).
 */
export function malformedUpdate(decoded: ReturnType<typeof Y.decodeUpdate>): string | null {
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    const where = `${client}:${clock}`;
    if (struct.length <= 0) return `zero-length struct at ${where}`;
    if (!Number.isSafeInteger(clock + struct.length)) return `clock past 2^53 at ${where}`;
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parent]) {
      if (ref && ref.client === client && ref.clock >= clock) {
        return `item ${where} refers to ${ref.client}:${ref.clock}, not before it`;
      }
      if (ref && !Number.isSafeInteger(ref.clock)) return `reference past 2^53 at ${where}`;
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    let end = 0;
    for (const { clock, len } of ranges) {
      if (len <= 0) return `empty delete range for ${client}`;
      if (clock < end) return `delete ranges of ${client} out of order or overlapping`;
      end = clock + len;
      if (!Number.isSafeInteger(end)) return `delete range of ${client} past 2^53`;
    }
  }
  return null;
}
