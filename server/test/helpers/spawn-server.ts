import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/paths.ts';

/** A server process started the way `pnpm start` does (server/src/main.ts), for fan-out and crash tests. */
export interface SpawnedServer {
  url: string;
  proc: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (no cleanup at all) and wait for the exit. */
  kill(): Promise<void>;
}

/** A TCP port that was free a moment ago (to restart a killed server on the same address). */
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

/**
 * `node --import tsx server/src/main.ts` in ONE process (the `tsx` CLI would put a wrapper process
 * in between, and a SIGKILL must hit the server itself). `db` is `{ url }` for Postgres or
 * `{ dataDir }` for PGlite; the caller's DATABASE_URL is never inherited by accident.
 */
export async function spawnServer(opts: {
  db: { url?: string; dataDir?: string };
  port?: number;
  args?: string[];
}): Promise<SpawnedServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (opts.db.url) env.DATABASE_URL = opts.db.url;
  if (opts.db.dataDir) env.DATA_DIR = opts.db.dataDir;
  env.CLIENT_DIST = join(REPO_ROOT, 'server', 'test', 'no-client-here');
  env.MQTT_BROKER_PORT = '0'; // once the relay is wired: never collide on 1883 between test servers

  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'server', 'src', 'main.ts'), ...(opts.args ?? [])],
    {
      cwd: join(REPO_ROOT, 'server'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 45 s:\n${out}`)), 45_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/Printfloor is running at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before starting:\n${out}`));
    });
  });
  const signalAndWait = async (sig: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
    await exited;
  };
  return {
    url,
    proc,
    output: () => out,
    stop: () => signalAndWait('SIGTERM'),
    kill: () => signalAndWait('SIGKILL'),
  };
}
