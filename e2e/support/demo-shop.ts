import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { ARTIFACTS_DIR } from './paths.ts';
import { disposeServer, newServerEnv, startServer } from './server.ts';
import type { ServerEnv, TestServer } from './server.ts';

/** One test file's shop: the real server with the demo farm, and a Chromium to drive it. */
export interface DemoShop {
  env: ServerEnv;
  server: TestServer;
  browser: Browser;
}

/**
 * Starts the demo server (support/server.ts: its own data and database) and Chromium, and makes
 * sure e2e/artifacts exists for screenshots. What started is stopped again if a later step fails.
 * `demo: false` starts a fresh install instead (no demo farm, no enrol link; the first-run link only).
 */
export async function openDemoShop(opts: { demo?: boolean } = {}): Promise<DemoShop> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const env = await newServerEnv();
  let server: TestServer | null = null;
  try {
    server = await startServer(env, { demo: opts.demo ?? true });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    return { env, server, browser };
  } catch (err) {
    await disposeServer(server, env);
    throw err;
  }
}

/** Closes the browser, stops the server and removes its data and database (any part may be missing). */
export async function closeDemoShop(
  shop: { [K in keyof DemoShop]?: DemoShop[K] | null | undefined } | null,
): Promise<void> {
  await shop?.browser?.close();
  await disposeServer(shop?.server ?? null, shop?.env ?? null);
}
