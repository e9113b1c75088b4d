import type { Format } from './Format.ts';
import { jsonFormat } from './json/jsonFormat.ts';

/**
 * Every format this build reads or writes, by id. A new format is one file beside `json/`
 * and one line here; the relay's `?format=` and the client's menus list what is here.
 */
export const formats = {
  json: jsonFormat,
} as const satisfies Record<string, Format>;

export type FormatId = keyof typeof formats;

/** The ids of every registered format, in registry order: for messages and menus. */
export const FORMAT_IDS = Object.keys(formats) as FormatId[];

/** The format exports and imports use when none is named: Warrant's own JSON. */
export const DEFAULT_FORMAT: FormatId = 'json';

/**
 * The format registered under `id`, or undefined. Only the registry's own keys count, so a
 * caller's `?format=toString` or `?format=__proto__` finds nothing.
 */
export function formatById(id: string): Format | undefined {
  return Object.hasOwn(formats, id) ? formats[id as FormatId] : undefined;
}

export {
  emptyReport,
  exportFileName,
  inputText,
  MapImportError,
  type Format,
  type FormatData,
  type ImportNote,
  type ImportReport,
  type ImportResult,
} from './Format.ts';
