import { linkFingerprint } from '../device/fingerprint.ts';

/**
 * A map's first-paint record: the picture of its page as it last opened on this device,
 * kept beside the device copy of the map so that re-opening it can show that picture at once,
 * before the copy (the whole Y.Doc, half a megabyte for 1,000 claims) is read and applied.
 *
 * The picture is the page's own markup, taken from the live page right after its canvas first
 * showed the cards, not a model of the cards drawn again: it looks exactly like the page that
 * replaces it, whatever the cards show (evidence, review badges, authors), with no second
 * rendering of a card to keep in step with the real one. It is only ever shown inert, under
 * the live page's control, and never read for data.
 *
 * A record is used only when everything it was taken under still holds: this map, this link,
 * this build of the app (its markup and styles) and this window size (where the cards sit).
 * Anything else is ignored, and replaced when the live page next opens.
 */
export interface FirstPaintRecord {
  /** The record's format (`FIRST_PAINT_VERSION`). */
  v: number;
  mapId: string;
  /** Which link opened it (`linkFor`): another link may offer other controls. */
  link: string;
  /** Which build of the app drew it (`buildFingerprint`): markup and styles change with it. */
  build: string;
  /** The window it was drawn in, CSS pixels: the cards sit where this size put them. */
  width: number;
  height: number;
  /** The page's markup (`.map-page`), dialogs left out. */
  html: string;
  savedAt: number;
}

/** Raised whenever the record's shape or meaning changes: older records are then ignored. */
export const FIRST_PAINT_VERSION = 1;

/**
 * The largest picture kept. A page shows a few dozen cards, a few kilobytes each; a larger
 * picture would cost more to parse than it saves, and is not stored.
 */
export const MAX_PICTURE_CHARS = 512 * 1024;

/** What a record must match to be shown. */
export interface FirstPaintContext {
  mapId: string;
  link: string;
  build: string;
  width: number;
  height: number;
}

/** The link a page was opened with, as a fingerprint: its token and grading panel. */
export function linkFor(token: string | undefined, grading?: string): string {
  return `${linkFingerprint(token)}/${grading ? linkFingerprint(grading) : ''}`;
}

/**
 * The record to store for a page drawn under `context`, or null when the picture is too
 * large to be worth keeping.
 */
export function makeFirstPaintRecord(
  context: FirstPaintContext,
  html: string,
  savedAt: number,
): FirstPaintRecord | null {
  if (html.length === 0 || html.length > MAX_PICTURE_CHARS) return null;
  return { v: FIRST_PAINT_VERSION, ...context, html, savedAt };
}

/**
 * The stored value as a record to show under `context`, or null when it is not one (absent,
 * another format, damaged) or was taken under something else (another map, link, build or
 * window size).
 */
export function firstPaintFor(
  stored: unknown,
  context: FirstPaintContext,
): FirstPaintRecord | null {
  if (!stored || typeof stored !== 'object') return null;
  const r = stored as Partial<Record<keyof FirstPaintRecord, unknown>>;
  if (r.v !== FIRST_PAINT_VERSION) return null;
  if (
    typeof r.html !== 'string' ||
    r.html.length === 0 ||
    r.html.length > MAX_PICTURE_CHARS ||
    typeof r.savedAt !== 'number'
  ) {
    return null;
  }
  const matches =
    r.mapId === context.mapId &&
    r.link === context.link &&
    r.build === context.build &&
    r.width === context.width &&
    r.height === context.height;
  if (!matches) return null;
  return { v: FIRST_PAINT_VERSION, ...context, html: r.html, savedAt: r.savedAt };
}
