import type { DayBucket } from './reports.repo.ts';

/**
 * Calendar days of a time zone as UTC intervals: a day runs from local midnight to the next local
 * midnight (23 or 25 hours across a DST change). The manager's browser sends its zone (IANA name),
 * so "per day" means the days on the shop's wall clock, as the client's local-day charts do.
 */

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at instant `ms`, in ms (local − UTC). */
function offsetAt(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of local midnight starting `y-m-d` in `tz`. */
export function localMidnight(y: number, m: number, d: number, tz: string): number {
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetAt(guess, tz);
  t = guess - offsetAt(t, tz);
  return t;
}

/** `YYYY-MM-DD` of instant `ms` in `tz`. */
export function localDay(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(ms));
  const v = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')}`;
}

/** Every local day that overlaps [from, to), clipped to it; at most `max` days (oldest dropped). */
export function dayBuckets(from: Date, to: Date, tz: string, max = 366): DayBucket[] {
  const out: DayBucket[] = [];
  let [y, m, d] = localDay(from.getTime(), tz).split('-').map(Number) as [number, number, number];
  for (let guard = 0; guard < 4000; guard++) {
    const start = localMidnight(y, m, d, tz);
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    [y, m, d] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
    const end = localMidnight(y, m, d, tz);
    if (start >= to.getTime()) break;
    const f = Math.max(start, from.getTime());
    const t = Math.min(end, to.getTime());
    if (t > f) out.push({ day: localDay(start, tz), from: new Date(f), to: new Date(t) });
  }
  return out.slice(-max);
}
