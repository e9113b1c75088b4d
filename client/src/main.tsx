import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { pictureShown } from './offline/firstPaint.ts';
import { afterNextPaint } from './state/afterNextPaint.ts';
import { registerServiceWorker } from './offline/registerServiceWorker.ts';
import { whenIdle } from './state/whenIdle.ts';

/** How long after the page's load event the service worker is registered. */
const SERVICE_WORKER_DELAY_MS = 3_000;

// For `bench/openProfile.ts`: the app's own modules have been fetched and evaluated.
performance.mark('warrant:main');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
const start = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// While the device's picture of the map (painted by `boot.ts`) waits for its first frame,
// React's first render (one task) waits for that frame, rather than delaying it.
if (pictureShown()) afterNextPaint(start);
else start();
// After the app, and not while a map opens: installing the worker fetches and caches the
// whole app (megabytes), which on a small machine competes with the map's first cards and
// first keystroke. A few seconds after the page has loaded, at an idle moment.
const registerLater = () =>
  setTimeout(() => whenIdle(registerServiceWorker, 5_000), SERVICE_WORKER_DELAY_MS);
if (document.readyState === 'complete') registerLater();
else window.addEventListener('load', registerLater, { once: true });
