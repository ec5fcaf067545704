import { existsSync } from 'node:fs';
import { e2eTls } from './e2e-tls.ts';

/** Debian's Chromium (`apt-get install -y chromium`); the browser tests skip, visibly, without it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // PRINTFLOOR_E2E_HTTPS=1: trust the e2e run's server certificate (support/e2e-tls.ts).
  ...(e2eTls() ? [`--ignore-certificate-errors-spki-list=${e2eTls()!.spki}`] : []),
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}
