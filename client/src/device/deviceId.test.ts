import { describe, expect, it } from 'vitest';
import { deviceId } from './deviceId.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('deviceId', () => {
  it('mints an id once and keeps it for the next visit', () => {
    const storage = memory();
    let minted = 0;
    const mint = () => `id-${++minted}`;
    expect(deviceId(storage, mint)).toBe('id-1');
    expect(deviceId(storage, mint)).toBe('id-1');
    expect(minted).toBe(1);
  });

  it('gives two browsers different ids', () => {
    expect(deviceId(memory())).not.toBe(deviceId(memory()));
  });
});
