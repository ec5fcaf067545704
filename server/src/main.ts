// The server's entry point: `tsx server/src/main.ts [--demo]` (what `pnpm start` runs).
// Validates the environment, opens and migrates the database, serves the API and the built client.
import { firstRunSetupLink } from './accounts/first-run.ts';
import { openDatabase, databaseOptionsFromEnv, describeDatabase } from './db/database.ts';
import { setUpDemo } from './demo/demo-tenant.ts';
import { EnvError, listenHost, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import {
  loadPrinterConfigs,
  startDemoPrinters,
  startRelay,
  withDemoTopics,
  type DemoPrinters,
} from './relay/index.ts';
import { prepareTls, tlsBanner } from './tls/index.ts';
import { createConsumption } from './consumption/index.ts';
import { SyncService } from './sync/sync.service.ts';
import { SecretBox } from './accounts/secret-box.ts';
import { countPlaintextAccessCodes, sealPlaintextAccessCodes } from './relay/printer-config.secrets.ts';

async function main(): Promise<void> {
  const demo = process.argv.slice(2).includes('--demo');
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);

  const db = await openDatabase(databaseOptionsFromEnv(env, logger));
  await db.migrate();

  // Live printer status (issue 5): the site broker at MQTT_URL, else an embedded broker.
  // Printer secrets at rest (issue 7): sealed with SECRETS_KEY; plain-text ones left by an older
  // version are sealed now, before the relay reads them.
  const secrets = env.SECRETS_KEY ? SecretBox.fromText(env.SECRETS_KEY) : undefined;
  if (secrets) {
    const sealed = await sealPlaintextAccessCodes(db.orm, secrets);
    if (sealed > 0) logger.info('encrypted printer access codes stored in plain text', { count: sealed });
  } else if ((await countPlaintextAccessCodes(db.orm)) > 0) {
    logger.warn('printer access codes are stored in plain text: set SECRETS_KEY (openssl rand -hex 32)');
  }
  const printers = async () => {
    const configs = await loadPrinterConfigs(db.orm, { secrets, logger });
    return demo ? withDemoTopics(configs) : configs;
  };
  const relay = await startRelay({
    logger,
    db: db.orm,
    mqttUrl: env.MQTT_URL,
    brokerPort: env.MQTT_BROKER_PORT,
    offlineAfterMs: env.PRINTER_OFFLINE_AFTER_MS,
    printers,
    // State changes are linked to the step running on the printer; a finished or failed print
    // records a consume movement for its loaded spools, through the sync service (tablets get it).
    ...createConsumption({ db: db.orm, sync: new SyncService(db), logger }),
  });
  // A printer added or edited on a tablet or in the manager view is picked up without a restart.
  db.bus.subscribe((e) => {
    if (e.type === 'change' && e.change.collection === 'printers') void relay.reload();
  });

  // HTTPS on the shop LAN (issue 9): HTTPS=1 or --https; the user's TLS_CERT/TLS_KEY, else the local CA.
  const https = env.HTTPS || process.argv.slice(2).includes('--https');
  const tls = https
    ? await prepareTls({ dataDir: env.DATA_DIR, certFile: env.TLS_CERT, keyFile: env.TLS_KEY })
    : undefined;

  const server = await startServer({
    db,
    port: env.PORT,
    host: listenHost(env, https),
    clientDist: env.CLIENT_DIST,
    logger,
    tls,
    relay,
    secrets,
  });
  let demoPrinters: DemoPrinters | null = null;
  installShutdown(async () => {
    await demoPrinters?.stop();
    await server.close();
    await relay.close();
    await db.close();
  });

  console.log(`Database: ${describeDatabase(env)}`);
  if (!server.app.servesClient) {
    console.log(
      `No built client in ${env.CLIENT_DIST}: serving the API only (build it with \`pnpm build\`).`,
    );
  }
  if (demo) {
    const setup = await setUpDemo(db.orm, server.app.sync);
    if (setup.seeded) {
      const n = Object.values(setup.seeded.counts).reduce((a, b) => a + b, 0);
      console.log(`Demo farm loaded into tenant "demo" (${n} documents).`);
    } else {
      console.log('Demo tenant already has data: left as it is.');
    }
    console.log(`Demo device "${setup.deviceName}" token: ${setup.token}`);
    console.log(`Demo tablet: ${server.url}/enrol#token=${setup.token}`);
    await relay.reload();
    demoPrinters = await startDemoPrinters({ relay, printers: await printers(), logger });
    console.log(`Demo printers simulated on the broker: ${demoPrinters.codes.length}.`);
  }
  // First run (issue 7): no user yet → a one-time link to create the first admin (no default password).
  const setup = await firstRunSetupLink(server.app.accounts, server.url);
  if (setup) {
    console.log(`No users yet. Create the first admin of "${setup.tenantSlug}" (one-time link, 24 h):`);
    console.log(`  ${setup.link}`);
  }
  if (tls) for (const line of tlsBanner(tls, server.port)) console.log(line);
  else
    console.log(
      'Plain HTTP: fine on this machine; tablets on the LAN need HTTPS=1 (service worker, camera).',
    );
  console.log(`Printfloor is running at ${server.url}`);
}

function installShutdown(shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) console.error(err.message);
  else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port already in use: ${(err as Error).message}. Set PORT to another port.`);
  } else console.error(`Printfloor could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
