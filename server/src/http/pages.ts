import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { MapMeta } from '../storage/Storage.ts';

/**
 * Serves the built client when `client/dist` exists (with index.html for client-side
 * routes); until then, a plain page listing the public maps so `pnpm start` shows something.
 */
export function pagesRouter(
  clientDist: string,
  publicMaps: () => Promise<MapMeta[]>,
): express.Router {
  const pages = express.Router();
  const index = join(clientDist, 'index.html');
  if (existsSync(index)) {
    pages.use(express.static(clientDist, { index: 'index.html' }));
    pages.get(/^\/(?!api\/|sync\/|metrics$|healthz$|readyz$).*/, (_req, res) =>
      res.sendFile(index),
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
