import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { checkUpdate } from './updateCheck.ts';

/** How big one slice may grow: whichever limit is reached first closes it. */
export interface SliceLimits {
  /** Structs per slice (each costs Yjs about the same to integrate). */
  maxStructs: number;
  /** Clock ticks per slice (characters of text, entries of an array...). */
  maxLength: number;
}

/** What `sliceUpdate` makes of an update. */
export type SliceResult =
  | { kind: 'slices'; slices: Uint8Array[] }
  /** Not an update any Yjs client writes (`malformedUpdate`), or not one at all. */
  | { kind: 'malformed'; problem: string }
  /** Valid, but laid out as no Yjs writer lays it out (a client listed twice): apply whole. */
  | { kind: 'whole' };

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * Cuts one Yjs update into smaller updates that, applied in order, do exactly what the whole
 * would, so a relay can apply a 16 MB update a few thousand structs per event-loop turn.
 * Yjs applies an update in one synchronous call and exposes no way to stop halfway; this
 * cuts it beforehand instead (in a worker thread, since decoding is itself most of the cost).
 *
 * Each struct comes after everything it refers to within the update (the struct before it
 * from the same client, its origin, right origin and parent), as Yjs integrates them, so no
 * slice waits on a later one; what it refers to outside the update is the doc's business, as
 * for the whole. The delete set goes in the last slice, after every struct it may delete.
 * The update is checked first (`malformedUpdate`), as the relay checks every update.
 */
export function sliceUpdate(update: Uint8Array, limits: SliceLimits): SliceResult {
  const checked = checkUpdate(update);
  if (checked.kind === 'malformed') return checked;
  const { decoded } = checked;

  // Each client's structs in clock order; Yjs writes each client once, contiguously.
  const byClient = new Map<number, Struct[]>();
  let last: Struct | null = null;
  for (const struct of decoded.structs as Struct[]) {
    const { client } = struct.id;
    let run = byClient.get(client);
    if (last?.id.client !== client) {
      if (run) return { kind: 'whole' };
      run = [];
      byClient.set(client, run);
    } else if (struct.id.clock !== last.id.clock + last.length) {
      return { kind: 'whole' };
    }
    run?.push(struct);
    last = struct;
  }

  const ordered = causalOrder(byClient);
  const slices: Uint8Array[] = [];
  let runs = new Map<number, { first: number; next: number; structs: Struct[] }>();
  let structs = 0;
  let length = 0;
  const close = (ds: DeleteSet | null): void => {
    slices.push(encodeSlice(runs, ds));
    runs = new Map();
    structs = 0;
    length = 0;
  };
  for (const struct of ordered) {
    const { client, clock } = struct.id;
    let run = runs.get(client);
    if (run && run.next !== clock) {
      close(null);
      run = undefined;
    }
    if (!run) {
      run = { first: clock, next: clock, structs: [] };
      runs.set(client, run);
    }
    run.structs.push(struct);
    run.next = clock + struct.length;
    structs += 1;
    length += struct.length;
    if (structs >= limits.maxStructs || length >= limits.maxLength) close(null);
  }
  close(decoded.ds);
  // A cut that left the last slice empty of structs still carries the delete set.
  return { kind: 'slices', slices };
}

/**
 * Every struct (no skips) after what it refers to within the update: a depth-first walk, as
 * Yjs's own `integrateStructs` does it, iterative so a long chain of typed characters cannot
 * overflow the stack. A cycle (only a malicious update has one) is cut where it closes:
 * Yjs then keeps those structs pending, exactly as it would the whole update.
 */
function causalOrder(byClient: Map<number, Struct[]>): Struct[] {
  const DONE = 2;
  const ON_STACK = 1;
  const state = new Map<Struct, number>();
  const ordered: Struct[] = [];
  /** The struct of this update holding `id`, if any (binary search by clock). */
  const find = (id: Y.ID | null): Struct | null => {
    if (!id) return null;
    const run = byClient.get(id.client);
    if (!run) return null;
    let lo = 0;
    let hi = run.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = run[mid];
      if (!s) return null;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Skip ? null : s;
    }
    return null;
  };
  const dependencies = (struct: Struct, index: number, run: Struct[]): (Struct | null)[] => {
    const before = index > 0 ? (run[index - 1] ?? null) : null;
    const previous = before instanceof Y.Skip ? null : before;
    if (!(struct instanceof Y.Item)) return [previous];
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    return [previous, find(struct.origin), find(struct.rightOrigin), find(parent)];
  };
  const position = new Map<Struct, number>();
  for (const run of byClient.values()) run.forEach((s, i) => position.set(s, i));

  const clients = [...byClient.keys()].sort((a, b) => b - a);
  for (const client of clients) {
    const run = byClient.get(client) ?? [];
    for (const start of run) {
      if (start instanceof Y.Skip || state.has(start)) continue;
      const stack: Struct[] = [start];
      state.set(start, ON_STACK);
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as Struct;
        const topRun = byClient.get(top.id.client) ?? [];
        const waiting = dependencies(top, position.get(top) ?? 0, topRun).find(
          (d) => d !== null && !state.has(d),
        );
        if (waiting) {
          state.set(waiting, ON_STACK);
          stack.push(waiting);
        } else {
          stack.pop();
          state.set(top, DONE);
          ordered.push(top);
        }
      }
    }
  }
  return ordered;
}

/** One slice in Yjs's update format (v1): each client's run of structs, then deletions. */
function encodeSlice(
  runs: Map<number, { first: number; structs: Struct[] }>,
  ds: DeleteSet | null,
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.size);
  for (const [client, run] of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, run.first);
    for (const struct of run.structs) struct.write(encoder, 0);
  }
  const clients = ds ? [...ds.clients] : [];
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
