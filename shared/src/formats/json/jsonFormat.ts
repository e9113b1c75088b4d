import type * as Y from 'yjs';
import { inputText, MapImportError, type Format, type FormatData } from '../Format.ts';
import { exportMap } from './exportMap.ts';
import { importMap } from './importMap.ts';

/**
 * Warrant JSON (shared/JSON.md) as a `Format`: `exportMap` and `importMap` over text. Written
 * without indentation, as the relay has always served it: the bytes are stable either way,
 * and a map with long sources stays a third smaller.
 */
export const jsonFormat = {
  id: 'json',
  name: 'Warrant JSON',
  mediaType: 'application/json',
  extension: 'json',
  export(doc: Y.Doc): string {
    return JSON.stringify(exportMap(doc));
  },
  import(input: FormatData, doc?: Y.Doc) {
    const text = inputText(input, 'a Warrant JSON file');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new MapImportError([`(file): not JSON (${(error as Error).message})`]);
    }
    return importMap(parsed, doc);
  },
} as const satisfies Format;
