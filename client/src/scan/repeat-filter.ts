import { decodeQr } from '@printfloor/shared';

/**
 * Duplicate suppression for continuous scanning. The camera decodes the code in view on every
 * frame; one spool held in front of it must count once. A code is accepted when it has not been
 * seen for `windowMs`; every sighting (accepted or not) restarts its window, so a label that stays
 * in view never counts twice, and the same label counts again once it has been away for `windowMs`.
 */
export class RepeatFilter {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly windowMs = 2000) {}

  /** Whether this sighting is a new scan. `now` in ms, monotonic. */
  accept(key: string, now: number): boolean {
    const last = this.lastSeen.get(key);
    this.lastSeen.set(key, now);
    this.prune(now);
    return last === undefined || now - last >= this.windowMs;
  }

  /** Forget everything (a new batch). */
  clear(): void {
    this.lastSeen.clear();
  }

  /** Keeps the map to the codes seen within the window: a long session scans thousands of spools. */
  private prune(now: number): void {
    if (this.lastSeen.size < 64) return;
    for (const [k, t] of this.lastSeen) if (now - t >= this.windowMs) this.lastSeen.delete(k);
  }
}

/**
 * The identity of a scan for duplicate suppression: the URL label, the bare code and a wedge
 * scanner's caps-lock variant of one spool are the same scan.
 */
export function scanKey(text: string): string {
  const p = decodeQr(text);
  switch (p.type) {
    case 'record':
      return `${p.kind}:${p.code.toUpperCase()}`;
    case 'spoolman':
      return `spoolman:${p.spoolmanId}`;
    case 'ean':
      return `ean:${p.ean}`;
    case 'invalid':
      return `raw:${text.trim()}`;
  }
}
