import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const API_TARGET = process.env.PRINTFLOOR_API ?? 'http://localhost:8080';

export default defineConfig({
  // Icons and favicons live at the repository root (DESIGN.md layout: public/).
  publicDir: '../public',
  plugins: [
    react(),
    VitePWA({
      // The new service worker waits until the page asks; issue 9 adds the "Update ready" prompt.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Printfloor',
        short_name: 'Printfloor',
        description:
          'Shop-floor app for 3D-print farms: work orders, step tracking and spools, offline first.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#111827',
        background_color: '#f3f4f6',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Precache the app shell and its assets: the app must open with no network at all.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // Every navigation (deep links such as /spools/… and /q/… included) gets the SPA shell.
        navigateFallback: '/index.html',
        // …except the API: /api is never served from, nor stored in, the service worker's caches.
        navigateFallbackDenylist: [/^\/api\//],
        // No runtimeCaching entries at all, so /api requests always go to the network.
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
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
