import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths.ts';
import { LOG_LEVELS } from './logger.ts';

/** An empty variable (`DATABASE_URL=`) means "not set", as a shell user expects. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: z.preprocess(blankToUndefined, port.default(8080)),
  /** Unset → 127.0.0.1 for plain HTTP, every interface with HTTPS (main.ts, `listenHost`). */
  HOST: opt(z.string()),
  /** Real Postgres (`postgres` driver). Absent → embedded PGlite persisted under DATA_DIR. */
  DATABASE_URL: opt(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')),
  DATA_DIR: opt(z.string()),
  CLIENT_DIST: opt(z.string()),
  MQTT_URL: opt(
    z.string().regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL'),
  ),
  MQTT_BROKER_PORT: z.preprocess(blankToUndefined, port.default(1883)),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).default('info')),
  /** Silence after which the relay shows a printer offline (ms); unset → the relay's default (60 s). */
  PRINTER_OFFLINE_AFTER_MS: opt(z.coerce.number().int().min(1000).max(3_600_000)),
  // ── HTTPS on the shop LAN (issue 9, server/src/tls/): HTTPS=1 serves TLS; TLS_CERT/TLS_KEY are the
  //    user's PEM files, else a local CA under DATA_DIR/tls/ makes the certificate. ──
  HTTPS: z.preprocess(blankToUndefined, z.enum(['0', '1', 'true', 'false']).default('0')),
  TLS_CERT: opt(z.string()),
  TLS_KEY: opt(z.string()),
  /** Key for secrets at rest (issue 7, accounts/secret-box.ts): 64 hex chars or base64 of 32 bytes. */
  SECRETS_KEY: opt(
    z
      .string()
      .trim()
      .refine(
        (k) => /^[0-9a-f]{64}$/i.test(k) || Buffer.from(k, 'base64').length === 32,
        'must be 32 bytes as 64 hex characters or base64 (make one with: openssl rand -hex 32)',
      ),
  ),
  /** pnpm sets it to the directory the user ran `pnpm …` in (the script itself runs in `server/`). */
  INIT_CWD: opt(z.string()),
});

export interface Env {
  PORT: number;
  /** undefined → `listenHost` decides from HTTPS. */
  HOST: string | undefined;
  DATABASE_URL: string | undefined;
  /** Absolute. */
  DATA_DIR: string;
  /** Absolute. */
  CLIENT_DIST: string;
  MQTT_URL: string | undefined;
  MQTT_BROKER_PORT: number;
  LOG_LEVEL: (typeof LOG_LEVELS)[number];
  /** undefined → the relay's default offline timeout (server/src/relay/relay.ts). */
  PRINTER_OFFLINE_AFTER_MS: number | undefined;
  /** Serve HTTPS (issue 9); TLS_CERT/TLS_KEY absolute, or undefined for the local CA. */
  HTTPS: boolean;
  TLS_CERT: string | undefined;
  TLS_KEY: string | undefined;
  /** Printer secrets are encrypted with it; undefined → none can be stored (accounts/secret-box.ts). */
  SECRETS_KEY: string | undefined;
}

/**
 * Where the server listens (issue 9): plain HTTP stays on localhost, because a tablet on the LAN
 * gets no service worker and no camera over plain HTTP anyway — serving it there would only invite
 * a half-working install. HTTPS listens on every interface so tablets can reach it. HOST overrides.
 */
export function listenHost(env: Pick<Env, 'HOST'>, https: boolean): string {
  return env.HOST ?? (https ? '0.0.0.0' : '127.0.0.1');
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * Validates the environment once at boot; the only place that reads `process.env`.
 * Relative paths are taken from the directory the user typed the command in (INIT_CWD under pnpm),
 * so `DATA_DIR=./x pnpm printfloor …` and `DATA_DIR=./x pnpm start` mean the same folder.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const base = e.INIT_CWD ?? process.cwd();
  const abs = (p: string | undefined, fallback: string) =>
    p === undefined ? fallback : isAbsolute(p) ? p : resolve(base, p);
  return {
    PORT: e.PORT,
    HOST: e.HOST,
    DATABASE_URL: e.DATABASE_URL,
    DATA_DIR: abs(e.DATA_DIR, join(REPO_ROOT, 'data')),
    CLIENT_DIST: abs(e.CLIENT_DIST, join(REPO_ROOT, 'client', 'dist')),
    MQTT_URL: e.MQTT_URL,
    MQTT_BROKER_PORT: e.MQTT_BROKER_PORT,
    LOG_LEVEL: e.LOG_LEVEL,
    PRINTER_OFFLINE_AFTER_MS: e.PRINTER_OFFLINE_AFTER_MS,
    HTTPS: e.HTTPS === '1' || e.HTTPS === 'true',
    TLS_CERT: e.TLS_CERT === undefined ? undefined : abs(e.TLS_CERT, ''),
    TLS_KEY: e.TLS_KEY === undefined ? undefined : abs(e.TLS_KEY, ''),
    SECRETS_KEY: e.SECRETS_KEY,
  };
}
