import { useEffect, useRef } from 'react';
import type { WedgeOptions } from './wedge.ts';
import { installWedge } from './wedge-listener.ts';

/**
 * Listens for keyboard-wedge scans anywhere in the page while mounted (and `enabled`). Mount it once
 * in the app shell for "scan from anywhere"; a screen with a target-first flow can mount its own
 * with `enabled` and switch the shell's off, or simply let one handler route by context.
 * The latest `onScan` is always called; changing it does not reinstall the listener.
 */
export function useWedgeScanner(
  onScan: (code: string) => void,
  { enabled = true, ...options }: Partial<WedgeOptions> & { enabled?: boolean } = {},
): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  const { minLength, maxGapMs, breakGapMs, swallowAfter } = options;
  const terminators = options.terminators?.join('\u0000');
  useEffect(() => {
    if (!enabled) return;
    const opts: Partial<WedgeOptions> = {};
    if (minLength !== undefined) opts.minLength = minLength;
    if (maxGapMs !== undefined) opts.maxGapMs = maxGapMs;
    if (breakGapMs !== undefined) opts.breakGapMs = breakGapMs;
    if (swallowAfter !== undefined) opts.swallowAfter = swallowAfter;
    if (terminators !== undefined) opts.terminators = terminators.split('\u0000');
    return installWedge(window, (code) => latest.current(code), opts);
  }, [enabled, minLength, maxGapMs, breakGapMs, swallowAfter, terminators]);
}
