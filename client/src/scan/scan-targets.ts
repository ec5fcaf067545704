import { useEffect, useRef } from 'react';

/**
 * Where a scan goes. Every source (keyboard wedge, camera, manual entry) calls `routeScan`; the
 * screen on top decides first. A screen with a target-first flow ("scan the spool to load on this
 * printer") registers a handler with `useScanTarget` and returns true when it used the scan; the
 * app shell registers the fallback ("open the record") with priority `FALLBACK`. Among handlers of
 * one priority the newest wins: React mounts children before parents, so mount order is no guide.
 */

/** Returns true when it used the scan; false passes it on to the next handler. */
export type ScanHandler = (text: string) => boolean | Promise<boolean>;

export const FALLBACK = 0;
export const SCREEN = 10;
export const DIALOG = 20;

interface Entry {
  handler: ScanHandler;
  priority: number;
  seq: number;
}

let entries: Entry[] = [];
let seq = 0;

export function pushScanTarget(handler: ScanHandler, priority = SCREEN): () => void {
  const entry: Entry = { handler, priority, seq: ++seq };
  entries = [...entries, entry].sort((a, b) => b.priority - a.priority || b.seq - a.seq);
  return () => {
    entries = entries.filter((e) => e !== entry);
  };
}

/** Offers the scan to the handlers, highest priority and newest first; false when none used it. */
export async function routeScan(text: string): Promise<boolean> {
  for (const e of [...entries]) {
    if (await e.handler(text)) return true;
  }
  return false;
}

/** Registers `handler` while mounted and `enabled`. The latest handler is always called. */
export function useScanTarget(handler: ScanHandler, { priority = SCREEN, enabled = true } = {}): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    return pushScanTarget((text) => latest.current(text), priority);
  }, [priority, enabled]);
}
