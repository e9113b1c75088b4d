import { aifToMap } from './aif/aifToMap.ts';
import { FormatError } from './aif/FormatReport.ts';
import { mapToAif } from './aif/mapToAif.ts';
import { mapToArgdown } from './argdown/exportArgdown.ts';
import { argdownToMap } from './argdown/importArgdown.ts';
import { ArgdownSyntaxError, loadArgdownParser } from './argdown/parseArgdown.ts';
import type { Format } from './Format.ts';
import { jsonFormat } from './json/jsonFormat.ts';
import { MAP_JSON_FORMAT } from './json/MapJson.ts';
import { kialoToMap } from './kialo/kialoToMap.ts';
import { mapToMarkdown } from './markdown/exportMarkdown.ts';
import { viaJson } from './viaJson.ts';

/**
 * Every format this build reads or writes, by id. A new format is one folder beside `json/`
 * and one entry here; the relay's `?format=`, the command line and the client's menus list
 * what is here. Every format but JSON goes through the JSON form (`viaJson`).
 */
export const formats = {
  json: jsonFormat,
  argdown: viaJson({
    id: 'argdown',
    name: 'Argdown',
    mediaType: 'text/plain',
    extension: 'argdown',
    what: 'an Argdown text',
    toMap: (text) => argdownToMap(text),
    fromMap: mapToArgdown,
    prepare: loadArgdownParser,
    inputErrors: [ArgdownSyntaxError],
  }),
  aif: viaJson({
    id: 'aif',
    name: 'AIF (AIFdb, OVA)',
    mediaType: 'application/json',
    extension: 'aif.json',
    what: 'an AIF or OVA analysis',
    toMap: (text) => aifToMap(text),
    fromMap: mapToAif,
    inputErrors: [FormatError],
  }),
  kialo: viaJson({
    id: 'kialo',
    name: 'Kialo discussion',
    mediaType: 'text/plain',
    extension: 'txt',
    what: 'a Kialo discussion export',
    toMap: (text) => kialoToMap(text),
    inputErrors: [FormatError],
  }),
  md: viaJson({
    id: 'md',
    name: 'Markdown outline',
    mediaType: 'text/markdown',
    extension: 'md',
    what: 'a Markdown outline',
    fromMap: mapToMarkdown,
    inputErrors: [],
  }),
} as const satisfies Record<string, Format>;

export type FormatId = keyof typeof formats;

/** The ids of every registered format, in registry order: for messages and menus. */
export const FORMAT_IDS = Object.keys(formats) as FormatId[];

/** Formats a map can be written to, and formats a map can be read from. */
export const EXPORT_FORMAT_IDS = FORMAT_IDS.filter((id) => !!formats[id].export);
export const IMPORT_FORMAT_IDS = FORMAT_IDS.filter((id) => !!formats[id].import);

/** The format exports and imports use when none is named: Warrant's own JSON. */
export const DEFAULT_FORMAT: FormatId = 'json';

/**
 * The format registered under `id`, or undefined. Only the registry's own keys count, so a
 * caller's `?format=toString` or `?format=__proto__` finds nothing.
 */
export function formatById(id: string): Format | undefined {
  return Object.hasOwn(formats, id) ? formats[id as FormatId] : undefined;
}

/**
 * The format a file is in, from what it holds first and its name second, or undefined when
 * neither tells: Warrant JSON names itself, AIF is JSON with `nodes` and `edges` (or OVA3's
 * `AIF` wrapper), a Kialo export starts with "Discussion Title:", and Argdown is told by its
 * extension or, failing that, by its statement and relation syntax.
 */
export function detectFormat(text: string, fileName = ''): FormatId | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  const name = fileName.toLowerCase();
  if (head.startsWith('{')) {
    if (head.slice(0, 2000).includes(`"${MAP_JSON_FORMAT}"`)) return 'json';
    try {
      const parsed: unknown = JSON.parse(head);
      if (parsed && typeof parsed === 'object') {
        if ('format' in parsed && parsed.format === MAP_JSON_FORMAT) return 'json';
        if (('nodes' in parsed && 'edges' in parsed) || 'AIF' in parsed) return 'aif';
      }
    } catch {
      // Not JSON after all: fall through to the other formats.
    }
    if (name.endsWith('.json')) return 'json';
  }
  if (/^Discussion Title:/.test(head)) return 'kialo';
  if (name.endsWith('.argdown') || name.endsWith('.ad')) return 'argdown';
  // A statement or argument definition, or a relation line under one.
  if (
    /^\s*(\[[^\]\n]+\]:|<[^>\n]+>:|\(\d+\)\s)/m.test(head) ||
    /^\s*(<[+_-]|[+_-]>)\s+[[<]/m.test(head)
  ) {
    return 'argdown';
  }
  return undefined;
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
export { mapToMarkdown } from './markdown/exportMarkdown.ts';
