import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

/**
 * The scan harness page (e2e/scan/harness): the client's scan and label components mounted alone,
 * built with Vite into a temp dir and served over loopback HTTP (a secure context, so the camera
 * API is available). Independent of the app's routes and server.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const HARNESS_DIR = join(HERE, '..', 'harness');
const CLIENT_MODULES = join(HERE, '..', '..', '..', 'client', 'node_modules');

let built: Promise<string> | null = null;

/** Builds the harness once per process; returns the output directory. */
export function buildHarness(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    const outDir = mkdtempSync(join(tmpdir(), 'printfloor-scan-harness-'));
    await build({
      root: HARNESS_DIR,
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      // The harness lives outside the client package: React comes from the client's dependencies,
      // the same copy the client components resolve, so there is one React.
      resolve: {
        alias: [
          { find: /^react-dom(\/.*)?$/, replacement: join(CLIENT_MODULES, 'react-dom') + '$1' },
          { find: /^react(\/.*)?$/, replacement: join(CLIENT_MODULES, 'react') + '$1' },
        ],
      },
      build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
    });
    return outDir;
  })();
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a random port. */
export async function serveDir(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory())
      file = join(dir, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
