import { afterEach, describe, expect, it } from 'vitest';
import { DIALOG, FALLBACK, SCREEN, pushScanTarget, routeScan } from './scan-targets.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function target(log: string[], name: string, uses: boolean, priority?: number) {
  cleanups.push(pushScanTarget((t) => (log.push(`${name}:${t}`), uses), priority));
}

describe('routeScan', () => {
  it('gives a target-first screen the scan before the shell fallback, whatever the mount order', async () => {
    const log: string[] = [];
    target(log, 'printer-screen', true, SCREEN);
    target(log, 'shell', true, FALLBACK); // mounted later (parents mount after children)
    expect(await routeScan('SP-1')).toBe(true);
    expect(log).toEqual(['printer-screen:SP-1']);
  });

  it('passes a scan the screen does not want on to the next handler', async () => {
    const log: string[] = [];
    target(log, 'shell', true, FALLBACK);
    target(log, 'screen', false, SCREEN);
    target(log, 'dialog', false, DIALOG);
    expect(await routeScan('WO-1')).toBe(true);
    expect(log).toEqual(['dialog:WO-1', 'screen:WO-1', 'shell:WO-1']);
  });

  it('prefers the newest of one priority, and forgets a target once removed', async () => {
    const log: string[] = [];
    target(log, 'old', true);
    const remove = pushScanTarget((t) => (log.push(`new:${t}`), Promise.resolve(true)));
    expect(await routeScan('a')).toBe(true);
    remove();
    expect(await routeScan('b')).toBe(true);
    expect(log).toEqual(['new:a', 'old:b']);
  });

  it('reports an unhandled scan', async () => {
    expect(await routeScan('x')).toBe(false);
  });
});
