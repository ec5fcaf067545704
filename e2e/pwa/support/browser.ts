import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.ts';
import { e2eTls } from '../../support/e2e-tls.ts';

/** Chromium flags for a server whose certificate Chromium must accept (SPKI allow-list). */
export function chromiumArgs(spki?: string | null): string[] {
  // One allow-list flag naming both this site's certificate and the run's (PRINTFLOOR_E2E_HTTPS=1).
  const flag = '--ignore-certificate-errors-spki-list=';
  const base = CHROMIUM_ARGS.filter((a) => !a.startsWith(flag));
  const list = [e2eTls()?.spki, spki].filter((s): s is string => !!s);
  return list.length > 0 ? [...base, `${flag}${list.join(',')}`] : base;
}

export function launchBrowser(spki?: string | null): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(spki), headless: true });
}

/** A browser whose profile (IndexedDB, service workers, caches) lives in `userDataDir` and survives a crash. */
export function launchPersistent(userDataDir: string, spki?: string | null): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: chromiumArgs(spki),
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
}

/**
 * The browser process of a persistent profile: the Chromium process (not a renderer, GPU or utility
 * child, which carry `--type=`) whose command line names our own temporary `userDataDir`.
 */
export function browserPid(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string[];
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (
      cmd.some((a) => a === `--user-data-dir=${userDataDir}`) &&
      !cmd.some((a) => a.startsWith('--type='))
    ) {
      return Number(entry);
    }
  }
  throw new Error(`no Chromium browser process for ${userDataDir}`);
}

/** Kills that one process without warning (SIGKILL): no unload, no flush, like a tablet losing power. */
export function killBrowser(userDataDir: string): void {
  const pid = browserPid(userDataDir);
  process.kill(pid, 'SIGKILL');
  // Wait until it is gone so a relaunch does not find the profile locked.
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    execFileSync('sleep', ['0.1']);
  }
}

/** The state of the page's active worker once it has finished activating (or after 30 s). */
export async function activeWorkerState(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const sw = reg.active;
    if (sw && sw.state === 'activating') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 30_000);
        sw.addEventListener('statechange', () => {
          if (sw.state !== 'activating') {
            clearTimeout(t);
            resolve();
          }
        });
      });
    }
    return sw?.state ?? null;
  });
}

/** Waits until the page is controlled by a service worker (after the first install, clientsClaim). */
export async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
}

export interface Installability {
  errors: { errorId: string; errorArguments: { name: string; value: string }[] }[];
  manifestUrl: string;
  manifestErrors: { message: string; critical: number }[];
}

/** What Chromium's own install check says (the DevTools protocol's Page domain). */
export async function installability(page: Page): Promise<Installability> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const inst: { installabilityErrors: Installability['errors'] } = await cdp.send(
      'Page.getInstallabilityErrors',
    );
    const manifest: { url: string; errors: Installability['manifestErrors'] } =
      await cdp.send('Page.getAppManifest');
    return { errors: inst.installabilityErrors, manifestUrl: manifest.url, manifestErrors: manifest.errors };
  } finally {
    await cdp.detach();
  }
}
