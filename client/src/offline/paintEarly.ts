import { parseRoute } from '../pages/route.ts';
import { paintFromDevice } from './firstPaint.ts';

/**
 * The page's first script in a build (`paintFirst` in vite.config.ts): a map opened before on
 * this device shows its picture before the entry module's chunks (Yjs, zod, the model, the
 * session) are evaluated — a module's imports all run before it, so the entry itself cannot
 * paint first. Small: it imports only the route and the picture's own modules.
 */
try {
  const route = parseRoute(window.location);
  if (route.page === 'map') paintFromDevice(route);
} catch (error) {
  // Storage blocked, say: the live page opens as it would without a picture.
  console.warn('Could not paint the map from this device:', error);
}
