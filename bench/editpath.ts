import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Peer } from '../server/src/rooms/Peer.ts';
import { connect, newKit, openRoom, TestPeer, updateFrame } from '../server/src/rooms/testkit.ts';
import { SqliteStorage } from '../server/src/storage/sqlite/SqliteStorage.ts';
import { summarize, type Summary } from './lib/stats.ts';

/** Where one edit's time goes inside the relay, and what the disk's flush alone costs. */
export interface EditPathResult {
  edits: number;
  /** `receive` of the frame until the commit's storage call starts (decode, checks, apply, queue). */
  beforeCommitMs: Summary;
  /** The storage call: one SQLite transaction and its fsync. */
  commitMs: Summary;
  /** The commit's end until the last of the others has been sent the update. */
  afterCommitMs: Summary;
  /** `receive` until the last send: the relay's whole share of the propagation latency. */
  totalMs: Summary;
  /** The reference server's whole share: y-protocols' `readSyncMessage`, then one frame to each. */
  referenceMs: Summary;
  /** A 16 KiB overwrite and `fdatasync` of a file beside the database, between the edits. */
  fsyncMs: Summary;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection that only notes when it was last sent something. */
class Sink implements Peer {
  readonly role = 'editor' as const;
  readonly linkId = null;
  readonly wantsAck = false;
  sent = 0;
  lastAt = 0;
  constructor(readonly id: string) {}
  send(_frame: Uint8Array): void {
    this.sent += 1;
    this.lastAt = now();
  }
  close(): void {}
  probe(): void {}
}

/**
 * One writer and `others` connections in one map, in process, on a real SQLite file (WAL,
 * `synchronous = FULL`, as the relay runs it) in the temporary directory: each small edit is
 * handed to the room and timed until every other connection has been sent it, split at the
 * commit. The reference's own work for the same edit (decode, apply, one frame to each) is
 * timed on the same frames, and a bare flush of the same disk between edits, so the table
 * says how much of the relay's share is the fsync the durability promise needs.
 */
export async function editPath(opts: {
  edits: number;
  others: number;
  gapMs: number;
}): Promise<EditPathResult> {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-editpath-'));
  const storage = new SqliteStorage(join(dir, 'warrant.db'));
  const probe = openSync(join(dir, 'probe'), 'w+');
  const block = Buffer.alloc(16 * 1024, 7);
  try {
    const kit = await newKit({}, { storage });
    const room = await openRoom(kit, 'm');
    const writer = await connect(kit, room, new TestPeer('writer', false, 'owner'));
    const sinks = Array.from({ length: opts.others }, (_, i) => new Sink(`other-${i}`));
    for (const sink of sinks) room.join(sink);
    await kit.commits.drain();

    let appendStart = 0;
    let appendEnd = 0;
    const append = storage.append.bind(storage);
    storage.append = async (entries) => {
      appendStart = now();
      try {
        return await append(entries);
      } finally {
        appendEnd = now();
      }
    };

    const source = new Y.Doc();
    const frames: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => frames.push(updateFrame(update)));
    const reference = new Y.Doc();
    const refSinks = Array.from({ length: opts.others }, (_, i) => new Sink(`ref-${i}`));
    reference.on('update', (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
      const frame = encoding.toUint8Array(e);
      for (const sink of refSinks) sink.send(frame);
    });

    const before: number[] = [];
    const commit: number[] = [];
    const after: number[] = [];
    const total: number[] = [];
    const ref: number[] = [];
    const fsync: number[] = [];
    const lastSend = () => Math.max(...sinks.map((s) => s.lastAt));
    for (let i = 0; i < opts.edits; i++) {
      source.getMap<number>('bench').set(`writer:${i}`, i);
      const frame = frames[frames.length - 1]!;
      const sent = sinks.reduce((n, s) => n + s.sent, 0);
      const t0 = now();
      room.receive(writer, frame);
      while (sinks.reduce((n, s) => n + s.sent, 0) < sent + opts.others) await turn();
      const done = lastSend();
      before.push(appendStart - t0);
      commit.push(appendEnd - appendStart);
      after.push(done - appendEnd);
      total.push(done - t0);

      const r0 = now();
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), reference, null);
      ref.push(Math.max(...refSinks.map((s) => s.lastAt)) - r0);

      await pause(opts.gapMs / 2);
      writeSync(probe, block, 0, block.length, 0);
      const f0 = now();
      fdatasyncSync(probe);
      fsync.push(now() - f0);
      await pause(opts.gapMs / 2);
    }
    await room.unload();
    return {
      edits: opts.edits,
      beforeCommitMs: summarize(before),
      commitMs: summarize(commit),
      afterCommitMs: summarize(after),
      totalMs: summarize(total),
      referenceMs: summarize(ref),
      fsyncMs: summarize(fsync),
    };
  } finally {
    closeSync(probe);
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
