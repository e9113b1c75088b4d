import { detectFormat, type FormatId } from '@warrant/shared';

/**
 * What the import dialog offers and sends. The relay reads the file (the parsers are
 * heavy and live there); this only names the formats and decides what `?format=` to send.
 */

/** Formats the relay imports (`IMPORT_FORMAT_IDS`; importFormats.test.ts keeps them equal). */
export const IMPORT_CHOICES = [
  { id: 'json', label: 'Warrant JSON' },
  { id: 'argdown', label: 'Argdown' },
  { id: 'aif', label: 'AIF / OVA' },
  { id: 'kialo', label: 'Kialo discussion (.txt)' },
] as const satisfies readonly { id: FormatId; label: string }[];

export type ImportFormatId = (typeof IMPORT_CHOICES)[number]['id'];

/** The select's value: one of the formats, or "tell it from the content". */
export type ImportChoice = ImportFormatId | 'detect';

export function isImportChoice(value: string): value is ImportChoice {
  return value === 'detect' || IMPORT_CHOICES.some((c) => c.id === value);
}

export function formatLabel(id: string): string {
  return IMPORT_CHOICES.find((c) => c.id === id)?.label ?? id;
}

/**
 * Largest file imported: 10 MB, the relay's limit for formats other than Warrant JSON
 * (server/src/protocol/constants.ts `maxImportBytes`), checked here first so a person is
 * told before waiting for an upload the relay would refuse.
 */
export const MAX_IMPORT_BYTES = 10 * 1000 * 1000;

/** From this size on, reading and uploading show a progress bar. */
export const PROGRESS_FROM_BYTES = 256 * 1024;

/**
 * The `?format=` to send: the person's choice; else, when the content alone does not tell
 * but the file's name does (an `.argdown` file of plain statements), the name's format,
 * because the relay detects from the content and never sees the name; else none.
 */
export function formatToSend(
  choice: ImportChoice,
  text: string,
  fileName?: string,
): ImportFormatId | undefined {
  if (choice !== 'detect') return choice;
  if (!fileName || detectFormat(text)) return undefined;
  const byName = detectFormat(text, fileName);
  return IMPORT_CHOICES.find((c) => c.id === byName)?.id;
}

/** Why a text of `bytes` bytes is not sent, or null when it may be. */
export function tooLarge(bytes: number, what: string): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  return `${what} is ${megabytes(bytes)}; Warrant imports maps of up to ${megabytes(MAX_IMPORT_BYTES)}. Nothing was imported. Split the map into smaller files and import each.`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
}
