import type * as Y from 'yjs';

/**
 * One file format a map can be written to and read from (Warrant JSON now; Argdown, AIF,
 * Kialo and Markdown next), each one file in `formats/` behind this interface, registered in
 * `formats/index.ts`. Formats are pure and stateless: the relay's API, the command line and
 * the client all call the same object, and a round trip is a test of the format alone.
 *
 * A format is a plain object, not a class: it holds no state, and its id is what callers name
 * it by (`?format=json`), so the registry is a map from id to object.
 */
export interface Format {
  /** Lower-case, stable, URL-safe: the `?format=` value and the registry key. */
  readonly id: string;
  /** What a person calls it, for menus and messages: "Warrant JSON", "Argdown". */
  readonly name: string;
  /** The media type of what `export` returns, as sent in `Content-Type`. */
  readonly mediaType: string;
  /** The file name extension, without the dot: `json`, `argdown`. */
  readonly extension: string;
  /**
   * The map as text (or bytes, for a binary format); absent for a format that is read only
   * (a Kialo discussion holds one thesis, a map many). Deterministic: the same map always
   * exports the same output, so exports can be compared and diffed.
   */
  export?(doc: Y.Doc): FormatData;
  /**
   * Builds a map from `input` into `doc` (a fresh Y.Doc if none is given) in one transaction,
   * reporting what the map could not hold exactly. Input that is not this format at all
   * throws `MapImportError` before anything is written. Absent for a format that is written
   * only (a Markdown outline keeps too little to rebuild a map from).
   */
  import?(input: FormatData, doc?: Y.Doc): ImportResult;
  /**
   * Loads what `import` needs and is too heavy to load with the module (Argdown's reference
   * parser); callers await it before the first import. Absent when there is nothing to load.
   */
  prepare?(): Promise<void>;
}

/** Text, or bytes for a format that is not text; text formats accept both (UTF-8). */
export type FormatData = string | Uint8Array;

export interface ImportResult {
  doc: Y.Doc;
  report: ImportReport;
}

/**
 * What an import could not carry over exactly. A clean import has every list empty. Lists
 * name ids in the new map, so a view can point at each one.
 */
export interface ImportReport {
  /** Passages whose quote was not found in their source: kept, but orphaned. */
  orphanedPassages: string[];
  /**
   * Passages found only by fuzzy matching (see `locateQuote`): anchored where their context
   * points, on words that differ slightly from their quote. Exact and loose matches (the
   * same words up to whitespace and typographic variants) are not listed.
   */
  fuzzyPassages: string[];
  /**
   * What the input held that the map has no place for (`dropped`) or holds only roughly
   * (`approximated`), one note each. Always empty for Warrant JSON, which holds exactly what
   * a map holds; other formats (an Argdown inference rule, an AIF scheme) fill it.
   */
  notes: ImportNote[];
}

export interface ImportNote {
  readonly kind: 'dropped' | 'approximated';
  /** Where in the input, in the format's own terms: `line 12`, `nodes.4`, a node id. */
  readonly at: string;
  /** What happened to it, for a person: `the rule "modus ponens" has no place in a map`. */
  readonly message: string;
}

/** A report with nothing in it, for an import to fill. */
export function emptyReport(): ImportReport {
  return { orphanedPassages: [], fuzzyPassages: [], notes: [] };
}

/** Input that cannot be imported; `issues` says where and why, one line each. */
export class MapImportError extends Error {
  override readonly name = 'MapImportError';
  /**
   * @param issues one line per problem, such as `relations.0.premises.0: unknown claim "x"`.
   * @param what what the input failed to be, for the message: "a valid Warrant map".
   * @param message a whole message instead, when a format's parser words it already.
   */
  constructor(
    readonly issues: string[],
    what = 'a valid Warrant map',
    message?: string,
  ) {
    super(
      message ??
        `This is not ${what}: ${issues.slice(0, 3).join('; ')}` +
          (issues.length > 3 ? ` (and ${issues.length - 3} more problems)` : ''),
    );
  }
}

/** Text input as a string: bytes are read as UTF-8, and bytes that are not UTF-8 are refused. */
export function inputText(input: FormatData, what: string): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    throw new MapImportError(['(file): not UTF-8 text'], what);
  }
}

/**
 * The file name an export is offered under: the map's title made safe for every file
 * system (no path separators, reserved or control characters; at most 100 characters),
 * or `map` when nothing is left, plus the format's extension.
 */
export function exportFileName(title: string, format: Pick<Format, 'extension'>): string {
  const base =
    title
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+|\.+$/g, '')
      .slice(0, 100)
      .trim() || 'map';
  return `${base}.${format.extension}`;
}
