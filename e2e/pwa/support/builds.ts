import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/paths.ts';

const VITE = join(REPO_ROOT, 'client', 'node_modules', '.bin', 'vite');

export interface BuildOptions {
  /** Shown as "App version" in Settings (PRINTFLOOR_BUILD_ID). */
  buildId: string;
  /** Run this collection one local schema version higher, with a migration step (migrations.ts). */
  migrationDrill?: string;
  /** Idle time before a waiting update applies itself (VITE_PRINTFLOOR_UPDATE_IDLE_MS). */
  updateIdleMs?: number;
}

/**
 * A production build of the client into a temp outDir, so v1/v2 builds never fight over
 * client/dist with other suites. Returns the directory; remove it with {@link removeBuild}.
 */
export function buildClient(opts: BuildOptions): string {
  const outDir = mkdtempSync(join(tmpdir(), `printfloor-client-${opts.buildId}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // NODE_ENV=test (vitest) would make Vite build a development bundle.
    NODE_ENV: 'production',
    PRINTFLOOR_BUILD_ID: opts.buildId,
  };
  if (opts.migrationDrill) env.VITE_PRINTFLOOR_MIGRATION_DRILL = opts.migrationDrill;
  else delete env.VITE_PRINTFLOOR_MIGRATION_DRILL;
  if (opts.updateIdleMs) env.VITE_PRINTFLOOR_UPDATE_IDLE_MS = String(opts.updateIdleMs);
  else delete env.VITE_PRINTFLOOR_UPDATE_IDLE_MS;
  execFileSync(VITE, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: join(REPO_ROOT, 'client'),
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(join(outDir, 'sw.js'))) throw new Error(`client build in ${outDir} has no sw.js`);
  return outDir;
}

export function removeBuild(dir: string | null): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** The entry script a build's index.html loads: tells one build from another in the page. */
export function entryOf(dist: string): string {
  return /<script type="module"[^>]*src="([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))![1]!;
}

/** The entry script of the build the page is running now. */
export function entryInPage(page: Page): Promise<string> {
  return page.evaluate(
    () => new URL(document.querySelector<HTMLScriptElement>('script[type="module"]')!.src).pathname,
  );
}

/** Waits until the page runs the build in `dist` (an update applied, by a tap or by itself). */
export async function waitForBuild(page: Page, dist: string): Promise<void> {
  await page.waitForFunction(
    (entry) => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src.endsWith(entry),
    entryOf(dist),
    { timeout: 60_000 },
  );
}
