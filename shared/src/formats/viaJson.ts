import type * as Y from 'yjs';
import {
  inputText,
  MapImportError,
  type Format,
  type FormatData,
  type ImportNote,
} from './Format.ts';
import { exportMap } from './json/exportMap.ts';
import { importMap } from './json/importMap.ts';
import type { MapJson } from './json/MapJson.ts';

/**
 * What a converter from another format reports besides the map: the parts of the input that
 * have no home in a map (`leftOut`, with a line where the format has lines) and mappings a
 * reader may not expect (`notes`). Every converter's own report type fits this shape.
 */
export interface ConversionReport {
  readonly leftOut: readonly { what: string; why: string; line?: number }[];
  readonly notes: readonly string[];
}

/** A pure converter between another format's text and Warrant's JSON form. */
export interface JsonConverter {
  readonly id: string;
  readonly name: string;
  readonly mediaType: string;
  readonly extension: string;
  /** What the input must be, for errors: "an Argdown text". */
  readonly what: string;
  toMap?(text: string): { map: MapJson; report: ConversionReport };
  fromMap?(map: MapJson): string;
  /** Loads what `toMap` needs on first use (see `Format.prepare`). */
  prepare?(): Promise<void>;
  /** Errors a converter throws for input that is not its format at all. */
  readonly inputErrors: readonly (abstract new (...args: never[]) => Error)[];
}

/** The conversion report as the seam's import notes. */
export function notesOf(report: ConversionReport): ImportNote[] {
  return [
    ...report.leftOut.map((l): ImportNote => ({
      kind: 'dropped',
      at: l.line === undefined ? l.what : `line ${l.line}: ${l.what}`,
      message: l.why,
    })),
    ...report.notes.map((message): ImportNote => ({ kind: 'approximated', at: '', message })),
  ];
}

/**
 * A format built on the JSON form: export goes map → JSON → text, import text → JSON →
 * map, so every format gets the JSON import's validation and passage anchoring for free,
 * and a converter is a pure function a test can check alone.
 */
export function viaJson(converter: JsonConverter): Format {
  const { toMap, fromMap } = converter;
  return {
    id: converter.id,
    name: converter.name,
    mediaType: converter.mediaType,
    extension: converter.extension,
    ...(converter.prepare ? { prepare: converter.prepare } : {}),
    ...(fromMap ? { export: (doc: Y.Doc) => fromMap(exportMap(doc)) } : {}),
    ...(toMap
      ? {
          import(input: FormatData, doc?: Y.Doc) {
            const text = inputText(input, converter.what);
            let converted: ReturnType<typeof toMap>;
            try {
              converted = toMap(text);
            } catch (error) {
              if (converter.inputErrors.some((kind) => error instanceof kind)) {
                const { message } = error as Error;
                throw new MapImportError([message], converter.what, message);
              }
              throw error;
            }
            const result = importMap(converted.map, doc);
            result.report.notes.push(...notesOf(converted.report));
            return result;
          },
        }
      : {}),
  };
}
