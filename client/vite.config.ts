import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm dev` finds the relay; the relay itself serves `dist/` in production. */
const relay = process.env.WARRANT_RELAY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
