import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { AccountsService } from './accounts/accounts.service.ts';
import { authRoutes, setupRoutes } from './accounts/auth.routes.ts';
import { DevicesService } from './accounts/devices.service.ts';
import { BrowserDevicesService } from './accounts/browser-devices.service.ts';
import { PinsService } from './accounts/pins.service.ts';
import { pinRoutes } from './accounts/pins.routes.ts';
import { floorManageRoutes } from './accounts/floor-manage.routes.ts';
import { SettingsService } from './accounts/settings.service.ts';
import { firstRunPageRoutes } from './accounts/first-run-page.ts';
import { adminRoutes, deviceRoutes, manageRoutes } from './accounts/manage.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { AuthService } from './auth/auth.service.ts';
import { TabletStatusStore } from './tablets/tablet-status.ts';
import { heartbeatRoutes, tabletsRoutes } from './tablets/tablets.routes.ts';
import { meRoutes } from './auth/me.routes.ts';
import { manageDataRoutes } from './manage/manage-data.routes.ts';
import { printerEventsRoutes } from './manage/printer-events.routes.ts';
import type { Database } from './db/database.ts';
import type { AppEnv } from './http/app-env.ts';
import { onError, onNotFound } from './http/errors.ts';
import { apiBodyLimit, securityHeaders } from './http/security.ts';
import { mountClient } from './http/static.ts';
import type { Logger } from './logger.ts';
import { StreamHub } from './sync/stream-hub.ts';
import { SyncService } from './sync/sync.service.ts';
import { syncRoutes } from './sync/sync.routes.ts';
import { SERVER_VERSION } from './version.ts';
import { setupCaRoutes, type TlsMaterial } from './tls/index.ts';
import { requireDevice } from './auth/auth.middleware.ts';
import { printerStreamRoute, type Relay } from './relay/index.ts';
import type { SecretBox } from './accounts/secret-box.ts';
import { printerAdminRoutes } from './printers-admin/printer-connection.routes.ts';
import { PrinterConnectionsService } from './printers-admin/printer-connection.service.ts';
import { watchDeviceRevocation } from './sync/revocation-watch.ts';

export interface AppDeps {
  db: Database;
  logger: Logger;
  /** Built client to serve; absent or missing on disk → API only. */
  clientDist?: string;
  /** Serving HTTPS: the TLS material behind the /setup/ca page (issue 9). */
  tls?: TlsMaterial | undefined;
  /** The printer relay (issue 5); absent → no /api/printers/stream (tests of the sync API alone). */
  relay?: Relay | undefined;
  /** SECRETS_KEY's box (issue 7): printer access codes are sealed with it; absent → none can be set. */
  secrets?: SecretBox | undefined;
}

export interface App {
  app: Hono<AppEnv>;
  accounts: AccountsService;
  devices: DevicesService;
  sync: SyncService;
  hub: StreamHub;
  /** Whether the built client is being served. */
  servesClient: boolean;
  /** Ends open streams (the HTTP server can then close). */
  close(): void;
  /** Writes what is held back in memory (tablet heartbeats not yet due); after the server closed, before the database does. */
  drain(): Promise<void>;
}

/** Composes the HTTP app: request ids, the one error envelope, /api routes, then the client. */
export function createApp(deps: AppDeps): App {
  const app = new Hono<AppEnv>();
  const auth = new AuthService(deps.db.orm);
  const accounts = new AccountsService(deps.db.orm);
  const devices = new DevicesService(deps.db.orm, deps.db.bus);
  const sync = new SyncService(deps.db);
  const hub = new StreamHub(deps.db.bus, deps.logger);
  const pins = new PinsService(deps.db.orm);
  const settings = new SettingsService(deps.db.orm);
  const browsers = new BrowserDevicesService(deps.db.orm, devices);

  app.use('*', requestId({ headerName: 'x-request-id' }));
  // Hardening (issue 7): CSP and friends on every response; bounded bodies on every API route.
  // CORS is closed: no Access-Control-* header is ever sent, so other origins cannot read answers.
  app.use('*', securityHeaders());
  app.use('/api/*', apiBodyLimit);
  app.onError(onError(deps.logger));
  app.notFound(onNotFound);

  app.get('/api/health', (c) => c.json({ ok: true, db: deps.db.kind, version: SERVER_VERSION }));
  app.route('/api/me', meRoutes(auth, settings));
  // Accounts (issue 7): sign-in sessions for people, first-run setup.
  app.route('/api/auth', authRoutes(accounts, undefined, browsers));
  app.route('/api/setup', setupRoutes(accounts));
  app.route('/api/devices', deviceRoutes({ accounts, devices }));
  // Tablets page (issue 6, server/src/tablets/): tablets' heartbeats in, the list out to managers.
  const tablets = { auth, accounts, store: new TabletStatusStore(deps.db.orm) };
  app.route('/api/devices/heartbeat', heartbeatRoutes(tablets));
  app.route('/api/manage/tablets', tabletsRoutes(tablets));
  app.route('/api/manage/audit', auditRoutes({ accounts }));
  app.route('/api/manage/printers', printerEventsRoutes({ db: deps.db.orm, accounts }));
  // Reports, CSV export and import (issue 6, server/src/manage/): before manageRoutes, whose
  // manager-only '*' guard would otherwise also stop a lead reading reports.
  app.route('/api/manage', manageDataRoutes({ db: deps.db, accounts, logger: deps.logger }));
  app.route('/api/manage', manageRoutes({ accounts, devices }));
  // Operator PINs checked by the server, lockout across tablets; PIN reset and settings (issue 7 part A).
  app.route('/api/manage', floorManageRoutes({ accounts, pins, settings }));
  app.route('/api/pins', pinRoutes({ auth, pins }));
  // Printer connections and their sealed secrets (issue 7, printers-admin/): admins only.
  const connections = new PrinterConnectionsService(
    deps.db.orm,
    sync,
    deps.secrets,
    () => void deps.relay?.reload(),
  );
  app.route('/api/admin/printers', printerAdminRoutes({ accounts, connections }));
  app.route('/api/admin', adminRoutes({ accounts, devices }));
  app.route('/api/sync', syncRoutes({ sync, auth, hub }));
  // Live printer status (issue 5): a snapshot of the tenant's printers, then changes, over SSE.
  if (deps.relay) {
    app.get(
      '/api/printers/stream',
      requireDevice(auth, { allowQueryToken: true }),
      printerStreamRoute<AppEnv>(deps.relay, {
        tenantOf: (c) => c.get('auth').tenantId,
        // Issue 7: a revoked device's printer stream ends at once, like its sync stream.
        watchAccess: (c, end) =>
          watchDeviceRevocation(
            deps.db.bus,
            c.get('auth').deviceId,
            (id) => auth.stillValid(id),
            end,
            deps.logger,
          ),
      }),
    );
  }

  // First-run page (issue 7): where the one-time setup link lands.
  app.route('/setup', firstRunPageRoutes());
  // HTTPS setup page and CA download (issue 9, server/src/tls/); before the client's SPA fallback.
  if (deps.tls) app.route('/setup', setupCaRoutes(deps.tls));

  const servesClient = deps.clientDist ? mountClient(app, deps.clientDist) : false;
  return {
    app,
    accounts,
    devices,
    sync,
    hub,
    servesClient,
    close: () => hub.close(),
    drain: () => tablets.store.flush().then(() => undefined),
  };
}
