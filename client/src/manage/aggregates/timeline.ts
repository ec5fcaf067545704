import type { StepEvent } from '@printfloor/shared';

/**
 * "Today on the floor": what each printer or machine actually did in a time window, rebuilt from
 * the append-only step events (start, pause, resume, complete, skip, downtime). Pure: the caller
 * passes the window and `now`, nothing reads the clock.
 *
 * Per step (events of one operation, in fold order — device time, then id, replays once), the same
 * state machine as the step tracker fold: start opens a run, pause closes it and opens a pause,
 * resume closes the pause and opens a run, complete or skip closes whatever is open. Events that do
 * not fit the state (a second start) are ignored here as they are there. A span still open runs to
 * `now` and is marked `open`. Downtime comes from `downtime` events (their from/to; an open one
 * runs to the end of its step, else to `now`) and is drawn over the runs it interrupts; it may
 * also be reported on a printer without any step (operationId `''`).
 */

/** A half-open interval in epoch milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

const toMs = (t: string | null): number => (t === null ? Number.NaN : Date.parse(t));

/**
 * Records in fold order: device time, then id; a replayed id once. (The shared folds keep their
 * own copy private; this is the same order for records that the floor wrote.)
 */
export function inFoldOrder<T extends { at: string; id: string }>(records: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  const key = (r: T) => {
    const t = toMs(r.at);
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return [...byId.values()].sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Sorted, merged intervals (overlapping or touching ones joined, empty ones dropped). */
export function unionIntervals(list: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...list].filter((x) => x.to > x.from).sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

export function measure(list: readonly Interval[]): number {
  return unionIntervals(list).reduce((s, i) => s + i.to - i.from, 0);
}

/** Length of `list` outside `cut`. */
export function measureExcluding(list: readonly Interval[], cut: readonly Interval[]): number {
  const a = unionIntervals(list);
  let overlap = 0;
  for (const x of a) for (const c of unionIntervals(cut)) overlap += Math.max(0, Math.min(x.to, c.to) - Math.max(x.from, c.from));
  return measure(a) - overlap;
}

export type SegmentKind = 'run' | 'paused' | 'downtime';

export interface TimelineSegment {
  kind: SegmentKind;
  from: number;
  to: number;
  /** Still going at `now`. */
  open: boolean;
  workOrderId: string;
  operationId: string;
  /** Pause or downtime reason code; `''` for runs. */
  reasonCode: string;
}

export interface TimelineLane {
  printerId: string;
  /** Sorted by start, then kind. */
  segments: TimelineSegment[];
  /** Running time inside the window, reported downtime cut out. */
  runMs: number;
  pausedMs: number;
  downtimeMs: number;
}

/** Where a step runs when its events do not say: the operation's assigned printer. */
export interface OperationRef {
  workOrderId: string;
  printerId: string;
  /** Steps that run on no printer (a bench, QC) get a lane per work center: `wc:<id>`. */
  workCenterId?: string;
}

interface StepSpans {
  printerId: string;
  workOrderId: string;
  segments: TimelineSegment[];
  /** When the step completed or was skipped; null while it is open. */
  endedAt: number | null;
}

function stepSpans(operationId: string, events: readonly StepEvent[], op: OperationRef | undefined, now: number): StepSpans {
  const ordered = inFoldOrder(events);
  let printerId = '';
  for (const e of ordered) if (e.printerId !== '') printerId = e.printerId;
  const workOrderId = ordered[0]?.workOrderId || op?.workOrderId || '';
  const lane = printerId || op?.printerId || (op?.workCenterId ? `wc:${op.workCenterId}` : '');
  const out: StepSpans = { printerId: lane, workOrderId, segments: [], endedAt: null };
  let state: 'pending' | 'running' | 'paused' | 'done' = 'pending';
  let from = 0;
  let reason = '';
  const close = (kind: SegmentKind, to: number) =>
    out.segments.push({ kind, from, to, open: false, workOrderId, operationId, reasonCode: kind === 'run' ? '' : reason });
  for (const e of ordered) {
    const t = toMs(e.at);
    if (Number.isNaN(t)) continue;
    switch (e.type) {
      case 'start':
        if (state === 'pending') [state, from] = ['running', t];
        break;
      case 'pause':
        if (state === 'running') {
          close('run', t);
          [state, from, reason] = ['paused', t, e.reasonCode];
        }
        break;
      case 'resume':
        if (state === 'paused') {
          close('paused', t);
          [state, from] = ['running', t];
        }
        break;
      case 'complete':
      case 'skip':
        if (state === 'running') close('run', t);
        if (state === 'paused') close('paused', t);
        if (state !== 'done') out.endedAt = t;
        state = 'done';
        break;
      case 'scrap':
      case 'downtime':
      case 'note':
      case 'qc':
        break;
    }
  }
  if (state === 'running' || state === 'paused') {
    const kind = state === 'running' ? 'run' : 'paused';
    out.segments.push({ kind, from, to: Math.max(from, now), open: true, workOrderId, operationId, reasonCode: kind === 'run' ? '' : reason });
  }
  return out;
}

function downtimeSegment(e: StepEvent, stepEnd: number | null, now: number): TimelineSegment | null {
  const from = toMs(e.downtimeFrom ?? e.at);
  const explicitTo = e.downtimeTo === null ? Number.NaN : toMs(e.downtimeTo);
  const open = Number.isNaN(explicitTo) && stepEnd === null;
  const to = Number.isNaN(explicitTo) ? (stepEnd ?? now) : explicitTo;
  if (Number.isNaN(from) || !(to > from)) return null;
  return { kind: 'downtime', from, to, open, workOrderId: e.workOrderId, operationId: e.operationId, reasonCode: e.reasonCode };
}

function clip(s: TimelineSegment, w: Interval): TimelineSegment | null {
  const from = Math.max(s.from, w.from);
  const to = Math.min(s.to, w.to);
  return to > from ? { ...s, from, to } : null;
}

/**
 * The lanes of a window: one per printer with something in it, plus one (empty) for each id in
 * `include` (so an idle printer shows as a bare lane). A step with no printer goes to its work
 * center's lane `wc:<id>`, and to lane `''` when it has neither.
 */
export function floorTimeline(
  events: readonly StepEvent[],
  ops: ReadonlyMap<string, OperationRef>,
  window: Interval,
  now: number,
  include: readonly string[] = [],
): TimelineLane[] {
  const byOp = new Map<string, StepEvent[]>();
  for (const e of events) {
    if (e.operationId === '') continue;
    const list = byOp.get(e.operationId);
    if (list) list.push(e);
    else byOp.set(e.operationId, [e]);
  }
  const segs = new Map<string, TimelineSegment[]>(include.map((p) => [p, []]));
  const add = (printerId: string, s: TimelineSegment | null) => {
    const c = s && clip(s, window);
    if (!c) return;
    const list = segs.get(printerId);
    if (list) list.push(c);
    else segs.set(printerId, [c]);
  };
  for (const [opId, list] of byOp) {
    const step = stepSpans(opId, list, ops.get(opId), now);
    for (const s of step.segments) add(step.printerId, s);
    for (const e of inFoldOrder(list)) {
      if (e.type === 'downtime') add(e.printerId || step.printerId, downtimeSegment(e, step.endedAt, now));
    }
  }
  for (const e of inFoldOrder(events.filter((x) => x.operationId === '' && x.type === 'downtime'))) {
    add(e.printerId, downtimeSegment(e, null, now));
  }
  const order: Record<SegmentKind, number> = { run: 0, paused: 1, downtime: 2 };
  return [...segs].map(([printerId, list]) => {
    list.sort((a, b) => a.from - b.from || order[a.kind] - order[b.kind]);
    const of = (k: SegmentKind): Interval[] => list.filter((s) => s.kind === k).map((s) => ({ from: s.from, to: s.to }));
    const down = of('downtime');
    return {
      printerId,
      segments: list,
      runMs: measureExcluding(of('run'), down),
      pausedMs: measure(of('paused')),
      downtimeMs: measure(unionIntervals(down)),
    };
  });
}

/** Local-midnight-to-midnight window of the day holding `now` (the shop's own clock). */
export function dayWindow(now: number): Interval {
  const d = new Date(now);
  const from = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const to = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  return { from, to };
}

const HOUR = 3_600_000;

/** The hours to draw: from the first thing that happened (06:00 at the latest) to now or the last end, whole hours. */
export function axisSpan(lanes: readonly TimelineLane[], window: Interval, now: number): Interval {
  let from = Math.min(window.from + 6 * HOUR, now);
  let to = Math.min(window.to, Math.max(now, window.from + 8 * HOUR));
  for (const l of lanes)
    for (const s of l.segments) {
      from = Math.min(from, s.from);
      to = Math.max(to, s.to);
    }
  from = Math.max(window.from, Math.floor((from - window.from) / HOUR) * HOUR + window.from);
  to = Math.min(window.to, Math.ceil((to - window.from) / HOUR) * HOUR + window.from);
  if (to - from < 4 * HOUR) to = Math.min(window.to, from + 4 * HOUR);
  return { from, to };
}


/**
 * Rows within a lane so that no two steps overlap (a bench works on several orders at once): each
 * step (its segments together) takes the first row free at its start. Returns row per operation id
 * (downtime without a step rides on row 0) and the number of rows.
 */
export function packRows(segments: readonly TimelineSegment[]): { rowOf: Map<string, number>; rows: number } {
  const spans = new Map<string, Interval>();
  for (const s of segments) {
    if (s.operationId === '') continue;
    const x = spans.get(s.operationId);
    spans.set(s.operationId, x ? { from: Math.min(x.from, s.from), to: Math.max(x.to, s.to) } : { from: s.from, to: s.to });
  }
  const ends: number[] = [];
  const rowOf = new Map<string, number>();
  for (const [id, sp] of [...spans].sort((a, b) => a[1].from - b[1].from || (a[0] < b[0] ? -1 : 1))) {
    let row = ends.findIndex((end) => end <= sp.from);
    if (row === -1) row = ends.push(0) - 1;
    ends[row] = sp.to;
    rowOf.set(id, row);
  }
  return { rowOf, rows: Math.max(1, ends.length) };
}
