import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { SCHEMA_VERSION, collections, now, transact } from './schema.ts';

/** What a map says about itself. */
export interface MapMeta {
  title: string;
  schemaVersion: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export const MAX_TITLE_LENGTH = 200;

/**
 * Makes an empty Y.Doc a map of the current schema. Called once, by whoever creates the map
 * (the relay, when a map is created through the API), never by each client at startup.
 */
export function createMap(doc: Y.Doc, init: { title: string; createdAt?: number }): void {
  const title = checkTitle(init.title);
  transact(doc, () => {
    const { meta } = collections(doc);
    if (meta.has('schemaVersion')) throw new ModelError('This document is already a map.');
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', init.createdAt ?? now());
    meta.set('title', title);
  });
}

export function readMeta(doc: Y.Doc): MapMeta {
  const { meta } = collections(doc);
  const version = meta.get('schemaVersion');
  const createdAt = meta.get('createdAt');
  const title = meta.get('title');
  return {
    title: typeof title === 'string' ? title : '',
    schemaVersion: typeof version === 'number' ? version : 0,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

export function setTitle(doc: Y.Doc, title: string): void {
  const checked = checkTitle(title);
  transact(doc, () => collections(doc).meta.set('title', checked));
}

/** True once `createMap` (or a migration) has stamped the document with a schema version. */
export function isMap(doc: Y.Doc): boolean {
  return typeof collections(doc).meta.get('schemaVersion') === 'number';
}

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new ModelError('A map needs a title.');
  if (trimmed.length > MAX_TITLE_LENGTH) {
    throw new ModelError(`A map title can be at most ${MAX_TITLE_LENGTH} characters.`);
  }
  return trimmed;
}
