import { MAP_JSON_FORMAT, MAP_JSON_VERSION, type MapJson } from '../json/MapJson.ts';

/**
 * What an importer made of a file in another format, for the person who imported it.
 * Defined here until the formats seam (`shared/src/formats/`) owns one report type for all
 * formats; the Kialo importer uses this one too.
 */
export interface FormatReport {
  /** Claims in the resulting map. */
  claims: number;
  /** Relations in the resulting map (a linked reason with three premises counts once). */
  relations: number;
  /** Passages in the resulting map. */
  passages: number;
  /** Parts of the file that have no place in the map, each with the reason. */
  leftOut: { what: string; why: string }[];
  /** Everything else worth knowing: how something was read, what was assumed. */
  notes: string[];
}

/** An input that is not a file of the format at all: nothing was imported. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

/** A fresh map in its JSON form, to be filled by an importer. */
export function emptyMap(title: string, createdAt: string): MapJson {
  return {
    format: MAP_JSON_FORMAT,
    version: MAP_JSON_VERSION,
    title,
    createdAt,
    claims: [],
    relations: [],
    sources: [],
    passages: [],
    evidence: [],
  };
}

/** Counts for a finished map. */
export function reportFor(
  map: MapJson,
  leftOut: FormatReport['leftOut'],
  notes: string[],
): FormatReport {
  return {
    claims: map.claims.length,
    relations: map.relations.length,
    passages: map.passages.length,
    leftOut,
    notes,
  };
}

/** The longest title a map may have (`mapJsonSchema`); a source's may be 500. */
const MAX_TITLE = 200;

/** A usable title from any text: one line, trimmed, shortened with an ellipsis. */
export function titleFrom(text: string, fallback: string, max = MAX_TITLE): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return fallback;
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Mints Warrant ids (letters, digits, "-" and "_", at most 64) from a foreign format's ids,
 * which may hold any characters: each distinct foreign id gets one stable id, readable when
 * it can be, and never one already given out.
 */
export class IdMinter {
  private readonly used = new Set<string>();

  mint(prefix: string, foreign: string): string {
    const base = `${prefix}${foreign.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 56);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
