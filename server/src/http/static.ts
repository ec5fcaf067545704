import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';

/**
 * Serves the built client (Vite's dist/) on the API's port. Hashed files under /assets/ are cached
 * for good; everything else (index.html, the service worker, the manifest) is revalidated so a new
 * build reaches tablets. Any other GET outside /api falls back to index.html (client-side routes
 * such as /enrol or /q/spool/SP-0001 from a QR label). Returns false when there is no build.
 */
export function mountClient(app: Hono<AppEnv>, clientDist: string): boolean {
  const indexFile = join(clientDist, 'index.html');
  if (!existsSync(indexFile)) return false;
  app.use(
    '*',
    serveStatic({
      root: clientDist,
      onFound: (path, c) => {
        c.header(
          'Cache-Control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.get('*', (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
    c.header('Cache-Control', 'no-cache');
    // Read per request: a rebuild while the server runs is picked up without a restart.
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return true;
}
