import {
  DEFAULT_FORMAT,
  detectFormat,
  EXPORT_FORMAT_IDS,
  IMPORT_FORMAT_IDS,
  formatById,
  formats,
  type Format,
} from '@warrant/shared';
import type { Request } from 'express';
import { Limits } from '../protocol/constants.ts';
import { HttpError, notFound } from './errors.ts';

/** Reading a request's parameters: each answers the value, or a 400 saying what is allowed. */

/** The format `?format=` names (Warrant JSON when absent); 400 naming the known ones if none. */
export function exportFormat(query: unknown): Format & Required<Pick<Format, 'export'>> {
  const format =
    query === undefined
      ? formats[DEFAULT_FORMAT]
      : typeof query === 'string'
        ? formatById(query)
        : undefined;
  if (format?.export) return { ...format, export: format.export };
  const known = EXPORT_FORMAT_IDS.map((id) => `${id} (${formats[id].name})`).join(', ');
  const asked =
    typeof query === 'string'
      ? `There is no export format "${query.slice(0, 40)}"`
      : 'Name one export format';
  throw new HttpError(
    400,
    `${asked}. Known formats: ${known}; without ?format= a map exports as ${DEFAULT_FORMAT}.`,
  );
}

/**
 * The format an import is in: `?format=` when given (400 naming the importable ones if it
 * names none), else Warrant JSON for a parsed JSON body, else told from the content.
 */
export function importFormat(query: unknown, raw: Uint8Array | null): Format {
  const known = IMPORT_FORMAT_IDS.map((id) => `${id} (${formats[id].name})`).join(', ');
  if (query !== undefined) {
    const format = typeof query === 'string' ? formatById(query) : undefined;
    if (format?.import) return format;
    const asked =
      typeof query === 'string'
        ? `There is no import format "${query.slice(0, 40)}"`
        : 'Name one import format';
    throw new HttpError(400, `${asked}. Formats that can be imported: ${known}.`);
  }
  if (!raw) return formats.json;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(raw.subarray(0, 64 * 1024));
  // The whole file for JSON-based formats (their type is in a key anywhere), the head otherwise.
  const text = head.trimStart().startsWith('{') ? new TextDecoder().decode(raw) : head;
  const id = detectFormat(text);
  if (id) return formats[id];
  throw new HttpError(
    400,
    `Warrant could not tell what format this file is in. Name it with ?format= (${known}).`,
  );
}

/** One of `allowed`, named by a query parameter (the first when absent); 400 otherwise. */
export function choice<T extends string>(query: unknown, name: string, allowed: readonly T[]): T {
  const [first] = allowed;
  if (query === undefined && first !== undefined) return first;
  const found = allowed.find((a) => a === query);
  if (found) return found;
  throw new HttpError(
    400,
    `?${name}= must be one of ${allowed.join(', ')} (without it: ${String(first)}).`,
  );
}

/** `?title=`: the imported map's title instead of the file's, if given once. */
export function importTitle(query: unknown): string | undefined {
  if (query === undefined || typeof query === 'string') return query;
  throw new HttpError(400, 'Give ?title= once, as the title the imported map should have.');
}

export function mapId(req: Request): string {
  const id = String(req.params.id);
  if (!Limits.mapIdPattern.test(id)) throw notFound(id);
  return id;
}
