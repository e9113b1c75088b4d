import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/** Where `pnpm dev` finds the relay; the relay itself serves `dist/` in production. */
const relay = process.env.WARRANT_RELAY ?? 'http://127.0.0.1:8080';

/**
 * Paths the service worker never answers for a navigation: the relay's own, which must reach
 * it (the API, the sync sockets, health and metrics). WebSockets never pass through a service
 * worker, and the worker has no route for any other request to them, so they go to the network.
 */
const relayOnly = [/^\/api\//, /^\/sync(\/|$)/, /^\/healthz$/, /^\/readyz$/, /^\/metrics$/];

/**
 * The entry (`src/boot.ts`) opens a map's socket and then imports the app (`src/main.tsx`).
 * Vite preloads only the entry's static imports from index.html; this adds the app's chunk
 * and the chunks it imports, so the browser fetches them alongside the entry rather than
 * after it has run.
 */
function preloadApp(app = 'src/main.tsx'): Plugin {
  return {
    name: 'warrant:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return [];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const main = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(app)));
        if (!main) throw new Error(`preloadApp: no chunk for ${app}`);
        // A chunk and every chunk it imports, directly or not.
        const closure = (fileName: string, into = new Set<string>()) => {
          if (into.has(fileName)) return into;
          into.add(fileName);
          for (const dep of chunks.find((c) => c.fileName === fileName)?.imports ?? [])
            closure(dep, into);
          return into;
        };
        // Vite preloads the entry's own imports already.
        const known = closure(entry.fileName);
        const wanted = [...closure(main.fileName)].filter((fileName) => !known.has(fileName));
        return wanted.map((fileName) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * A map's picture (`src/paint.ts`) is built as an entry of its own and its script goes
 * first in index.html: it runs as soon as its few small modules are fetched, before the
 * entry's chunks are evaluated, rather than after them.
 */
function paintFirst(script = 'src/paint.ts'): Plugin {
  return {
    name: 'warrant:paint-first',
    apply: 'build',
    config: () => ({
      build: {
        rollupOptions: {
          input: { index: resolve(root, 'index.html'), paint: resolve(root, script) },
        },
      },
    }),
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const paint = Object.values(bundle).find(
          (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith(script),
        );
        if (!paint) throw new Error(`paintFirst: no chunk for ${script}`);
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, src: `/${paint.fileName}` },
            injectTo: 'head-prepend' as const,
          },
        ];
      },
    },
  };
}

/**
 * The page's critical path in as few files as it can be: the picture's script (`paint.ts`
 * and what it imports), the entry (`boot.ts` with Yjs and the map's connection) and the app
 * (`main.tsx` with everything it imports statically: React, React Flow, the model, zod) each
 * one chunk. Left to itself the bundler splits every module shared with a lazy chunk or with
 * another entry into a chunk of its own: 17 scripts on the map's first load, which HTTP/1.1's
 * six connections per host fetch in three rounds, the app waiting for the last.
 * Lazy chunks (pages, panels, dialogs, the editor) import what they share from these.
 */
function criticalChunks(): Rolldown.CodeSplittingGroup[] {
  // Each group names one module; the bundler adds what it imports statically, as linked (the
  // modules of the shared model's barrel that nothing uses are not in it). Higher priority
  // first: a module the picture's script needs is in its chunk, whoever else needs it; then
  // the entry's; then the app's. (The bundler's own runtime helpers, 1 KB, stay a chunk of
  // their own: groups are not offered them.)
  const group = (name: string, file: string, priority: number): Rolldown.CodeSplittingGroup => {
    const id = resolve(root, 'src', file);
    return {
      name,
      priority,
      test: (module) => module === id,
      includeDependenciesRecursively: true,
    };
  };
  return [group('paint', 'paint.ts', 3), group('boot', 'boot.ts', 2), group('app', 'main.tsx', 1)];
}

export default defineConfig({
  plugins: [
    react(),
    preloadApp(),
    paintFirst(),
    // The service worker (Workbox) precaches the app shell and every chunk, the lazy ones
    // included, so a map already on this device reloads with the network gone. 'prompt': a
    // new version waits until the person chooses to reload (offline/serviceWorker.ts).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // icon.svg is precached by the glob below already.
      includeManifestIcons: false,
      manifest: {
        name: 'Warrant',
        short_name: 'Warrant',
        description: 'Map arguments together, in real time.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,woff,woff2,wasm}'],
        // pdf.js's worker and the editor's chunks are large; the app needs them all offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: relayOnly,
        cleanupOutdatedCaches: true,
        // The first install takes this tab over at once, so chunks it loads later (the editor,
        // the reader) come from the cache too. Updates still wait for "Reload" ('prompt').
        clientsClaim: true,
      },
    }),
  ],
  // The evaluation worker imports the shared model, which splits code (formats load lazily).
  worker: { format: 'es' },
  // One stylesheet, linked from index.html: the app's chunk loads after the entry, its styles not.
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    cssCodeSplit: false,
    rolldownOptions: { output: { codeSplitting: { groups: criticalChunks() } } },
  },
  server: {
    proxy: {
      '/api': { target: relay, changeOrigin: true },
      '/sync': { target: relay, ws: true, changeOrigin: true },
    },
  },
});
