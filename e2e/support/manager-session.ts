import { expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { AppShell } from '../page-models/app-shell.ts';
import type { TestServer } from './server.ts';

/** Manager pages are checked at a desktop size (team rule: screenshots at 1440×900). */
export const MANAGER_VIEWPORT = { width: 1440, height: 900 } as const;

export interface ManagerUser {
  email: string;
  password: string;
}

/**
 * The shop's first admin, through the first-run link the demo server printed (`…/setup#code=…`):
 * a manager account for /api/manage. Fails the test when the link is missing or refused.
 */
export async function createFirstManager(server: TestServer, user: ManagerUser): Promise<void> {
  const code = /\/setup#code=(\S+)/.exec(server.output())?.[1];
  expect(code, server.output()).toBeTruthy();
  const res = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, ...user }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

/**
 * Signs the context in through the API (the session cookie lands in it, as after /signin).
 * Returns the session's CSRF token, for the test's own writes through `ctx.request`.
 */
export async function signInManager(ctx: BrowserContext, url: string, user: ManagerUser): Promise<string> {
  const login = await ctx.request.post(`${url}/api/auth/login`, { data: user, headers: { Origin: url } });
  expect(login.status(), await login.text()).toBe(200);
  return ((await login.json()) as { csrfToken: string }).csrfToken;
}

export interface ManagerSession {
  ctx: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, for the test to check. */
  errors: string[];
  /** The session's CSRF token (header `x-printfloor-csrf`). */
  csrf: string;
}

/**
 * A manager's browser: a context at {@link MANAGER_VIEWPORT} (plus `context` options) whose page
 * enrolled with the demo link, finished its first sync, and is signed in as `user` (who must exist:
 * {@link createFirstManager}).
 */
export async function openManagerSession(
  browser: Browser,
  server: TestServer,
  user: ManagerUser,
  opts: { context?: BrowserContextOptions; syncTimeoutMs?: number } = {},
): Promise<ManagerSession> {
  const ctx = await browser.newContext({ viewport: MANAGER_VIEWPORT, ...opts.context });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.enrolUrl!);
  await new AppShell(page).waitForSync('synced', 0, opts.syncTimeoutMs);
  const csrf = await signInManager(ctx, server.url, user);
  return { ctx, page, errors, csrf };
}
