import { afterNextPaint } from '../state/afterNextPaint.ts';
import { whenSettled } from '../state/whenSettled.ts';
import {
  firstPaintFor,
  linkFor,
  makeFirstPaintRecord,
  type FirstPaintContext,
} from './firstPaintRecord.ts';
import { readFirstPaint, writeFirstPaint } from './firstPaintStore.ts';

/**
 * Re-opening a map paints its page at once from a picture kept on this device
 * (`FirstPaintRecord`), before the device copy of the map is read: applying a large Y.Doc
 * takes longer than a person should wait to see the map they were just looking at.
 *
 * - `paintFromDevice`, as the app starts, before React renders: one synchronous read; if the
 *   record matches this map, link, build and window, the picture goes on top of the page,
 *   drawn in the first frame after the app's code is evaluated.
 * - `openingMap`, while the map page is open: which map, through which link.
 * - `livePainted`, when the live canvas first shows the map: once its cards are in the
 *   page, the picture goes (in the same frame: no flash, and the cards are where the
 *   picture had them) and the live page is taken as the next picture, stored when idle.
 * - `dismissFirstPaint`, when the live page will not show the map (an error).
 *
 * The picture is inert and hidden from assistive technology, and lets the pointer through:
 * nothing can be clicked, focused or typed into on it. Whatever a person does while it shows
 * goes to the live page beneath ("Opening the map…", then the map itself), that is to the
 * live doc. The picture is the app's own markup as React rendered it (text is always escaped:
 * the client renders no raw HTML), kept in this origin's own storage.
 */

/** The live page replaces the picture within this long, or the picture goes anyway. */
const SHOW_AT_MOST_MS = 10_000;
/** Frames to wait for the live canvas's cards before taking the picture without them. */
const MAX_FRAMES = 60;
const PICTURE = 'first-paint';

/** A map as a page opens it: the map, and the link's token and grading panel. */
export interface MapPlace {
  mapId: string;
  token?: string | undefined;
  grading?: string | undefined;
}

/** The map page open now (`openingMap`), and whether its picture has been taken yet. */
let opening: { place: MapPlace; taken: boolean } | null = null;

/** Which build drew the page: the (hashed) addresses of its scripts and stylesheets. */
function buildFingerprint(): string {
  const assets = document.querySelectorAll('script[src], link[rel="stylesheet"]');
  return [...assets].map((a) => a.getAttribute('src') ?? a.getAttribute('href')).join(' ');
}

function contextFor(place: MapPlace): FirstPaintContext {
  return {
    mapId: place.mapId,
    link: linkFor(place.token, place.grading),
    build: buildFingerprint(),
    width: window.innerWidth,
    height: window.innerHeight,
  };
}

/** Whether `paintFromDevice` put a picture on the page (the entry module calls it). */
let shown = false;
/** Whether `paintFromDevice` ran (it is called by the first script and again by the entry). */
let tried = false;
export function pictureShown(): boolean {
  return shown;
}

/**
 * Shows this URL's picture, if this device keeps one that matches; returns whether it did.
 * Call early; calls after the first do nothing.
 */
export function paintFromDevice(place: MapPlace): boolean {
  if (tried) return shown;
  tried = true;
  const context = contextFor(place);
  const record = firstPaintFor(readFirstPaint(context.mapId), context);
  if (!record) return false;
  shown = true;
  const el = document.createElement('div');
  el.className = PICTURE;
  el.inert = true;
  el.setAttribute('aria-hidden', 'true');
  // In a closed shadow root: nothing that looks for the page's elements (the app's own
  // queries, a test's selectors) finds the picture's copies of them, only the live ones.
  const inside = el.attachShadow({ mode: 'closed' });
  inside.adoptedStyleSheets = [pageStyles(), untouchable()];
  inside.innerHTML = record.html;
  document.body.append(el);
  // What the picture shows, for tests and `bench/openProfile.ts`: its cards' names.
  const cards = [...inside.querySelectorAll('[aria-roledescription="claim"]')].map(
    (card) => card.getAttribute('aria-label') ?? '',
  );
  performance.mark('warrant:picture', { detail: { cards } });
  // For `bench/openProfile.ts`: the frame with the picture has been drawn.
  afterNextPaint(() => performance.mark('warrant:picture-drawn'));
  setTimeout(() => el.remove(), SHOW_AT_MOST_MS);
  return true;
}

/**
 * The page's stylesheets as one sheet a shadow root can adopt (a document's own sheets cannot
 * be). The document's rules on `:root` and `body` reach the picture by inheritance.
 */
function pageStyles(): CSSStyleSheet {
  const rules: string[] = [];
  for (const sheet of document.styleSheets) {
    try {
      for (const rule of sheet.cssRules) rules.push(rule.cssText);
    } catch {
      // A stylesheet from another origin cannot be read; the app has none.
    }
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  return sheet;
}

/** Nothing in the picture takes the pointer (React Flow's cards ask for it explicitly). */
function untouchable(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('* { pointer-events: none !important; }');
  return sheet;
}

function removePicture(): void {
  document.querySelector(`body > .${PICTURE}`)?.remove();
}

/** The map page will not show this map (an error): take the picture away now. */
export function dismissFirstPaint(): void {
  removePicture();
}

/**
 * The map page shows this map until the returned function is called (it is leaving); its
 * live canvas is taken as the map's next picture when it first shows the map.
 */
export function openingMap(place: MapPlace): () => void {
  const mine = { place, taken: false };
  opening = mine;
  return () => {
    removePicture();
    if (opening === mine) opening = null;
  };
}

/**
 * The live canvas has shown the map: once its cards are in the page, replace the picture by
 * it, and keep the page as it is now as the map's next picture.
 */
export function livePainted(): void {
  const mine = opening;
  let frames = 0;
  const check = () => {
    const cards = document.querySelector('#root .react-flow__node');
    if (!cards && ++frames < MAX_FRAMES) {
      requestAnimationFrame(check);
      return;
    }
    // Copied before the picture goes, in the frame the live cards are first drawn; made into
    // markup and stored later, when the page is idle.
    const started = performance.now();
    const copy = mine && !mine.taken && opening === mine ? copyPage() : null;
    removePicture();
    if (!mine || !copy) return;
    performance.measure('warrant:picture-taken', { start: started });
    mine.taken = true;
    // The window as the copy was taken: the drawings' encoding is asynchronous, and a window
    // resized meanwhile would file this picture under the new size.
    const context = contextFor(mine.place);
    void copy.then((html) => {
      const record = makeFirstPaintRecord(context, html, Date.now());
      // Stored once the opening map has settled: serialising and storing 15-60 KB is not to
      // land between the first click and its result.
      if (record) whenSettled(() => writeFirstPaint(record));
    });
  };
  requestAnimationFrame(check);
}

/**
 * A copy of the live map page as it opened, without what belongs to this visit only; its
 * markup once its drawings (encoded off the main thread) are in it.
 */
function copyPage(): Promise<string> | null {
  const page = document.querySelector<HTMLElement>('#root .map-page');
  if (!page || page.hidden) return null;
  const copy = page.cloneNode(true) as HTMLElement;
  // A field's text is a property, not markup: write it into the copy.
  const fields = page.querySelectorAll('input');
  copy.querySelectorAll('input').forEach((field, i) => {
    const value = fields[i]?.value;
    if (value !== undefined) field.setAttribute('value', value);
  });
  // A canvas's drawing (the overview) is not markup either: keep it as an image.
  const drawings = page.querySelectorAll('canvas');
  const images = [...copy.querySelectorAll('canvas')].map((canvas, i) => {
    const drawn = drawings[i];
    const image = document.createElement('img');
    image.className = canvas.className;
    image.setAttribute('style', canvas.getAttribute('style') ?? '');
    image.width = drawn?.clientWidth ?? canvas.width;
    image.height = drawn?.clientHeight ?? canvas.height;
    image.alt = '';
    canvas.replaceWith(image);
    return drawn ? drawingOf(drawn).then((src) => src && (image.src = src)) : null;
  });
  // Dialogs and menus open now are this visit's, not how the map opens.
  for (const el of copy.querySelectorAll('[role="dialog"], dialog, [role="menu"]')) el.remove();
  return Promise.all(images).then(() => copy.outerHTML);
}

/** A canvas's drawing as a data URL; null if it cannot be read (it stays blank). */
function drawingOf(canvas: HTMLCanvasElement): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      canvas.toBlob((blob) => {
        if (!blob) return resolve(null);
        const reader = new FileReader();
        reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
        reader.onerror = () => resolve(null);
        reader.readAsDataURL(blob);
      });
    } catch {
      resolve(null);
    }
  });
}
