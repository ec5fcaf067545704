import type { BrowserContext, Locator, Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';

/** The manager's /manage/import page (page model). */
export class ImportPage {
  readonly file: Locator;
  readonly errors: Locator;
  readonly commitButton: Locator;
  readonly done: Locator;
  readonly counts: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByTestId('import-file');
    this.errors = page.getByTestId('import-error');
    this.commitButton = page.getByTestId('import-commit');
    this.done = page.getByTestId('import-done');
    this.counts = page.getByTestId('import-counts');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/manage/import`);
    await this.page.getByTestId('import-page').waitFor({ timeout: 30_000 });
  }

  async choose(kind: 'Spools' | 'Parts' | 'Work orders' | 'Spoolman export'): Promise<void> {
    await this.page.getByRole('radio', { name: kind }).check();
  }

  /** Picks a file with this content, as the file picker would. */
  async upload(name: string, content: string, mimeType = 'text/csv'): Promise<void> {
    await this.file.setInputFiles({ name, mimeType, buffer: Buffer.from(content, 'utf8') });
    await this.counts.waitFor({ timeout: 30_000 });
  }

  /** The listed errors as [row, column, message]. */
  async errorRows(): Promise<string[][]> {
    const rows = await this.errors.all();
    return Promise.all(rows.map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.trim())));
  }
}

/**
 * The shop's first admin, by the first-run link the server printed. On a database shared with
 * other test files (DATABASE_URL: Postgres) someone may have used that link already: then the
 * admin CLI adds the user to the demo tenant (a user left from an earlier run is fine).
 */
export async function createFirstAdmin(
  s: TestServer,
  user: { email: string; password: string },
  env?: ServerEnv,
): Promise<void> {
  const link = /(https?:\/\/\S+\/setup#code=\S+)/.exec(s.output())?.[1];
  if (!link) {
    if (!env?.databaseUrl) throw new Error(`no setup link in the server output:\n${s.output()}`);
    await addUserByCli(env, user);
    return;
  }
  const code = new URLSearchParams(new URL(link).hash.slice(1)).get('code');
  const res = await fetch(`${s.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, ...user }),
  });
  if (!res.ok) throw new Error(`setup: HTTP ${res.status} ${await res.text()}`);
}

function addUserByCli(env: ServerEnv, user: { email: string; password: string }): Promise<void> {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const args = [join(REPO_ROOT, 'server', 'src', 'cli.ts'), 'user', 'add', '--tenant', 'demo'];
  const child = spawn(tsx, [...args, '--role', 'admin', user.email, '--password-stdin'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: env.databaseUrl, DATA_DIR: env.dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin.end(`${user.password}\n`);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 || /exists/i.test(out) ? resolve() : reject(new Error(`user add: exit ${code}: ${out}`)),
    ),
  );
}

/** Signs a browser context in (the session cookie lands in it, as after the sign-in page). */
export async function signIn(
  ctx: BrowserContext,
  url: string,
  user: { email: string; password: string },
): Promise<void> {
  const res = await ctx.request.post(`${url}/api/auth/login`, { data: user });
  if (!res.ok()) throw new Error(`login: HTTP ${res.status()} ${await res.text()}`);
}
