import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeClientMessage, encodeSyncStep2, encodeUpdate } from './messages.ts';

/** The frame as y-protocols' own encoder writes it (`writeSyncStep2` / `writeUpdate`). */
function asLib0Writes(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Byte equality (vitest's deep equality walks a big array element by element, slowly). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('sync frames with a payload', () => {
  // Lengths around the varint's byte boundaries and past lib0's first buffer (100 bytes).
  const sizes = [0, 1, 127, 128, 16_383, 16_384, 300_000];
  const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256);

  it('are byte for byte what the stock encoder writes', () => {
    for (const n of sizes) {
      expect(same(encodeSyncStep2(payload(n)), asLib0Writes(1, payload(n)))).toBe(true);
      expect(same(encodeUpdate(payload(n)), asLib0Writes(2, payload(n)))).toBe(true);
    }
  });

  it('decode back to the same payload', () => {
    for (const n of sizes) {
      const message = decodeClientMessage(encodeUpdate(payload(n)));
      expect(message.kind).toBe('update');
      expect(message.kind === 'update' && same(message.update, payload(n))).toBe(true);
    }
  });

  it('copy the payload: changing it afterwards does not change the frame', () => {
    const bytes = payload(1000);
    const frame = encodeSyncStep2(bytes);
    bytes.fill(0);
    expect(same(frame, asLib0Writes(1, payload(1000)))).toBe(true);
  });
});
