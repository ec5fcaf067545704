import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';

const API_TARGET = process.env.PRINTFLOOR_API ?? 'http://localhost:8080';

/**
 * A label for this build, shown in Settings → Storage and app ("App version") so a lead can tell
 * whether a tablet took an update. CI or a release script may pin it; otherwise the build time.
 */
const BUILD_ID = process.env.PRINTFLOOR_BUILD_ID ?? new Date().toISOString().slice(0, 16).replace('T', ' ');

/**
 * What the install dialog and the launcher need (Chromium's installability checks: name or
 * short_name, start_url, display standalone, a 192 and a 512 px icon, a service worker with a fetch
 * handler, served from a secure context — https, or http://localhost).
 */
const manifest: Partial<ManifestOptions> = {
  // A stable id: the installed app stays the same app if start_url ever changes.
  id: '/',
  name: 'Printfloor',
  short_name: 'Printfloor',
  description: 'Shop-floor app for 3D-print farms: work orders, step tracking and spools, offline first.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  theme_color: '#111827',
  background_color: '#eef0f3',
  categories: ['business', 'productivity'],
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    // Full-bleed artwork with the logo inside the safe zone, for Android's adaptive icon masks.
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  // The richer install dialog (Chromium on Android and desktop) shows these; sizes are the files' own.
  screenshots: [
    {
      src: '/screenshots/work-orders-wide.png',
      sizes: '1280x800',
      type: 'image/png',
      form_factor: 'wide',
      label: 'Work orders by priority and due date on a landscape tablet',
    },
    {
      src: '/screenshots/work-orders-narrow.png',
      sizes: '800x1280',
      type: 'image/png',
      form_factor: 'narrow',
      label: 'Work orders on a portrait tablet',
    },
    {
      src: '/screenshots/spool-offline-narrow.png',
      sizes: '800x1280',
      type: 'image/png',
      form_factor: 'narrow',
      label: 'A spool with its ledger, edited offline: the edits wait and sync later',
    },
  ],
};

export default defineConfig({
  // Icons and favicons live at the repository root (DESIGN.md layout: public/).
  publicDir: '../public',
  define: {
    'import.meta.env.VITE_PRINTFLOOR_BUILD': JSON.stringify(BUILD_ID),
  },
  plugins: [
    react(),
    VitePWA({
      // generateSW: Workbox writes the whole worker from the rules below; there is no custom
      // service-worker code to maintain, because the worker needs nothing beyond precache +
      // navigation fallback (sync lives in the page, where RxDB is).
      strategies: 'generateSW',
      // A new worker waits (no skipWaiting) until the page says so: client/src/pwa/ shows
      // "Update ready" and applies it on a tap or when the tablet is idle, never mid-action.
      registerType: 'prompt',
      // client/src/pwa/register.ts registers the worker (virtual:pwa-register), not an injected script.
      injectRegister: false,
      // (favicon.svg and apple-touch-icon.png are precached by the glob below: no includeAssets,
      // which would list them twice.)
      manifest,
      workbox: {
        // PRECACHE the app shell and every built asset (JS chunks incl. the lazy ones, CSS, the
        // HTML, icons, the manifest): the app must open and run with no network at all.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // …but not the install-dialog screenshots (≈0.5 MB only the install prompt ever shows)
        // nor source maps (not matched above anyway).
        globIgnores: ['screenshots/**', '**/*.map'],
        // Vite's hashed files never change under the same name: no extra revision query needed.
        dontCacheBustURLsMatching: /^assets\//,
        // NAVIGATION FALLBACK: every navigation — deep links from QR labels (/q/spool/SP-0001),
        // /work-orders/…, /enrol — is answered with the precached SPA shell, online or offline.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [
          // The API is never answered by the worker (a navigation to it reaches the server).
          /^\/api(\/|$)/,
          // The HTTPS setup page and the CA download are server pages, not the SPA
          // (server/src/tls/): a tablet that has the app installed must still reach them.
          /^\/setup(\/|$)/,
        ],
        // NO RUNTIME CACHING: no route is registered for anything else, so /api requests (pull,
        // push, the SSE stream) always go straight to the network and nothing from /api is ever
        // stored by the worker. Data offline lives in RxDB/IndexedDB, not in HTTP caches.
        runtimeCaching: [],
        // Deletes precaches of older Workbox versions after an update (ours are versioned per file).
        cleanupOutdatedCaches: true,
        // Take control of open pages on activation. First install: the lazy chunks (scanner,
        // labels) then load from the precache if the Wi-Fi drops before any reload. After an
        // applied update: every open tab is claimed and reloads onto the new version together
        // (an old tab must not run old code on a migrated database). Updates themselves still
        // wait for the prompt: skipWaiting stays off.
        clientsClaim: true,
        skipWaiting: false,
        // The main chunk is ~0.7 MB; raise the 2 MiB default a little so growth fails loudly later.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  server: {
    proxy: { '/api': { target: API_TARGET, changeOrigin: false, ws: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
