import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { afterNextPaint, pictureShown } from './offline/firstPaint.ts';
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
// While the device's picture of the map (painted by `boot.ts`) waits for its first frame,
// React's first render (one task) waits for that frame, rather than delaying it.
if (pictureShown()) afterNextPaint(start);
else start();
// After the app: the worker precaches it in the background, once the page has loaded.
registerServiceWorker();
