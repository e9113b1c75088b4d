import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import express from 'express';
import type { MapMeta } from '../storage/Storage.ts';

/** Vite's output folder whose file names carry a hash of their content. */
const HASHED = 'assets';

/**
 * How long a browser may keep a file of the built client. Files under `assets/` are named by
 * their content, so they never change: a year, immutable. Everything else keeps its name
 * across releases and must be asked for again each time (`no-cache`: revalidate, then use):
 * `index.html`, the service worker `sw.js` (a stale one would keep an old app on every device
 * for up to a day), its Workbox runtime, `manifest.webmanifest` and the icon.
 */
export function cacheControlFor(clientDist: string, file: string): string {
  const [top] = relative(clientDist, file).split(sep);
  return top === HASHED ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built client when `client/dist` exists (with index.html for client-side
 * routes); until then, a plain page listing the public maps so `pnpm start` shows something.
 * The service worker the build includes answers navigations itself once installed; it
 * leaves `/api`, `/sync`, `/healthz`, `/readyz` and `/metrics` to the relay (its denylist
 * in `client/vite.config.ts`, the same paths this router's fallback leaves alone).
 */
export function pagesRouter(
  clientDist: string,
  publicMaps: () => Promise<MapMeta[]>,
): express.Router {
  const pages = express.Router();
  const index = join(clientDist, 'index.html');
  if (existsSync(index)) {
    pages.use(
      express.static(clientDist, {
        index: 'index.html',
        cacheControl: false,
        setHeaders: (res, file) =>
          res.setHeader('Cache-Control', cacheControlFor(clientDist, file)),
      }),
    );
    // Client routes get the app; a missing file (a chunk of another release, asked of a relay
    // not yet upgraded) is a 404, never index.html, which a service worker would keep as it.
    pages.get(
      /^\/(?!api\/|sync\/|assets\/|metrics$|healthz$|readyz$)(?!.*\.[A-Za-z0-9]+$).*/,
      (_req, res) =>
        res.sendFile(index, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }),
    );
    return pages;
  }
  pages.get('/', async (_req, res) => {
    const maps = await publicMaps();
    const items = maps
      .map(
        (m) =>
          `<li><a href="/api/maps/${m.id}">${escapeHtml(m.title)}</a> ` +
          `(<a href="/api/maps/${m.id}/export">export</a>)</li>`,
      )
      .join('\n');
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Warrant</title></head>
<body><h1>Warrant</h1>
<p>The editor is not built yet. Maps on this relay:</p>
<ul>
${items}
</ul></body></html>`);
  });
  return pages;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
