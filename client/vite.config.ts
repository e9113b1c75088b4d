import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Where `pnpm dev` finds the relay; the relay itself serves `dist/` in production. */
const relay = process.env.WARRANT_RELAY ?? 'http://127.0.0.1:8080';

/**
 * Paths the service worker never answers for a navigation: the relay's own, which must reach
 * it (the API, the sync sockets, health and metrics). WebSockets never pass through a service
 * worker, and the worker has no route for any other request to them, so they go to the network.
 */
const relayOnly = [/^\/api\//, /^\/sync(\/|$)/, /^\/healthz$/, /^\/readyz$/, /^\/metrics$/];

export default defineConfig({
  plugins: [
    react(),
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
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2048 },
  server: {
    proxy: {
      '/api': { target: relay, changeOrigin: true },
      '/sync': { target: relay, ws: true, changeOrigin: true },
    },
  },
});
