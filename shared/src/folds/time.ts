/** Time helpers shared by the folds. Device clocks drift; nothing here reads the current clock. */

/** Milliseconds since the epoch for an ISO string, epoch number or Date; NaN when unreadable. */
export function toMs(t: string | number | Date | null | undefined): number {
  if (t === null || t === undefined) return Number.NaN;
  if (typeof t === 'number') return Number.isFinite(t) ? t : Number.NaN;
  if (t instanceof Date) return t.getTime();
  return Date.parse(t);
}

/** A half-open interval in epoch milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

/** Sorts and merges overlapping or touching intervals; drops empty and unreadable ones. */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((i) => Number.isFinite(i.from) && Number.isFinite(i.to) && i.to > i.from)
    .map((i) => ({ from: i.from, to: i.to }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push(i);
  }
  return out;
}

/** Total length of a set of intervals (overlaps counted once). */
export function measure(intervals: readonly Interval[]): number {
  return unionIntervals(intervals).reduce((sum, i) => sum + (i.to - i.from), 0);
}

/** Length of `intervals` minus the parts covered by `cut` (overlaps counted once). */
export function measureExcluding(intervals: readonly Interval[], cut: readonly Interval[]): number {
  const a = unionIntervals(intervals);
  const c = unionIntervals(cut);
  let overlap = 0;
  for (const x of a) {
    for (const y of c) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (to > from) overlap += to - from;
    }
  }
  return measure(a) - overlap;
}

/**
 * Deterministic order of timestamped records: by parsed `at` (unreadable times last), then by the
 * raw `at` string, then by `id`. Any arrival order gives the same sequence.
 */
export function compareByAtThenId(a: { at: string; id: string }, b: { at: string; id: string }): number {
  const ta = toMs(a.at);
  const tb = toMs(b.at);
  const ka = Number.isNaN(ta) ? Number.POSITIVE_INFINITY : ta;
  const kb = Number.isNaN(tb) ? Number.POSITIVE_INFINITY : tb;
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * Orders records deterministically and drops replays of one id (append-only records never change,
 * so a second copy of an id is a replay). When two copies of one id differ, the one with the smaller
 * canonical JSON wins so the choice does not depend on arrival order.
 */
export function orderAndDedupe<T extends { at: string; id: string }>(records: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const r of records) {
    const prev = byId.get(r.id);
    if (prev === undefined || JSON.stringify(sortKeys(r)) < JSON.stringify(sortKeys(prev))) byId.set(r.id, r);
  }
  // Parse each time once: folds run on every render of a floor screen.
  return [...byId.values()]
    .map((r) => ({ r, t: sortTime(r.at) }))
    .sort((a, b) => a.t - b.t || compareByAtThenId(a.r, b.r))
    .map((x) => x.r);
}

function sortTime(at: string): number {
  const t = toMs(at);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function sortKeys(r: object): unknown[] {
  return Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
