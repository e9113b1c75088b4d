import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainModel } from '../rooms/testkit.ts';
import { VersionDocs } from './VersionDocs.ts';

function snapshot(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('VersionDocs', () => {
  it('loads a version once while it is used, and drops the least recently used beyond its limit', async () => {
    const docs = new VersionDocs(plainModel, 2);
    const loads: string[] = [];
    const get = (v: string) =>
      docs.get('m', v, async () => {
        loads.push(v);
        return snapshot(v);
      });
    expect((await get('a')).getText('t').toString()).toBe('a');
    await get('b');
    await get('a');
    await get('c'); // drops b, used longest ago
    await get('a');
    await get('b');
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps no failed load, so the next request tries again', async () => {
    const docs = new VersionDocs(plainModel);
    await expect(
      docs.get('m', 'v', () => Promise.reject(new Error('no such version'))),
    ).rejects.toThrow('no such version');
    expect((await docs.get('m', 'v', async () => snapshot('ok'))).getText('t').toString()).toBe(
      'ok',
    );
  });
});
