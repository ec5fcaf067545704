import type { Browser, BrowserContext } from 'playwright-core';
import { disposeServer, newServerEnv, startServer } from '../../support/server.ts';
import type { ServerEnv, TestServer } from '../../support/server.ts';
import { launchBrowser } from './browser.ts';

/**
 * One PWA test file's shop: the demo farm on the real server (e2e/support/server.ts: the run's
 * HTTPS, a database of its own under DATABASE_URL, else PGlite in its data directory) and a Chromium
 * that trusts it. The server can stop and come back on the same port and data — a power cut, or a
 * new build deployed — while the browser keeps its tablets' state.
 */
export class DemoSite {
  private constructor(
    readonly env: ServerEnv,
    private current: TestServer,
    readonly browser: Browser,
  ) {}

  /** Starts the demo server serving `clientDist` (default client/dist) and launches Chromium. */
  static async open(opts: { clientDist?: string } = {}): Promise<DemoSite> {
    const env = await newServerEnv();
    let server: TestServer | null = null;
    try {
      server = await startServer(env, { demo: true, ...opts });
      return new DemoSite(env, server, await launchBrowser(server.spki));
    } catch (err) {
      await disposeServer(server, env);
      throw err;
    }
  }

  /** The server as last started (its url, enrol link and demo device token). */
  get server(): TestServer {
    return this.current;
  }

  /** Starts the server again after `server.stop()`: same port, data and database; maybe another build. */
  async start(opts: { clientDist?: string } = {}): Promise<TestServer> {
    this.current = await startServer(this.env, { demo: true, ...opts });
    return this.current;
  }

  /** Stops the server and starts it again (a deploy of `clientDist`, when given). */
  async restart(opts: { clientDist?: string } = {}): Promise<TestServer> {
    await this.current.stop();
    return this.start(opts);
  }

  /** A fresh tablet: a new browser context at a tablet's landscape size. */
  newTablet(): Promise<BrowserContext> {
    return this.browser.newContext({ viewport: { width: 1280, height: 800 } });
  }

  async dispose(): Promise<void> {
    await this.browser.close();
    await disposeServer(this.current, this.env);
  }
}
