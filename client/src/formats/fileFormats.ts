import {
  exportMap,
  mapToAif,
  mapToArgdown,
  mapToMarkdown,
  type FormatId,
  type MapJson,
} from '@warrant/shared';

/**
 * The file formats the "Export…" menu offers, as the browser writes them when the relay
 * cannot be asked (offline). Names, media types and extensions are the shared registry's
 * (`formats` in shared/src/formats/index.ts; `fileFormats.test.ts` keeps them equal), but the
 * registry itself is not imported here: its objects hold the importers too, and the Argdown
 * importer would bring @argdown/core's parser into the client bundle. The exporters alone
 * are small and pure.
 */
export interface FileFormat {
  readonly id: FormatId;
  /** The menu item's words. */
  readonly name: string;
  readonly mediaType: string;
  readonly extension: string;
  /** The map (its JSON form) as this format's text, exactly as the relay writes it. */
  readonly write: (map: MapJson) => string;
}

export const FILE_FORMATS: readonly FileFormat[] = [
  {
    id: 'json',
    name: 'Warrant JSON',
    mediaType: 'application/json',
    extension: 'json',
    write: (map) => JSON.stringify(map),
  },
  {
    id: 'argdown',
    name: 'Argdown',
    mediaType: 'text/plain',
    extension: 'argdown',
    write: mapToArgdown,
  },
  {
    id: 'aif',
    name: 'AIF (AIFdb, OVA)',
    mediaType: 'application/json',
    extension: 'aif.json',
    write: mapToAif,
  },
  {
    id: 'md',
    name: 'Markdown outline',
    mediaType: 'text/markdown',
    extension: 'md',
    write: mapToMarkdown,
  },
];

/** The map in `doc` as one format's text, written here in the browser. */
export function writeLocally(format: FileFormat, doc: Parameters<typeof exportMap>[0]): string {
  return format.write(exportMap(doc));
}
