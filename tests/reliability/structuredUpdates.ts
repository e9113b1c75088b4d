import { malformedUpdate } from '@warrant/server';
import { addClaim, createMap } from '@warrant/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * A structure-aware generator of hostile Yjs v1 updates, written byte by byte with lib0 in
 * the layout `readClientsStructRefs` and `readAndApplyDeleteSet` read (yjs/src/utils/
 * encoding.js, DeleteSet.js):
 *
 *   update     = varUint(#clients) client* deleteSet
 *   client     = varUint(#structs) varUint(client) varUint(clock) struct*
 *   struct     = info:uint8 [origin:id] [rightOrigin:id] [parent] [parentSub:string] content
 *   parent     = varUint(1) string (a root's key) | varUint(0) id, only if neither origin is set
 *   deleteSet  = varUint(#clients) (varUint(client) varUint(#ranges) (clock len)*)*
 *
 * The info byte holds the content ref in its low 5 bits (0 GC, 1 Deleted, 2 JSON, 3 Binary,
 * 4 String, 5 Embed, 6 Format, 7 Type, 8 Any, 9 Doc, 10 Skip), BIT8 for an origin, BIT7 for
 * a right origin and BIT6 for a parentSub. Unlike random or mutated bytes, almost everything
 * it writes decodes, so it reaches Yjs's integration: zero and huge lengths, clocks that skip
 * or overlap, origins and parents that do not exist or are not types, parentSubs on
 * sequences, every content type with odd values, subdocuments, GC and Skip structs, and
 * delete sets with empty, overlapping and huge ranges.
 *
 * It never writes what an editor could legitimately do to honest data (the relay cannot tell
 * that from an honest edit, so no test could expect it to refuse it): it does not claim an
 * honest client's clocks past what that client already wrote, does not delete honest items
 * outside the sandbox, and points at an honest client's future clocks only as a right
 * origin or a parent, never as an origin (which would make it a newer value of an honest
 * map entry).
 */

/** Content refs, the low 5 bits of a struct's info byte. */
const ContentRef = {
  GC: 0,
  Deleted: 1,
  JSON: 2,
  Binary: 3,
  String: 4,
  Embed: 5,
  Format: 6,
  Type: 7,
  Any: 8,
  Doc: 9,
  Skip: 10,
} as const;

const BIT8 = 0x80;
const BIT7 = 0x40;
const BIT6 = 0x20;

/** A struct of the target doc that generated updates may point at. */
export interface KnownStruct {
  readonly client: number;
  readonly clock: number;
  readonly length: number;
  readonly kind: 'type' | 'item' | 'gc';
  /** Written by an honest client (and then under the sandbox root). */
  readonly honest: boolean;
}

/** What the generator knows about the doc it attacks. */
export interface Target {
  readonly structs: readonly KnownStruct[];
  /** Honest client ids with the clock each has written up to. */
  readonly honest: ReadonlyMap<number, number>;
}

/**
 * The root under which honest clients make the edits hostile updates may point at and
 * delete: honest data elsewhere (the argument map) is never a target.
 */
export const SANDBOX = 'sandbox';

/**
 * The structs of `doc` a generator may point at: every struct of a non-honest client, and
 * honest ones only under the `SANDBOX` root. At most `limit`, spread over the whole store.
 */
export function targetOf(doc: Y.Doc, honestIds: readonly number[], limit = 4000): Target {
  const sandbox = doc.getArray(SANDBOX);
  const all: KnownStruct[] = [];
  for (const [client, structs] of doc.store.clients) {
    const honest = honestIds.includes(client);
    for (const s of structs) {
      if (honest && !(s instanceof Y.Item && rootOf(s) === sandbox)) continue;
      const kind =
        s instanceof Y.Item ? (s.content instanceof Y.ContentType ? 'type' : 'item') : 'gc';
      all.push({ client, clock: s.id.clock, length: s.length, kind, honest });
    }
  }
  const step = Math.max(1, Math.ceil(all.length / limit));
  const structs = step === 1 ? all : all.filter((_, i) => i % step === 0);
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  return { structs, honest: new Map(honestIds.map((id) => [id, sv.get(id) ?? 0])) };
}

function rootOf(item: Y.Item): Y.AbstractType<unknown> | null {
  let type = item.parent instanceof Y.AbstractType ? item.parent : null;
  while (type?._item) type = type._item.parent instanceof Y.AbstractType ? type._item.parent : null;
  return type;
}

interface Id {
  client: number;
  clock: number;
}

const HUGE = [2 ** 31 - 1, 2 ** 32, 2 ** 40, 2 ** 53 - 1, 2 ** 53 - 2];

/**
 * Returns a function producing one hostile update per call, deterministic for a given
 * `rand`. `target()` is read once per update.
 */
export function structuredUpdates(rand: () => number, target: () => Target): () => Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n);
  const chance = (p: number): boolean => rand() < p;
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256));

  // Hostile client ids, reused so their clocks run on, overlap and skip across updates.
  const pool = [1, 2, 3, 77, 4096, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32 + 7, 2 ** 53 - 1];
  const next = new Map<number, number>(pool.map((c) => [c, 0]));
  const guids = ['sub', 'sub', '', 'x'.repeat(300)];
  const types = new WeakMap<Target, readonly KnownStruct[]>();
  const typesOf = (t: Target): readonly KnownStruct[] => {
    let found = types.get(t);
    if (!found) types.set(t, (found = t.structs.filter((s) => s.kind === 'type')));
    return found;
  };

  /** A struct length: mostly small, sometimes zero, sometimes past any real clock. */
  const length = (): number => {
    const r = rand();
    if (r < 0.04) return 0;
    if (r < 0.45) return 1;
    if (r < 0.75) return 2 + int(9);
    if (r < 0.92) return 11 + int(1000);
    return pick(HUGE) - int(3);
  };

  const oddString = (): string =>
    pick([
      () => '',
      () => 'a',
      () => 'ab',
      () => '😀x😀',
      () => '\u{1F600}',
      () => '\ud800',
      () => '\u0000\uffff',
      () => 'x'.repeat(1 + int(3000)),
      () => 'é'.repeat(1 + int(40)),
      () => String(int(1e6)),
      () => '__proto__',
      () => 'constructor',
    ])();

  const key = (): string =>
    pick(['k', '', 'text', 'bold', 'fz', '__proto__', 'constructor', 'toString', 'x'.repeat(2000)]);

  /** JSON-able odd values (for JSON, Embed and Format contents). */
  const oddJson = (depth = 0): unknown =>
    pick<() => unknown>([
      () => null,
      () => true,
      () => 0,
      () => -0,
      () => -1,
      () => 2 ** 53,
      () => 1e308,
      () => oddString(),
      () => ({}),
      () => [],
      () => (depth > 3 ? 1 : [oddJson(depth + 1), oddJson(depth + 1)]),
      () => (depth > 3 ? 1 : { ['__proto__']: oddJson(depth + 1), a: oddJson(depth + 1) }),
      () => ({ constructor: 1, toString: 'x', hasOwnProperty: null }),
      () => Object.fromEntries(Array.from({ length: 1 + int(200) }, (_, i) => [`k${i}`, i])),
    ])();

  /** Values for `writeAny`, which also carries undefined, NaN, bigints and binaries. */
  const oddAny = (depth = 0): unknown =>
    pick<() => unknown>([
      () => undefined,
      () => NaN,
      () => Infinity,
      () => -Infinity,
      () => 2 ** 31,
      () => -(2 ** 31) - 1,
      () => 0.1,
      () => BigInt(-1) << BigInt(63),
      () => BigInt(int(1000)),
      () => bytes(int(40)),
      () => oddJson(depth),
      () => (depth > 3 ? null : [oddAny(depth + 1), oddAny(depth + 1)]),
      () => (depth > 3 ? null : { ['__proto__']: oddAny(depth + 1), v: oddAny(depth + 1) }),
      () => (depth > 3 ? null : { ['__proto__']: null }),
    ])();

  /** An `any` nested deeper than a recursive reader may survive. */
  const writeDeepAny = (e: encoding.Encoder): void => {
    const depth = pick([64, 3000, 30_000]);
    for (let i = 0; i < depth; i++) {
      encoding.writeUint8(e, 117); // array
      encoding.writeVarUint(e, 1);
    }
    encoding.writeUint8(e, 126); // null
  };

  const writeId = (e: encoding.Encoder, id: Id): void => {
    encoding.writeVarUint(e, id.client);
    encoding.writeVarUint(e, id.clock);
  };

  /**
   * An id to point at. `self` is the struct being written; honest future clocks only when
   * `honestFuture` (right origins and parents).
   */
  const anId = (t: Target, self: Id, honestFuture: boolean, parent = false): Id => {
    const r = rand();
    if (r < 0.45 && t.structs.length > 0) {
      // A parent id is a type half the time, and anything else (a string, a GC...) otherwise.
      const types = parent && chance(0.5) ? typesOf(t) : [];
      const s = pick(types.length > 0 ? types : t.structs);
      // Anywhere in the struct: its last clock, or a split in the middle.
      const clock = chance(0.5) ? s.clock + s.length - 1 : s.clock + int(Math.min(s.length, 1e6));
      return { client: s.client, clock };
    }
    if (r < 0.6 && honestFuture && t.honest.size > 0) {
      const [client, state] = pick([...t.honest]);
      return { client, clock: state + int(40) };
    }
    if (r < 0.72) return { client: self.client, clock: self.clock + int(6) - 2 };
    if (r < 0.87) {
      const client = pick(pool);
      const at = next.get(client) ?? 0;
      return { client, clock: chance(0.5) ? int(at + 1) : at + int(5) };
    }
    if (r < 0.95) return { client: int(2 ** 32), clock: int(100) };
    return { client: pick(pool), clock: pick(HUGE) };
  };

  const parentKey = (): string =>
    pick([
      SANDBOX,
      SANDBOX,
      'fz',
      '',
      'claims',
      'relations',
      'sources',
      'passages',
      'evidence',
      '__proto__',
      'constructor',
      oddString(),
    ]);

  /** Writes one struct's content; returns its length (what it advances the clock by). */
  const writeContent = (e: encoding.Encoder, ref: number): number => {
    switch (ref) {
      case ContentRef.Deleted: {
        const len = length();
        encoding.writeVarUint(e, len);
        return len;
      }
      case ContentRef.JSON:
      case ContentRef.Any: {
        const n = chance(0.05) ? 0 : 1 + int(chance(0.9) ? 4 : 300);
        const lie = chance(0.01);
        encoding.writeVarUint(e, lie ? pick(HUGE) : n);
        for (let i = 0; i < n; i++) {
          if (ref === ContentRef.JSON) {
            const v = oddJson();
            encoding.writeVarString(e, chance(0.1) ? 'undefined' : JSON.stringify(v));
          } else if (chance(0.01)) {
            writeDeepAny(e);
          } else {
            encoding.writeAny(e, oddAny() as Parameters<typeof encoding.writeAny>[1]);
          }
        }
        return n;
      }
      case ContentRef.Binary:
        if (chance(0.01)) encoding.writeVarUint(e, pick(HUGE));
        else encoding.writeVarUint8Array(e, bytes(int(64)));
        return 1;
      case ContentRef.String: {
        const s = oddString();
        encoding.writeVarString(e, s);
        return s.length;
      }
      case ContentRef.Embed:
        encoding.writeVarString(e, chance(0.02) ? '{' : JSON.stringify(oddJson()));
        return 1;
      case ContentRef.Format:
        encoding.writeVarString(e, key());
        encoding.writeVarString(e, chance(0.02) ? '' : JSON.stringify(oddJson()));
        return 1;
      case ContentRef.Type: {
        // 0 Array, 1 Map, 2 Text, 3 XmlElement, 4 XmlFragment, 5 XmlHook, 6 XmlText.
        const typeRef = chance(0.97) ? int(7) : 7 + int(300);
        encoding.writeVarUint(e, typeRef);
        if (typeRef === 3 || typeRef === 5) encoding.writeVarString(e, oddString());
        return 1;
      }
      case ContentRef.Doc: {
        encoding.writeVarString(e, chance(0.7) ? pick(guids) : oddString());
        // null and undefined opts do not decode (Yjs reads `opts.shouldLoad`).
        const opts = pick<() => unknown>([
          () => (chance(0.3) ? (chance(0.5) ? null : undefined) : {}),
          () => ({}),
          () => ({ gc: false }),
          () => ({ autoLoad: true }),
          () => ({ shouldLoad: true, meta: oddAny() }),
          () => ({ guid: oddString(), collectionid: oddAny() }),
          () => ({ gcFilter: 1, gc: 'yes' }),
          () => ({ ['__proto__']: { shouldLoad: true } }),
          () => 'opts',
          () => 7,
          () => [true],
        ])();
        encoding.writeAny(e, opts as Parameters<typeof encoding.writeAny>[1]);
        return 1;
      }
      default:
        // Refs 11-31 have no reader; write something plausible behind them.
        encoding.writeVarUint(e, 1);
        return 1;
    }
  };

  /** Writes one struct at `id`; returns its length. */
  const writeStruct = (e: encoding.Encoder, t: Target, id: Id): number => {
    const r = rand();
    let ref: number;
    if (r < 0.06) ref = ContentRef.GC;
    else if (r < 0.1) ref = ContentRef.Skip;
    else if (r < 0.11)
      ref = 11 + int(21); // no such content
    else ref = 1 + int(9); // every item content, Deleted to Doc
    if (ref === ContentRef.GC || ref === ContentRef.Skip) {
      // Flag bits mean nothing for these; set some anyway.
      encoding.writeUint8(e, ref | (chance(0.2) ? int(8) << 5 : 0));
      const len = length();
      encoding.writeVarUint(e, len);
      return len;
    }
    const origin = chance(0.45);
    const right = chance(0.3);
    const sub = chance(0.35);
    encoding.writeUint8(e, ref | (origin ? BIT8 : 0) | (right ? BIT7 : 0) | (sub ? BIT6 : 0));
    if (origin) writeId(e, anId(t, id, false));
    if (right) writeId(e, anId(t, id, true));
    if (!origin && !right) {
      if (chance(0.55)) {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, parentKey());
      } else {
        // 0 means "an id follows"; so does anything else but 1.
        encoding.writeVarUint(e, chance(0.9) ? 0 : 2 + int(200));
        writeId(e, anId(t, id, true, true));
      }
      if (sub) encoding.writeVarString(e, key());
    }
    return writeContent(e, ref);
  };

  /** One client's block of structs. */
  const writeClientBlock = (e: encoding.Encoder, t: Target): void => {
    const count = chance(0.04) ? 0 : 1 + int(chance(0.8) ? 3 : 12);
    const honest = [...t.honest];
    const r = rand();
    let client: number;
    let clock: number;
    let honestLimit = Infinity;
    if (r < 0.12 && honest.length > 0) {
      // An honest client's id, at clocks it already wrote: never past them.
      const [id, state] = pick(honest);
      client = id;
      clock = int(state + 1);
      honestLimit = state;
    } else if (r < 0.92) {
      client = pick(pool);
      const at = next.get(client) ?? 0;
      const c = rand();
      clock =
        c < 0.5
          ? at
          : c < 0.65
            ? int(at + 1)
            : c < 0.82
              ? at + 1 + int(20)
              : c < 0.9
                ? 0
                : pick(HUGE);
    } else {
      client = int(2 ** 32);
      clock = chance(0.8) ? 0 : int(50);
    }
    const body = encoding.createEncoder();
    let written = 0;
    let at = clock;
    for (let i = 0; i < count; i++) {
      const one = encoding.createEncoder();
      const len = writeStruct(one, t, { client, clock: at });
      if (at + len > honestLimit) break;
      encoding.writeUint8Array(body, encoding.toUint8Array(one));
      written++;
      at += len;
    }
    // Sometimes declare more structs than follow (the update is cut short).
    encoding.writeVarUint(e, chance(0.01) ? written + 1 + int(3) : written);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeUint8Array(e, encoding.toUint8Array(body));
    // Where this client's clocks go on, assuming the relay took the block: only after a
    // contiguous or overlapping one (a block past a gap waits, or is dropped, unintegrated).
    const before = next.get(client);
    if (before !== undefined && clock <= before && at < 2 ** 31)
      next.set(client, Math.max(before, at));
  };

  const writeDeleteSet = (e: encoding.Encoder, t: Target): void => {
    const clients = chance(0.55) ? 0 : 1 + int(3);
    encoding.writeVarUint(e, clients);
    const sandboxed = t.structs.filter((s) => s.honest);
    for (let i = 0; i < clients; i++) {
      const ranges: [number, number][] = [];
      const n = chance(0.1) ? 0 : 1 + int(4);
      let client: number;
      if (chance(0.2) && sandboxed.length > 0) {
        // Honest items, only inside one sandbox struct.
        const s = pick(sandboxed);
        client = s.client;
        for (let j = 0; j < n; j++) {
          const clock = s.clock + int(s.length);
          const len = chance(0.05) ? 0 : 1 + int(s.clock + s.length - clock);
          ranges.push([clock, len]);
        }
      } else {
        client = chance(0.85) ? pick(pool) : int(2 ** 32);
        const at = next.get(client) ?? 50;
        for (let j = 0; j < n; j++) {
          const prev = ranges.at(-1);
          const c = rand();
          if (prev && c < 0.2)
            ranges.push(prev); // the same range twice
          else if (prev && c < 0.35) ranges.push([prev[0] + int(prev[1] + 1), length()]);
          else if (c < 0.45) ranges.push([pick(HUGE), length()]);
          else ranges.push([int(at + 5), length()]);
        }
      }
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, ranges.length);
      for (const [clock, len] of ranges) {
        encoding.writeVarUint(e, clock);
        encoding.writeVarUint(e, len);
      }
    }
  };

  return () => {
    const t = target();
    const e = encoding.createEncoder();
    // Several blocks may pick the same client id (the reader keeps only the last).
    const blocks = chance(0.1) ? 0 : 1 + int(chance(0.85) ? 2 : 4);
    encoding.writeVarUint(e, blocks);
    for (let i = 0; i < blocks; i++) writeClientBlock(e, t);
    writeDeleteSet(e, t);
    if (chance(0.02)) encoding.writeUint8Array(e, bytes(1 + int(8)));
    return encoding.toUint8Array(e);
  };
}

/**
 * Updates of the three shapes this fuzzer found that let one connection get an honest
 * client closed for good, until the relay learnt to refuse them (`malformedUpdate`): the
 * relay accepted them, Yjs kept them waiting, and the NEXT update anyone sent then threw
 * inside Yjs, so the relay refused that sender with 4422 (which the stock provider never
 * retries) and dropped the room.
 *
 * 1. A delete set whose ranges for one client are out of order or overlap (or end past
 *    2^53 - 1), for clocks the relay does not have, e.g. `00010302feffffffffffff0f010001`
 *    (client 3: [2^53 - 2, 1] then [0, 1]). Yjs keeps such ranges in `pendingDs`, written in
 *    the v2 format as differences from the previous range's end: the second difference is
 *    negative, its varUint reads back as another range (here one past 2^53, whose length
 *    rounds to 0), and when the next update re-applies and re-encodes the pending delete
 *    set, Yjs's encoder throws "Unexpected case" on that length.
 * 2. An item whose origin, right origin or parent is its own client at its own clock or
 *    later, and that waits on another client's clock, e.g. `01010500c10505` + an honest
 *    client's id + its next clock + `0100` (client 5 clock 0, deleted content of length 1,
 *    origin 5:5, right origin the honest clock). Yjs checks only other clients' clocks
 *    before integrating, so the item waits until the honest client writes that clock, then
 *    looks up its own-client origin, which does not exist, and throws.
 * 3. A struct that ends past 2^53 - 1 and waits on another client's clock, e.g.
 *    `01020500000441` + an honest client's id + its next clock + `ffffffffffffff0f00`
 *    (client 5: GC of 4, then deleted content of length 2^53 - 1 with that right origin).
 *    Clocks past 2^53 are not exact in JavaScript: once the honest clock arrives and the
 *    item integrates, the transaction's cleanup (tryMergeDeleteSet) cannot find its last
 *    clock and throws "Unexpected case".
 *
 * The fuzz test counts them and checks each is now refused up front.
 */
export function hitsKnownBug(update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  for (const ranges of decoded.ds.clients.values()) {
    let end = 0;
    for (const { clock, len } of ranges) {
      if (clock < end || clock + len > Number.MAX_SAFE_INTEGER) return true;
      end = clock + len;
    }
  }
  for (const s of decoded.structs) {
    if (s.id.clock + s.length > Number.MAX_SAFE_INTEGER) return true;
    if (!(s instanceof Y.Item)) continue;
    const parent = s.parent instanceof Y.ID ? s.parent : null;
    for (const ref of [s.origin, s.rightOrigin, parent]) {
      if (ref && ref.client === s.id.client && ref.clock >= s.id.clock) return true;
    }
  }
  return false;
}

/** Whether the relay refuses the update up front (its own check, `malformedUpdate`). */
export function refusedByRelay(update: Uint8Array): boolean {
  return malformedUpdate(Y.decodeUpdate(update)) !== null;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Gives the sandbox root one nested type of each kind honest clients edit. */
export function createSandbox(doc: Y.Doc): void {
  const text = new Y.Text();
  text.insert(0, 'sandbox text');
  const xml = new Y.XmlElement('p');
  xml.insert(0, [new Y.XmlText('hi')]);
  doc.getArray(SANDBOX).push(['first', new Y.Map(), text, xml, new Y.Array()]);
}

/** One honest edit under the sandbox: what hostile updates get to point at. */
export function sandboxEdit(doc: Y.Doc, rand: () => number): void {
  const sandbox = doc.getArray<unknown>(SANDBOX);
  const items = sandbox.toArray();
  const find = <T>(kind: new () => T): T | undefined =>
    items.find((v): v is T => v instanceof kind);
  const n = Math.floor(rand() * 1e6);
  const text = find(Y.Text);
  const map = find(Y.Map);
  const array = find(Y.Array);
  const xml = items.find((v): v is Y.XmlElement => v instanceof Y.XmlElement);
  switch (Math.floor(rand() * 6)) {
    case 0:
      if (text) {
        text.insert(Math.floor(rand() * (text.length + 1)), `t${n}😀`);
        if (text.length > 4) text.format(1, 2, { bold: rand() < 0.5 ? true : null });
        return;
      }
      break;
    case 1:
      if (map) {
        map.set(`k${n % 7}`, n);
        return;
      }
      break;
    case 2:
      if (array) {
        array.insert(Math.floor(rand() * (array.length + 1)), [n, `a${n}`]);
        return;
      }
      break;
    case 3:
      if (xml) {
        xml.insert(0, [new Y.XmlText(`x${n}`)]);
        return;
      }
      break;
    case 4:
      if (sandbox.length > 8) return sandbox.delete(5 + Math.floor(rand() * (sandbox.length - 5)));
      break;
  }
  sandbox.push([`s${n}`]);
}

export type Verdict =
  /** Y.decodeUpdate throws: the relay refuses it before Yjs integrates anything. */
  | 'undecodable'
  /** Decodes, but is a shape Yjs never writes and chokes on (see `malformedUpdate`): refused. */
  | 'refused'
  /** Y.applyUpdate throws: the relay drops the room and reloads it from storage. */
  | 'threw'
  /** Applied, leaving more structs or deletes waiting for dependencies than before. */
  | 'pending'
  /** Applied, nothing waiting. */
  | 'applied'
  /** Applied, but what it emitted (what the relay broadcasts) throws in an honest client. */
  | 'poisonsClient'
  /** Applied, but the honest client's next update then throws (the relay blames that client). */
  | 'poisonsNextUpdate'
  /** Applied, but the doc can no longer be encoded (for a sync, or a compaction). */
  | 'unencodable'
  /** Applied, but what it emitted (what the relay stores) cannot be loaded again. */
  | 'unloadable';

/** The verdicts after which the relay, as written, would be in trouble. */
export const DANGEROUS: readonly Verdict[] = [
  'poisonsClient',
  'poisonsNextUpdate',
  'unencodable',
  'unloadable',
];

/** What one offered update did, and the hostile updates the doc held since its last reload. */
export interface Offered {
  verdict: Verdict;
  error?: unknown;
  history: readonly Uint8Array[];
}

/**
 * The relay's handling of client updates, in-process and without a network: a doc that
 * takes each hostile update (unless the relay would refuse it up front), a log of what it
 * emitted (what the relay stores), a reload from that log whenever Yjs throws, the pending
 * cap, and an honest client that receives what was emitted and edits after every hostile
 * update. Classifies each hostile update by what followed it.
 */
export class ScratchRelay {
  honest = new Y.Doc();
  doc = new Y.Doc();
  /** The stored log: a snapshot, then every emitted update. */
  private stored: Uint8Array[] = [];
  /** The log loaded afresh, update by update, as a restarted relay would. */
  private reloaded = new Y.Doc();
  private history: Uint8Array[] = [];
  private edits = 0;

  constructor(private readonly rand: () => number) {
    this.startOver();
  }

  target(): Target {
    return targetOf(this.doc, [this.honest.clientID]);
  }

  offer(payload: Uint8Array): Offered {
    const history = [...this.history, payload];
    const result = (verdict: Verdict, error?: unknown): Offered => ({ verdict, error, history });
    try {
      if (refusedByRelay(payload)) return result('refused');
    } catch (error) {
      return result('undecodable', error);
    }
    const pendingBefore = pendingBytes(this.doc);
    const emitted = this.apply(payload);
    if (emitted instanceof Error) {
      this.reset();
      return result('threw', emitted);
    }
    this.history = history;
    const pending = pendingBytes(this.doc) > pendingBefore;
    if (pendingBytes(this.doc) > 1024 * 1024) {
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
    }
    try {
      for (const u of emitted) Y.applyUpdate(this.honest, u);
    } catch (error) {
      this.startOver();
      return result('poisonsClient', error);
    }
    try {
      for (const u of emitted) Y.applyUpdate(this.reloaded, u);
    } catch (error) {
      this.startOver();
      return result('unloadable', error);
    }
    // The honest client edits; its update must still apply.
    const before = Y.encodeStateVector(this.honest);
    this.honestEdit();
    const next = this.apply(Y.encodeStateAsUpdate(this.honest, before));
    if (next instanceof Error) {
      this.startOver();
      return result('poisonsNextUpdate', next);
    }
    for (const u of next) Y.applyUpdate(this.reloaded, u);
    try {
      Y.encodeStateAsUpdate(this.doc, before);
    } catch (error) {
      this.startOver();
      return result('unencodable', error);
    }
    if (this.stored.length > 200) {
      // Compaction: the snapshot must encode, and load.
      try {
        const snapshot = Y.encodeStateAsUpdate(this.doc);
        this.stored = [snapshot];
        this.reloaded.destroy();
        this.reloaded = this.load();
        Y.encodeStateAsUpdate(this.reloaded);
      } catch (error) {
        this.startOver();
        return result('unloadable', error);
      }
    }
    return result(pending ? 'pending' : 'applied');
  }

  destroy(): void {
    for (const doc of [this.honest, this.doc, this.reloaded]) doc.destroy();
  }

  /** Applies `update` to the doc; returns what it emitted, or what it threw. */
  private apply(update: Uint8Array): Uint8Array[] | Error {
    const emitted: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array): void => {
      emitted.push(u);
    };
    this.doc.on('update', onUpdate);
    try {
      Y.applyUpdate(this.doc, update);
      this.stored.push(...emitted);
      return emitted;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    } finally {
      this.doc.off('update', onUpdate);
    }
  }

  private honestEdit(): void {
    if (this.edits++ % 2 === 0) addClaim(this.honest, { text: `honest #${this.edits}` });
    else sandboxEdit(this.honest, this.rand);
  }

  private load(): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => this.stored.forEach((u) => Y.applyUpdate(doc, u)));
    return doc;
  }

  /** The room reloads from storage, losing pending structs; the honest client resyncs. */
  private reset(): void {
    this.doc.destroy();
    this.doc = this.load();
    this.history = [];
  }

  /** A new honest client and relay doc: after a dangerous verdict either may be broken. */
  private startOver(): void {
    for (const doc of [this.honest, this.doc, this.reloaded]) doc.destroy();
    this.honest = new Y.Doc();
    this.honest.clientID = 1111;
    createMap(this.honest, { title: 'Scratch' });
    createSandbox(this.honest);
    for (let i = 0; i < 30; i++) this.honestEdit();
    this.stored = [Y.encodeStateAsUpdate(this.honest)];
    this.doc = this.load();
    this.reloaded = this.load();
    this.history = [];
  }
}

function pendingBytes(doc: Y.Doc): number {
  return (
    (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0)
  );
}
