import type { AddressInfo } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import type { App } from './app.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { silentLogger } from './logger.ts';
import type { TlsMaterial } from './tls/index.ts';
import type { Relay } from './relay/index.ts';
import type { SecretBox } from './accounts/secret-box.ts';

export interface StartServerOptions {
  db: Database;
  /** 0 (default) → a free port. */
  port?: number;
  host?: string;
  clientDist?: string;
  logger?: Logger;
  /** Serve HTTPS with this key and certificate, and /setup/ca (issue 9, server/src/tls/). */
  tls?: TlsMaterial;
  /** The printer relay whose stream /api/printers/stream serves (issue 5). */
  relay?: Relay;
  /** Seals printer secrets (issue 7, SECRETS_KEY). */
  secrets?: SecretBox | undefined;
}

export interface RunningServer {
  /** Base URL to reach it, e.g. http://localhost:8080 (localhost when bound to every interface). */
  url: string;
  port: number;
  app: App;
  /** Ends open streams and stops listening; the database stays open (it is the caller's). */
  close(): Promise<void>;
}

/** Starts the HTTP server on an open, migrated database. Used by main.ts, the tests and the bench. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const logger = opts.logger ?? silentLogger;
  const host = opts.host ?? '127.0.0.1';
  const app = createApp({
    db: opts.db,
    logger,
    clientDist: opts.clientDist,
    tls: opts.tls,
    relay: opts.relay,
    secrets: opts.secrets,
  });
  // HTTPS branch (issue 9): same app, node:https with the TLS material.
  const tlsServer = opts.tls
    ? { createServer: createHttpsServer, serverOptions: { key: opts.tls.keyPem, cert: opts.tls.certPem } }
    : {};
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.app.fetch, port: opts.port ?? 0, hostname: host, ...tlsServer }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${shown}:${port}`,
    port,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        app.close();
        server.close(() => resolve());
        // Streams and keep-alive sockets would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }).then(() =>
        app.drain().catch((err: unknown) => logger.warn('could not store the last tablet heartbeats', { error: String(err) })),
      ),
  };
}
