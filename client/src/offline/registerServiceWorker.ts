import { registerSW } from 'virtual:pwa-register';
import { appUpdate } from './AppUpdate.ts';

/**
 * Registers the app's service worker (built by vite-plugin-pwa; a no-op under `vite dev`),
 * which precaches the app so a map on this device reloads offline.
 */
export function registerServiceWorker(): void {
  appUpdate.start(registerSW);
}
