import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from '../protocol/messages.ts';
import type { Storage, StoredMap } from '../storage/Storage.ts';
import {
  AS_STORED_LOG_BYTES,
  asStoredFrames,
  ColdAnswer,
  sharedReads,
  storedAsIs,
} from './ColdAnswer.ts';

/** A stored map: a snapshot of `n` entries, then one log entry per later edit. */
function storedMap(n: number, edits: number): { stored: StoredMap; doc: Y.Doc } {
  const doc = new Y.Doc();
  for (let i = 0; i < n; i++) doc.getMap('claims').set(`c${i}`, `claim ${i}`);
  const snapshot = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  const keep = (u: Uint8Array) => updates.push(u);
  doc.on('update', keep);
  for (let i = 0; i < edits; i++) doc.getMap('claims').set(`e${i}`, `edit ${i}`);
  doc.getMap('claims').delete('c0');
  doc.off('update', keep);
  const updateBytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
  return { stored: { snapshot, updates, lastSeq: updates.length, updateBytes }, doc };
}

/** Applies sync frames as a stock client does (step 2 and updates alike). */
function applyFrames(doc: Y.Doc, frames: Uint8Array[]): void {
  for (const frame of frames) {
    const d = decoding.createDecoder(frame);
    expect(decoding.readVarUint(d)).toBe(0);
    const kind = decoding.readVarUint(d);
    expect([1, 2]).toContain(kind);
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
}

function stateVectorIn(step1: Uint8Array): Map<number, number> {
  const d = decoding.createDecoder(step1);
  expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 0]);
  return Y.decodeStateVector(decoding.readVarUint8Array(d));
}

const emptyStep1 = () => encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
const json = (doc: Y.Doc) => doc.getMap('claims').toJSON();

describe('answering a client from storage while its room loads', () => {
  it('sends the log merged and then the snapshot, which together are the whole map', () => {
    const { stored, doc } = storedMap(50, 5);
    const frames = asStoredFrames(stored);
    expect(frames).toHaveLength(2);
    const client = new Y.Doc();
    applyFrames(client, frames ?? []);
    expect(json(client)).toEqual(json(doc));
    expect(asStoredFrames({ ...stored, updates: [], updateBytes: 0 })).toHaveLength(1);
  });

  it('leaves a log too long (or broken) to merge on the event loop to the room', () => {
    const { stored } = storedMap(5, 2);
    expect(asStoredFrames({ ...stored, updateBytes: AS_STORED_LOG_BYTES + 1 })).toBeNull();
    expect(asStoredFrames({ ...stored, updates: [Uint8Array.of(1, 2, 3)] })).toBeNull();
  });

  it('answers a step 1 of a client that holds nothing, then hands the room a step 1 naming what it sent', async () => {
    const { stored, doc } = storedMap(20, 3);
    const sent: Uint8Array[] = [];
    const cold = new ColdAnswer(
      () => Promise.resolve(stored),
      (f) => sent.push(f),
      (e) => {
        throw e;
      },
    );
    const step1 = emptyStep1();
    cold.offer(step1);
    await new Promise((resolve) => setTimeout(resolve, 0)); // storage answers; the room has not
    await cold.settle();
    const client = new Y.Doc();
    applyFrames(client, sent);
    expect(json(client)).toEqual(json(doc));
    // The room's reply to the replacement step 1 carries what was committed meanwhile.
    const replacement = cold.replace(step1);
    expect(stateVectorIn(replacement)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
    doc.getMap('claims').set('late', 'committed while the room loaded');
    doc.getMap('claims').delete('c1');
    applyFrames(client, [
      encodeSyncStep2(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(stateVectorIn(replacement)))),
    ]);
    expect(json(client)).toEqual(json(doc));
  });

  it('sends the same frames and works out one state vector for connections sharing a read', async () => {
    const { stored, doc } = storedMap(20, 0);
    const sent: Uint8Array[][] = [[], []];
    const answers = sent.map(
      (into) =>
        new ColdAnswer(
          () => Promise.resolve(stored),
          (f) => into.push(f),
          (e) => {
            throw e;
          },
        ),
    );
    const step1 = emptyStep1();
    for (const cold of answers) cold.offer(step1);
    await new Promise((resolve) => setTimeout(resolve, 0)); // storage answers; the room has not
    for (const cold of answers) await cold.settle();
    expect(sent[0]).toHaveLength(2); // the log merged, then the snapshot
    sent[0]?.forEach((frame, i) => expect(sent[1]?.[i]).toBe(frame));
    const [first, second] = answers.map((cold) => cold.replace(step1));
    expect(stateVectorIn(first!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(second).toEqual(first);
  });

  it('sends before decoding the map; stored bytes Yjs cannot read leave the step 1 to the room', async () => {
    const broken: StoredMap = {
      snapshot: Uint8Array.of(5, 200, 1, 9),
      updates: [],
      lastSeq: 0,
      updateBytes: 0,
    };
    const sent: Uint8Array[] = [];
    const errors: unknown[] = [];
    const cold = new ColdAnswer(
      () => Promise.resolve(broken),
      (f) => sent.push(f),
      (e) => errors.push(e),
    );
    const step1 = emptyStep1();
    cold.offer(step1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await cold.settle();
    expect(sent).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(cold.replace(step1)).toBe(step1);
    expect(errors).toHaveLength(1);
  });

  it('leaves a client that holds something, and any later step 1, to the room', async () => {
    const { stored } = storedMap(5, 0);
    let loads = 0;
    const cold = new ColdAnswer(
      () => {
        loads += 1;
        return Promise.resolve(stored);
      },
      () => {
        throw new Error('nothing is sent');
      },
      () => undefined,
    );
    const holding = encodeSyncStep1(Y.encodeStateVector(storedMap(1, 0).doc));
    cold.offer(holding);
    cold.offer(emptyStep1());
    await cold.settle();
    expect(loads).toBe(0);
    expect(cold.replace(holding)).toBe(holding);
  });

  it('sends nothing once the room is there first, and the room answers the step 1 itself', async () => {
    const { stored } = storedMap(5, 0);
    let finishLoad = (_: StoredMap) => {};
    const sent: Uint8Array[] = [];
    const cold = new ColdAnswer(
      () => new Promise<StoredMap>((resolve) => (finishLoad = resolve)),
      (f) => sent.push(f),
      () => undefined,
    );
    const step1 = emptyStep1();
    cold.offer(step1);
    const settled = cold.settle();
    finishLoad(stored);
    await settled;
    expect(sent).toEqual([]);
    expect(cold.replace(step1)).toBe(step1);
  });

  it('serves a stored map as it is only when its summary says it is of the current schema, and not a huge one', async () => {
    const { stored } = storedMap(3, 0);
    const storage = (summary?: { schemaVersion: number }) =>
      ({
        meta: () =>
          Promise.resolve({
            id: 'm',
            title: 't',
            createdAt: 0,
            updatedAt: 0,
            ...(summary && { summary: { ...summary, stats: {} } }),
          }),
        load: () => Promise.resolve(stored),
      }) as unknown as Storage;
    expect(await storedAsIs(storage({ schemaVersion: 1 }), 'm', 1)).toBe(stored);
    expect(await storedAsIs(storage({ schemaVersion: 0 }), 'm', 1)).toBeNull();
    expect(await storedAsIs(storage({ schemaVersion: 2 }), 'm', 1)).toBeNull();
    expect(await storedAsIs(storage(), 'm', 1)).toBeNull();
    // A map big enough for its room to host its doc on the worker is left to the room.
    const size = stored.snapshot.byteLength + stored.updateBytes;
    expect(await storedAsIs(storage({ schemaVersion: 1 }), 'm', 1, size + 1)).toBe(stored);
    expect(await storedAsIs(storage({ schemaVersion: 1 }), 'm', 1, size)).toBeNull();
  });

  it('reads a map once for the connections that ask for it while that read is under way', async () => {
    const reads: string[] = [];
    const finish = new Map<string, () => void>();
    const read = sharedReads((key) => {
      reads.push(key);
      return new Promise<string>((resolve) => finish.set(key, () => resolve(`stored ${key}`)));
    });
    const together = [read('a'), read('a'), read('b')];
    expect(reads).toEqual(['a', 'b']);
    finish.get('a')?.();
    finish.get('b')?.();
    expect(await Promise.all(together)).toEqual(['stored a', 'stored a', 'stored b']);
    // Once a read is over, the next one reads again (storage may have moved on).
    const again = read('a');
    expect(reads).toEqual(['a', 'b', 'a']);
    finish.get('a')?.();
    expect(await again).toBe('stored a');
  });
});
