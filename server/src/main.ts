// The server's entry point: `tsx server/src/main.ts [--demo]` (what `pnpm start` runs).
// Validates the environment, opens and migrates the database, serves the API and the built client.
import { openDatabase, databaseOptionsFromEnv, describeDatabase } from './db/database.ts';
import type { Database } from './db/database.ts';
import { setUpDemo } from './demo/demo-tenant.ts';
import { EnvError, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import type { RunningServer } from './server.ts';
import { prepareTls, tlsBanner } from './tls/index.ts';

async function main(): Promise<void> {
  const demo = process.argv.slice(2).includes('--demo');
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);

  const db = await openDatabase(databaseOptionsFromEnv(env, logger));
  await db.migrate();

  // ── MQTT relay (issue 5) is wired here by the lead: `const relay = await startRelay({ db, env, logger })`
  //    from ./relay/index.ts, closed in shutdown() below, its routes mounted in app.ts. ──

  // HTTPS on the shop LAN (issue 9): HTTPS=1 or --https; the user's TLS_CERT/TLS_KEY, else the local CA.
  const https = env.HTTPS || process.argv.slice(2).includes('--https');
  const tls = https
    ? await prepareTls({ dataDir: env.DATA_DIR, certFile: env.TLS_CERT, keyFile: env.TLS_KEY })
    : undefined;

  const server = await startServer({
    db,
    port: env.PORT,
    host: env.HOST,
    clientDist: env.CLIENT_DIST,
    logger,
    tls,
  });
  installShutdown(server, db);

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
  }
  if (tls) for (const line of tlsBanner(tls, server.port)) console.log(line);
  else
    console.log(
      'Plain HTTP: fine on this machine; tablets on the LAN need HTTPS=1 (service worker, camera).',
    );
  console.log(`Printfloor is running at ${server.url}`);
}

function installShutdown(server: RunningServer, db: Database): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    server
      .close()
      .then(() => db.close())
      .then(
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
