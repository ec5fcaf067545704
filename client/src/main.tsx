import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles/app.css';
// Issue 9: service worker + "Update ready" + storage-full alert (client/src/pwa/).
import { registerPwa } from './pwa/register.ts';
import { PwaOverlay } from './pwa/PwaOverlay.tsx';

registerPwa();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    <PwaOverlay />
  </StrictMode>,
);

