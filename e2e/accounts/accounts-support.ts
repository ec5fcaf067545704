import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';

/** The first-run link the server printed (`…/setup#code=…`), or null once a user exists. */
export function setupLink(server: TestServer): string | null {
  return /(https?:\/\/\S+\/setup#code=\S+)/.exec(server.output())?.[1] ?? null;
}

/**
 * Redeems the first-run code over HTTP (no browser): creates the first admin. On a database shared
 * with other test files (DATABASE_URL) the link may be used up already: then, given `env`, the admin
 * CLI adds the user to the demo tenant (one left from an earlier run is fine).
 */
export async function createFirstAdmin(
  server: TestServer,
  email: string,
  password: string,
  env?: ServerEnv,
): Promise<void> {
  const link = setupLink(server);
  if (!link && env?.databaseUrl) return addAdminByCli(env, email, password);
  if (!link) throw new Error(`no setup link in the server output:\n${server.output()}`);
  const code = new URLSearchParams(new URL(link).hash.slice(1)).get('code');
  const res = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, email, password }),
  });
  if (!res.ok) throw new Error(`setup: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Signs a browser context in with email and password through the API (the cookie lands in the
 * context, as after the /signin page). Returns the session's CSRF token.
 */
export async function signInContext(
  ctx: BrowserContext | APIRequestContext,
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const request = 'request' in ctx ? ctx.request : ctx;
  const res = await request.post(`${baseUrl}/api/auth/login`, { data: { email, password } });
  if (!res.ok()) throw new Error(`login ${email}: HTTP ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** An admin (signed in on `request`) adds a user. */
export async function addUser(
  request: APIRequestContext,
  baseUrl: string,
  csrf: string,
  user: { email: string; role: 'operator' | 'lead' | 'manager' | 'admin'; password: string },
): Promise<void> {
  const res = await request.post(`${baseUrl}/api/admin/users`, {
    data: user,
    headers: { 'x-printfloor-csrf': csrf },
  });
  if (res.status() !== 201) throw new Error(`add user: HTTP ${res.status()} ${await res.text()}`);
}

/** The manager's /signin page (page model). */
export class AccountSignInPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, next?: string): Promise<void> {
    await this.page.goto(`${baseUrl}/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    await this.page.getByTestId('account-sign-in').waitFor();
  }

  async fill(email: string, password: string): Promise<void> {
    await this.page.getByTestId('account-email').fill(email);
    await this.page.getByTestId('account-password').fill(password);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
}

function addAdminByCli(env: ServerEnv, email: string, password: string): Promise<void> {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const cli = join(REPO_ROOT, 'server', 'src', 'cli.ts');
  const child = spawn(
    tsx,
    [cli, 'user', 'add', '--tenant', 'demo', '--role', 'admin', email, '--password-stdin'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: env.databaseUrl, DATA_DIR: env.dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin.end(`${password}\n`);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 || /exists/i.test(out) ? resolve() : reject(new Error(`user add: exit ${code}: ${out}`)),
    ),
  );
}
