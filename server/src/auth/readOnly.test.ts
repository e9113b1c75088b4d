import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addsNothing } from './readOnly.ts';

function pair(): { server: Y.Doc; viewer: Y.Doc } {
  const server = new Y.Doc();
  const text = server.getText('t');
  text.insert(0, 'hello world');
  text.delete(0, 6);
  server.getMap('m').set('k', 1);
  const viewer = new Y.Doc();
  Y.applyUpdate(viewer, Y.encodeStateAsUpdate(server));
  return { server, viewer };
}

describe('addsNothing (viewer writes)', () => {
  it("accepts a viewer's sync step 2, which carries the delete set it was sent", () => {
    const { server, viewer } = pair();
    const step2 = Y.encodeStateAsUpdate(viewer, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
    expect(addsNothing(server, step2)).toBe(true);
  });

  it('refuses an insertion', () => {
    const { server, viewer } = pair();
    const sv = Y.encodeStateVector(server);
    viewer.getText('t').insert(0, 'x');
    expect(addsNothing(server, Y.encodeStateAsUpdate(viewer, sv))).toBe(false);
  });

  it('refuses a deletion of existing content', () => {
    const { server, viewer } = pair();
    let update: Uint8Array | null = null;
    viewer.on('update', (u: Uint8Array) => (update = u));
    viewer.getText('t').delete(0, 1);
    expect(addsNothing(server, update!)).toBe(false);
  });

  it('refuses a map overwrite and accepts its echo once the server has it', () => {
    const { server, viewer } = pair();
    let update: Uint8Array | null = null;
    viewer.on('update', (u: Uint8Array) => (update = u));
    viewer.getMap('m').set('k', 2);
    expect(addsNothing(server, update!)).toBe(false);
    Y.applyUpdate(server, update!);
    expect(addsNothing(server, update!)).toBe(true);
  });

  it('accepts an empty update', () => {
    const { server } = pair();
    expect(addsNothing(server, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
  });
});
