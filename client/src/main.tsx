import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { afterNextPaint, paintFromDevice } from './offline/firstPaint.ts';
import { parseRoute } from './pages/route.ts';
import { registerServiceWorker } from './offline/registerServiceWorker.ts';

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
// A map opened before on this device shows its picture at once, while the map itself loads;
// React's first render (one task) then waits for that frame, rather than delaying it.
const route = parseRoute(window.location);
if (route.page === 'map' && paintFromDevice(route)) afterNextPaint(start);
else start();
// After the app: the worker precaches it in the background, once the page has loaded.
registerServiceWorker();
