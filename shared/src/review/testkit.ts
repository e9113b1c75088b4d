import * as Y from 'yjs';
import { createMap } from '../meta.ts';
import type { ReviewAuthor } from './schema.ts';

/** People for the review tests. */
export const ann: ReviewAuthor = { id: 'device-ann', name: 'Ann Lee' };
export const bob: ReviewAuthor = { id: 'device-bob', name: 'Bob' };
export const cy: ReviewAuthor = { id: 'device-cy', name: 'Cy' };

export function newMap(): Y.Doc {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Reviewed map' });
  return doc;
}

/** Two replicas wired to each other, as two clients of one room are. */
export function syncedPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== b) Y.applyUpdate(b, u, a);
  });
  b.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== a) Y.applyUpdate(a, u, b);
  });
  return [a, b];
}
