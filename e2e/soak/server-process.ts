import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CLIENT_DIST, REPO_ROOT } from '../support/paths.ts';
import type { ServerEnv } from '../support/server.ts';

/** The server's memory as the soak's probe (mem-probe.mjs) reads it, in bytes. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  nativeContexts: number;
  detachedContexts: number;
  /** Path of the heap snapshot, when one was asked for. */
  snapshot?: string;
}

const MEM_PROBE = fileURLToPath(new URL('./mem-probe.mjs', import.meta.url));

/**
 * The real server as ONE node process (`node --import tsx server/src/main.ts`, no tsx wrapper
 * process), so SIGKILL hits the server itself and its memory is the server's (read through mem-probe.mjs).
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
  /** Between a spawn and its "running" line the server is booting: its memory is no figure yet. */
  ready = false;
  private stopping = false;
  private probeSeq = 0;

  constructor(
    private readonly env: ServerEnv,
    private readonly mqttUrl: string,
    /** The relay's silence timeout (PRINTER_OFFLINE_AFTER_MS). */
    private readonly offlineAfterMs: number,
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
      // Plain HTTP behind the chaos proxy, even when the e2e suite runs over HTTPS (PRINTFLOOR_E2E_HTTPS).
      HTTPS: '0',
      MQTT_URL: this.mqttUrl,
      PRINTER_OFFLINE_AFTER_MS: String(this.offlineAfterMs),
      MQTT_BROKER_PORT: '0',
    };
    delete env.DATABASE_URL;
    delete env.INIT_CWD;
    if (this.env.databaseUrl) env.DATABASE_URL = this.env.databaseUrl;
    // --expose-gc and the probe: the harness asks over IPC for memory after a forced full GC.
    // SOAK_CPU_PROF=<dir>: a V8 CPU profile of each server process that exits cleanly (not the SIGKILLed one).
    const prof = process.env.SOAK_CPU_PROF;
    const proc = spawn(
      process.execPath,
      [
        ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
        '--expose-gc',
        '--import',
        MEM_PROBE,
        '--import',
        import.meta.resolve('tsx'),
        join(REPO_ROOT, 'server', 'src', 'main.ts'),
      ],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    this.proc = proc;
    this.ready = false;
    this.starts++;
    const mark = this.out.length;
    const stdout = proc.stdout!;
    stdout.on('data', (c: Buffer) => (this.out += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (this.out += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.output()}`)), 60_000);
      const check = () => {
        if (this.out.slice(mark).includes('Printfloor is running at')) {
          clearTimeout(timer);
          resolve();
        }
      };
      stdout.on('data', check);
      proc.once('exit', (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? sig}) before starting:\n${this.output()}`));
      });
    });
    this.startedAt = Date.now();
    this.ready = true;
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

  /**
   * The server's memory from inside (mem-probe.mjs): after a forced full GC when `gc`, with a heap
   * snapshot written to `snapshot` when given. Null when the server is not running or does not answer.
   */
  async memory(
    opts: { gc?: boolean; snapshot?: string; timeoutMs?: number } = {},
  ): Promise<MemorySample | null> {
    const p = this.proc;
    if (!p?.connected) return null;
    const id = ++this.probeSeq;
    return new Promise<MemorySample | null>((resolve) => {
      const done = (v: MemorySample | null) => {
        clearTimeout(timer);
        p.off('message', onMessage);
        resolve(v);
      };
      const timer = setTimeout(() => done(null), opts.timeoutMs ?? 30_000);
      const onMessage = (m: unknown) => {
        const r = m as { type?: string; id?: number } & MemorySample;
        if (r.type === 'soak:mem' && r.id === id) done(r);
      };
      p.on('message', onMessage);
      try {
        p.send({ type: 'soak:mem', id, gc: opts.gc ?? false, snapshot: opts.snapshot });
      } catch {
        done(null);
      }
    });
  }
}
