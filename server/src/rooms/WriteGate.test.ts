import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayMetrics } from '../metrics/Metrics.ts';
import {
  encodeReadOnly,
  READ_ONLY_REASON,
  STORAGE_UNAVAILABLE_REASON,
} from '../protocol/messages.ts';
import { StorageHealth } from '../storage/StorageHealth.ts';
import { TestPeer } from './testkit.ts';
import { REVIEW_WRITES, WriteGate, type WritePolicy } from './WriteGate.ts';

const healths: StorageHealth[] = [];

function newGate(doc: Y.Doc, writes?: WritePolicy) {
  const metrics = new RelayMetrics({ connections: () => 0, loadedMaps: () => 0 });
  // A probe that never succeeds: storage stays down once it failed.
  const health = new StorageHealth(
    { probe: () => Promise.reject(new Error('still full')) },
    pino({ level: 'silent' }),
    60_000,
  );
  healths.push(health);
  const logger = pino({ level: 'silent' });
  return {
    gate: new WriteGate('m', doc, { metrics, logger, health, ...(writes ? { writes } : {}) }),
    metrics,
    health,
  };
}

/** A doc holding `text`, and an update adding `more` to a copy of it. */
function docAndEdit(text: string, more: string) {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(copy);
  copy.getText('t').insert(text.length, more);
  return { doc, edit: Y.encodeStateAsUpdate(copy, sv), known: Y.encodeStateAsUpdate(doc) };
}

const told = (peer: TestPeer, reason: string) =>
  peer.received.filter((f) => Buffer.from(f).equals(encodeReadOnly(reason))).length;

afterEach(() => {
  for (const h of healths.splice(0)) h.stop();
});

describe('WriteGate', () => {
  it('lets an editor write while storage takes writes', () => {
    const { doc, edit } = docAndEdit('a', 'b');
    const { gate } = newGate(doc);
    expect(gate.admit(new TestPeer('ed'), edit)).toEqual({ kind: 'write' });
  });

  it("refuses a commenter's map edit like a viewer's, and takes it in the review room", () => {
    const { doc, edit } = docAndEdit('a', 'b');
    const map = newGate(doc);
    const commenter = new TestPeer('c', false, 'commenter');
    expect(map.gate.admit(commenter, edit)).toEqual({ kind: 'drop' });
    expect(told(commenter, READ_ONLY_REASON)).toBe(1);
    expect(map.metrics.rejected.get({ reason: 'ReadOnly' })).toBe(1);

    const review = newGate(doc, REVIEW_WRITES);
    expect(review.gate.admit(new TestPeer('c2', false, 'commenter'), edit)).toEqual({
      kind: 'write',
    });
    const viewer = new TestPeer('v', false, 'viewer');
    expect(review.gate.admit(viewer, edit)).toEqual({ kind: 'drop' });
    expect(told(viewer, REVIEW_WRITES.refusal)).toBe(1);
    expect(REVIEW_WRITES.refusal).not.toBe(READ_ONLY_REASON);
  });

  it('drops a viewer’s step 2 that adds nothing, without telling or counting it', () => {
    const { doc, known } = docAndEdit('a', 'b');
    const { gate, metrics } = newGate(doc);
    const viewer = new TestPeer('v', false, 'viewer');
    expect(gate.admit(viewer, known)).toEqual({ kind: 'drop' });
    expect(viewer.received).toEqual([]);
    expect(metrics.rejected.get({ reason: 'ReadOnly' })).toBe(0);
  });

  it('refuses a viewer’s real edit, counts each, and tells the viewer once', () => {
    const { doc, edit } = docAndEdit('a', 'b');
    const { gate, metrics } = newGate(doc);
    const viewer = new TestPeer('v', false, 'viewer');
    expect(gate.admit(viewer, edit)).toEqual({ kind: 'drop' });
    expect(gate.admit(viewer, edit)).toEqual({ kind: 'drop' });
    expect(told(viewer, READ_ONLY_REASON)).toBe(1);
    expect(metrics.rejected.get({ reason: 'ReadOnly' })).toBe(2);
    expect(gate.takeHeldBack()).toEqual([]);
  });

  it('refuses everyone’s edits while storage is down and remembers whom, once', () => {
    const { doc, edit } = docAndEdit('a', 'b');
    const { gate, metrics, health } = newGate(doc);
    health.fail(new Error('SQLITE_FULL'));
    const editor = new TestPeer('ed');
    expect(gate.admit(editor, edit)).toEqual({ kind: 'drop' });
    expect(told(editor, STORAGE_UNAVAILABLE_REASON)).toBe(1);
    expect(metrics.rejected.get({ reason: 'StorageUnavailable' })).toBe(1);
    expect(gate.takeHeldBack()).toEqual([editor]);
    expect(gate.takeHeldBack()).toEqual([]);
  });

  it('rejects the sender of a refused update that does not decode', () => {
    const { doc } = docAndEdit('a', 'b');
    const { gate } = newGate(doc);
    const verdict = gate.admit(new TestPeer('v', false, 'viewer'), Uint8Array.of(1, 2, 3));
    expect(verdict.kind).toBe('reject');
  });
});
