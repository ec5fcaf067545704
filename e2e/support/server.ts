import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { CLIENT_DIST, REPO_ROOT } from './paths.ts';
import { e2eTls } from './e2e-tls.ts';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** `--demo`: load the demo farm and print an enrol link. */
  demo?: boolean;
  /** Real Postgres; defaults to the caller's DATABASE_URL, else embedded PGlite in a temp dir. */
  databaseUrl?: string;
  /** Which build of the client to serve (e.g. a v1/v2 temp outDir for update tests); default client/dist. */
  clientDist?: string;
  /** Bind address; default loopback. `0.0.0.0` to reach it at the machine's LAN address. */
  host?: string;
  /**
   * Default: the run's setting (HTTPS with the run's certificate under PRINTFLOOR_E2E_HTTPS=1, else
   * HTTP). `local-ca`: HTTPS with the server's own local CA under dataDir/tls (what a shop PC does);
   * `off`: plain HTTP even in an HTTPS run.
   */
  tls?: 'local-ca' | 'off';
}

/** The real Printfloor server in a child process, on its own port and data directory. */
export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** The demo device's enrol link and token (with `demo: true`). */
  enrolUrl: string | null;
  demoToken: string | null;
  /** base64 SHA-256 of the server certificate's SPKI (over HTTPS), for Chromium's allow-list. */
  spki: string | null;
  output(): string;
  stop(): Promise<void>;
}

/** Environment of every server and CLI run of one test server: same port, data and database. */
export interface ServerEnv {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The database newServerEnv created for this server alone (dropped by disposeServer). */
  ownDatabase?: string;
}

export async function newServerEnv(opts: ServerOptions = {}): Promise<ServerEnv> {
  const shared = process.env.DATABASE_URL || undefined;
  const own = opts.databaseUrl === undefined && shared ? await createOwnDatabase(shared) : undefined;
  return {
    port: await freePort(),
    dataDir: await mkdtemp(join(tmpdir(), 'printfloor-e2e-')),
    databaseUrl: own ?? opts.databaseUrl ?? shared,
    ...(own ? { ownDatabase: own } : {}),
  };
}

/**
 * With DATABASE_URL, each test server gets a database of its own on that Postgres (dropped by
 * disposeServer): test files must not see each other's tenants, printers and tombstones, as they
 * did when every file shared the run's database (order-dependent failures).
 */
async function createOwnDatabase(baseUrl: string): Promise<string> {
  const url = new URL(baseUrl);
  const base = url.pathname.replace(/^\//, '') || 'postgres';
  const name = `${base.slice(0, 40)}_e2e_${randomBytes(5).toString('hex')}`.toLowerCase();
  const sql = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropOwnDatabase(ownUrl: string): Promise<void> {
  const url = new URL(ownUrl);
  const name = url.pathname.replace(/^\//, '');
  url.pathname = '/postgres';
  const sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end();
  }
}

function childEnv(e: ServerEnv, mqttPort: number, opts: ServerOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(e.port),
    HOST: opts.host ?? '127.0.0.1',
    DATA_DIR: e.dataDir,
    CLIENT_DIST: opts.clientDist ?? CLIENT_DIST,
    LOG_LEVEL: 'warn',
    // The embedded broker must never collide with the site's Mosquitto on 1883 or another test.
    MQTT_BROKER_PORT: String(mqttPort),
  };
  delete env.DATABASE_URL;
  delete env.INIT_CWD;
  if (e.databaseUrl) env.DATABASE_URL = e.databaseUrl;
  // PRINTFLOOR_E2E_HTTPS=1: the same server over TLS with the run's certificate (support/e2e-tls.ts).
  const tls = opts.tls ? null : e2eTls();
  env.HTTPS = tls || opts.tls === 'local-ca' ? '1' : '0';
  if (tls) {
    env.TLS_CERT = tls.cert;
    env.TLS_KEY = tls.key;
  } else {
    delete env.TLS_CERT;
    delete env.TLS_KEY;
  }
  return env;
}

/** Runs the admin CLI (`tsx server/src/cli.ts …`) against the same database; returns its stdout. */
export async function cli(e: ServerEnv, ...args: string[]): Promise<string> {
  const { stdout } = await run(TSX, [join(REPO_ROOT, 'server', 'src', 'cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: childEnv(e, 0),
    timeout: 60_000,
  });
  return stdout;
}

/** `tenant create` + `device add` for each name; returns the devices' tokens in order. */
export async function createTenantWithDevices(
  e: ServerEnv,
  slug: string,
  devices: string[],
): Promise<string[]> {
  await cli(e, 'tenant', 'create', slug, '--name', `E2E ${slug}`);
  const tokens: string[] = [];
  for (const name of devices) {
    const out = await cli(e, 'device', 'add', '--tenant', slug, name);
    const m = /Token[^:]*:\s*(\S+)/.exec(out);
    if (!m) throw new Error(`no token in CLI output:\n${out}`);
    tokens.push(m[1]!);
  }
  return tokens;
}

/**
 * Starts `tsx server/src/main.ts` from the repository root and waits for "running at". Starting it
 * again with the same ServerEnv after stop() is a restart: same port, data directory and database.
 */
export async function startServer(e: ServerEnv, opts: ServerOptions = {}): Promise<TestServer> {
  const proc = spawn(TSX, [join(REPO_ROOT, 'server', 'src', 'main.ts'), ...(opts.demo ? ['--demo'] : [])], {
    cwd: REPO_ROOT,
    env: childEnv(e, await freePort(), opts),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: stop() ends tsx and the server it runs, and nothing else.
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
    port: e.port,
    dataDir: e.dataDir,
    enrolUrl: enrol?.[1] ?? null,
    demoToken: enrol?.[2] ?? null,
    spki: /SPKI SHA-256 (\S+)/.exec(out)?.[1] ?? null,
    output: () => out,
    stop: () => stopGroup(proc, exited),
  };
}

function waitForStart(proc: ChildProcess, out: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    // 90 s, as the PWA tests' own starter allowed: a demo start on a loaded machine can be slow.
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

/** Stops the server and removes its temporary data directory. */
export async function disposeServer(server: TestServer | null, e: ServerEnv | null): Promise<void> {
  await server?.stop();
  if (e) await rm(e.dataDir, { recursive: true, force: true });
  if (e?.ownDatabase) await dropOwnDatabase(e.ownDatabase);
}
