import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLIENT_DIST, REPO_ROOT } from '../support/paths.ts';
import type { ServerEnv } from '../support/server.ts';

/**
 * The real server as ONE node process (`node --import tsx server/src/main.ts`, no tsx wrapper
 * process), so SIGKILL hits the server itself and /proc/<pid>/status is the server's memory.
 */
export class ServerProcess {
  private proc: ChildProcess | null = null;
  private out = '';
  /** How many times the process was started (1 = never restarted). */
  starts = 0;
  /** Exits nobody asked for (a supervisor restarts the server after each, as systemd would). */
  readonly unexpectedExits: string[] = [];
  /** Time of the latest start: memory is measured from here when chaos restarted the server. */
  startedAt = 0;
  private stopping = false;

  constructor(
    private readonly env: ServerEnv,
    private readonly mqttUrl: string,
  ) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  output(): string {
    return this.out.slice(-4000);
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.env.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.env.dataDir,
      CLIENT_DIST,
      LOG_LEVEL: 'warn',
      MQTT_URL: this.mqttUrl,
      MQTT_BROKER_PORT: '0',
    };
    delete env.DATABASE_URL;
    delete env.INIT_CWD;
    if (this.env.databaseUrl) env.DATABASE_URL = this.env.databaseUrl;
    const proc = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(REPO_ROOT, 'server', 'src', 'main.ts')],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.proc = proc;
    this.starts++;
    const mark = this.out.length;
    proc.stdout.on('data', (c: Buffer) => (this.out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (this.out += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.output()}`)), 60_000);
      const check = () => {
        if (this.out.slice(mark).includes('Printfloor is running at')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', check);
      proc.once('exit', (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? sig}) before starting:\n${this.output()}`));
      });
    });
    this.startedAt = Date.now();
    proc.removeAllListeners('exit');
    proc.once('exit', (code, sig) => {
      if (this.stopping || this.proc !== proc) return;
      this.unexpectedExits.push(
        `${new Date().toISOString()} exit ${code ?? sig}: ${this.output().slice(-600)}`,
      );
      this.proc = null;
      setTimeout(() => void this.start().catch(() => undefined), 1000);
    });
  }

  private async stopWith(signal: NodeJS.Signals): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    this.stopping = true;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill(signal);
    const killer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    this.proc = null;
    this.stopping = false;
  }

  /** SIGKILL, then a fresh start on the same port and database: a crash and a supervisor's restart. */
  async crashAndRestart(downMs: number): Promise<void> {
    await this.stopWith('SIGKILL');
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  stop(): Promise<void> {
    return this.stopWith('SIGTERM');
  }

  /** Resident set size of the server process in KiB (VmRSS from /proc), or null when not running. */
  async rssKiB(): Promise<number | null> {
    if (this.pid === undefined) return null;
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8').catch(() => '');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) : null;
  }
}
