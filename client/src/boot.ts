import { storedName } from './device/identity.ts';
import { paintFromDevice } from './offline/firstPaint.ts';
import { parseRoute } from './pages/route.ts';
import { openEarly } from './session/earlySession.ts';
import './styles.css';

/**
 * The entry module: small, so that on a map's page the map's connection (the socket to the
 * relay and the device copy) opens before the UI's code — React, the canvas, the panels, the
 * model's records — has been fetched and evaluated. The relay's answer travels meanwhile; the
 * map page's session takes the connection over when it mounts. Then it loads the app
 * (`main.tsx`), which index.html already preloads (see `preloadApp` in vite.config.ts).
 */
// The entry's code runs (its imports — Yjs, the map's connection — have been evaluated).
performance.mark('warrant:entry');

function openMapEarly(): void {
  const route = parseRoute(window.location);
  if (route.page !== 'map') return;
  // A map opened before on this device shows its picture at once, while its code, its
  // device copy and the relay's answer arrive (already, in a build: see `paintFirst` in
  // vite.config.ts).
  paintFromDevice(route);
  // Without a name the page asks for one first, and opens the map after.
  if (storedName()) openEarly(route.mapId, route.token);
}

try {
  openMapEarly();
} catch (error) {
  // Storage blocked, say: the map page opens the session itself, as it would anyway.
  console.warn('Could not open the map early:', error);
}
void import('./main.tsx');
