import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/server.ts';
import { CLIENT_DIST, REPO_ROOT } from '../../support/paths.ts';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

/**
 * `PRINTFLOOR_E2E_HTTPS=1`: every PWA test runs against the server over HTTPS with its local CA.
 * Chromium trusts the server certificate through `--ignore-certificate-errors-spki-list` (the tests
 * pass `server.spki` to the launch); the test process's own calls to the API (pulls that check what
 * reached the server) skip verification on loopback — the TLS trust itself is checked with the CA
 * in installable.test.ts.
 */
export const E2E_HTTPS = process.env.PRINTFLOOR_E2E_HTTPS === '1';
if (E2E_HTTPS) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

/** One server "installation": its port and data directory outlive restarts (stop, start again). */
export interface PwaServerSite {
  port: number;
  dataDir: string;
  mqttPort: number;
}

export interface PwaServerOptions {
  /** Which build of the client to serve (a v1/v2 temp outDir); default client/dist. */
  clientDist?: string;
  /** HTTPS=1 with the local CA under dataDir/tls. */
  https?: boolean;
  demo?: boolean;
  /** Bind address; default loopback. `0.0.0.0` to reach it at the machine's LAN address. */
  host?: string;
}

export interface PwaServer {
  url: string;
  /** The demo device's enrol link (with demo: true). */
  enrolUrl: string | null;
  token: string | null;
  /** base64 SHA-256 of the server certificate's SPKI (HTTPS only), for Chromium's allow-list. */
  spki: string | null;
  output(): string;
  stop(): Promise<void>;
}

export async function newSite(): Promise<PwaServerSite> {
  return {
    port: await freePort(),
    mqttPort: await freePort(),
    dataDir: await mkdtemp(join(tmpdir(), 'printfloor-pwa-')),
  };
}

export async function disposeSite(site: PwaServerSite | null): Promise<void> {
  if (site) await rm(site.dataDir, { recursive: true, force: true });
}

/**
 * The real server (`tsx server/src/main.ts`) on the site's port and data, in its own process group
 * so stop() ends it and nothing else. Embedded PGlite: the site survives a stop/start, as a shop
 * PC's ./data does.
 */
export async function startPwaServer(site: PwaServerSite, opts: PwaServerOptions = {}): Promise<PwaServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(site.port),
    HOST: opts.host ?? '127.0.0.1',
    DATA_DIR: site.dataDir,
    CLIENT_DIST: opts.clientDist ?? CLIENT_DIST,
    LOG_LEVEL: 'warn',
    MQTT_BROKER_PORT: String(site.mqttPort),
    HTTPS: (opts.https ?? E2E_HTTPS) ? '1' : '0',
  };
  delete env.DATABASE_URL;
  delete env.INIT_CWD;
  delete env.TLS_CERT;
  delete env.TLS_KEY;
  const proc = spawn(TSX, [join(REPO_ROOT, 'server', 'src', 'main.ts'), ...(opts.demo ? ['--demo'] : [])], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await waitForStart(proc, () => out);
  const enrol = /(https?:\/\/\S+\/enrol#token=(\S+))/.exec(out);
  return {
    url,
    enrolUrl: enrol?.[1] ?? null,
    token: enrol?.[2] ?? null,
    spki: /SPKI SHA-256 (\S+)/.exec(out)?.[1] ?? null,
    output: () => out,
    stop: () => stopGroup(proc, exited),
  };
}

function waitForStart(proc: ChildProcess, out: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s:\n${out()}`)), 90_000);
    const check = () => {
      const m = /Printfloor is running at (https?:\/\/\S+)/.exec(out());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before starting:\n${out()}`));
    });
  });
}

async function stopGroup(proc: ChildProcess, exited: Promise<void>): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const pid = proc.pid;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const killer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(killer);
}
