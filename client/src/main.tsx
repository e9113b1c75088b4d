import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { registerServiceWorker } from './offline/registerServiceWorker.ts';

// For `bench/openProfile.ts`: the app's own modules have been fetched and evaluated.
performance.mark('warrant:main');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// After the app: the worker precaches it in the background, once the page has loaded.
registerServiceWorker();
