import type { StepEvent } from '@printfloor/shared';

/**
 * Quality and downtime aggregates (issue 6), pure, over step events:
 *
 * - Scrap counts `qtyScrap` of `scrap` and `complete` events (as foldStep does), by reason code
 *   (`''` → "unspecified") or by printer (`''` → "no printer").
 * - First-pass yield = good / (good + scrap) over the same events: the share of parts made that
 *   did not end as scrap. null when nothing was made.
 * - Downtime per reason = Σ (downtimeTo − downtimeFrom) in minutes; an open interval runs to
 *   `now`; a missing start falls back to the event time; each interval is clipped to the window.
 * - Utilisation of a printer over a window = union of the time its steps ran (start/resume until
 *   pause/complete/skip; a step still running counts to `now`) ∩ window, / window length.
 * Replayed events (one id twice) count once.
 */

export interface ParetoRow {
  key: string;
  value: number;
  /** value / total, 0–1 */
  share: number;
  /** running sum of shares in order, 0–1 */
  cumulative: number;
}

/** Biggest first (ties by key), zeros dropped, with the cumulative share a Pareto chart draws. */
export function pareto(values: ReadonlyMap<string, number>): ParetoRow[] {
  const rows = [...values].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = rows.reduce((s, [, v]) => s + v, 0);
  let run = 0;
  return rows.map(([key, value]) => {
    run += value;
    return { key, value, share: value / total, cumulative: run / total };
  });
}

export interface Window {
  from: number;
  to: number;
}

function unique(events: readonly StepEvent[]): StepEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

function inWindow(e: StepEvent, w?: Window): boolean {
  if (!w) return true;
  const t = Date.parse(e.at);
  return t >= w.from && t < w.to;
}

function sumBy(events: readonly StepEvent[], key: (e: StepEvent) => string, w?: Window): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of unique(events)) {
    if ((e.type !== 'scrap' && e.type !== 'complete') || e.qtyScrap <= 0 || !inWindow(e, w)) continue;
    const k = key(e);
    out.set(k, (out.get(k) ?? 0) + e.qtyScrap);
  }
  return out;
}

export function scrapByReason(events: readonly StepEvent[], w?: Window): Map<string, number> {
  return sumBy(events, (e) => e.reasonCode || 'unspecified', w);
}

export function scrapByPrinter(events: readonly StepEvent[], w?: Window): Map<string, number> {
  return sumBy(events, (e) => e.printerId || 'no printer', w);
}

export function firstPassYield(
  events: readonly StepEvent[],
  w?: Window,
): { good: number; scrap: number; yield: number | null } {
  let good = 0;
  let scrap = 0;
  for (const e of unique(events)) {
    if (!inWindow(e, w)) continue;
    if (e.type === 'complete') good += e.qtyGood;
    if (e.type === 'complete' || e.type === 'scrap') scrap += e.qtyScrap;
  }
  return { good, scrap, yield: good + scrap > 0 ? good / (good + scrap) : null };
}

/** Downtime minutes per reason code (`''` → "unspecified"). */
export function downtimeByReason(events: readonly StepEvent[], now: number, w?: Window): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of unique(events)) {
    if (e.type !== 'downtime') continue;
    let from = Date.parse(e.downtimeFrom ?? e.at);
    let to = e.downtimeTo ? Date.parse(e.downtimeTo) : now;
    if (Number.isNaN(from) || Number.isNaN(to)) continue;
    if (w) {
      from = Math.max(from, w.from);
      to = Math.min(to, w.to);
    }
    if (to <= from) continue;
    const k = e.reasonCode || 'unspecified';
    out.set(k, (out.get(k) ?? 0) + (to - from) / 60_000);
  }
  return out;
}

type Span = [number, number];

function union(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** Running spans of every step, by printer id (the printer named by the event that opened the span). */
export function runningSpansByPrinter(events: readonly StepEvent[], now: number): Map<string, Span[]> {
  const byOp = new Map<string, StepEvent[]>();
  for (const e of unique(events)) {
    const list = byOp.get(e.operationId);
    if (list) list.push(e);
    else byOp.set(e.operationId, [e]);
  }
  const out = new Map<string, Span[]>();
  const add = (printer: string, from: number, to: number) => {
    if (!printer || to <= from) return;
    const list = out.get(printer);
    if (list) list.push([from, to]);
    else out.set(printer, [[from, to]]);
  };
  for (const list of byOp.values()) {
    list.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    let open: { from: number; printer: string } | null = null;
    let printer = '';
    for (const e of list) {
      if (e.printerId) printer = e.printerId;
      const t = Date.parse(e.at);
      if ((e.type === 'start' || e.type === 'resume') && !open) open = { from: t, printer };
      else if ((e.type === 'pause' || e.type === 'complete' || e.type === 'skip') && open) {
        add(open.printer || printer, open.from, t);
        open = null;
      }
    }
    if (open) add(open.printer || printer, open.from, now);
  }
  return out;
}

/** Utilisation 0–1 per printer id over the window. */
export function utilisation(events: readonly StepEvent[], w: Window, now: number): Map<string, number> {
  const len = w.to - w.from;
  const out = new Map<string, number>();
  if (len <= 0) return out;
  for (const [printer, spans] of runningSpansByPrinter(events, now)) {
    const clipped = spans
      .map(([a, b]): Span => [Math.max(a, w.from), Math.min(b, w.to)])
      .filter(([a, b]) => b > a);
    const busy = union(clipped).reduce((s, [a, b]) => s + (b - a), 0);
    out.set(printer, busy / len);
  }
  return out;
}
