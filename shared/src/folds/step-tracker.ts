import type { StepEvent } from '../domain/step-events.ts';
import { type Interval, measure, measureExcluding, orderAndDedupe, toMs } from './time.ts';

/**
 * The step tracker as a fold of its append-only step events (DESIGN.md data model). Pure and
 * deterministic: events are ordered by device time `at`, then `id`, and replays of one id count
 * once, so every arrival order gives the same state. Events that make no sense in the state they
 * land in (an offline tablet did not know better) never throw: they are listed in `anomalies` and,
 * where applying them would double-count or contradict, left out of the state.
 *
 * State machine: pending --start--> running --pause--> paused --resume--> running;
 * running|paused --complete--> completed; pending|running|paused --skip--> skipped.
 * A `complete` on a pending step is applied (the work was done) with an anomaly and no start time.
 * `scrap`, `note`, `qc` and `downtime` apply in any state.
 */

export type StepStatus = 'pending' | 'running' | 'paused' | 'completed' | 'skipped';

export interface StepPause {
  at: string;
  reasonCode: string;
  /** When the step resumed; null while paused, or when it was completed/skipped from the pause. */
  resumedAt: string | null;
}

export interface StepNote {
  at: string;
  operatorId: string;
  note: string;
}

export interface StepState {
  status: StepStatus;
  startedAt: string | null;
  endedAt: string | null;
  /** Time spent running (pauses and reported downtime excluded), up to `now` while running. */
  runningMs: number;
  /** Time spent paused, up to `now` while paused. */
  pausedMs: number;
  /** Reported downtime (union of the intervals; an open interval runs to the end or `now`). */
  downtimeMs: number;
  qtyGood: number;
  /** Scrap from `scrap` events plus `complete`'s `qtyScrap`. */
  qtyScrap: number;
  /** Every operator who recorded an event, in order of first appearance. */
  operatorIds: string[];
  lastOperatorId: string | null;
  /** The printer or machine of the latest event that named one. */
  printerId: string | null;
  pauses: StepPause[];
  /** Latest QC result. */
  qc: 'pass' | 'fail' | null;
  notes: StepNote[];
  /** The events in fold order (replays removed). */
  timeline: StepEvent[];
  /** One line per event that did not fit the state it arrived in. */
  anomalies: string[];
}

interface Acc {
  s: StepState;
  runningFrom: number | null;
  pausedFrom: number | null;
  running: Interval[];
  paused: Interval[];
  downtime: Interval[];
  /** Downtime reported without an end: runs until the step ends or `now`. */
  openDowntimeFrom: number[];
}

/** An untouched step. */
export function emptyStepState(): StepState {
  return {
    status: 'pending',
    startedAt: null,
    endedAt: null,
    runningMs: 0,
    pausedMs: 0,
    downtimeMs: 0,
    qtyGood: 0,
    qtyScrap: 0,
    operatorIds: [],
    lastOperatorId: null,
    printerId: null,
    pauses: [],
    qc: null,
    notes: [],
    timeline: [],
    anomalies: [],
  };
}

/** Folds one step's events into its state; `now` bounds the open running, paused and downtime spans. */
export function foldStep(events: readonly StepEvent[], now: string | number | Date): StepState {
  const acc: Acc = {
    s: emptyStepState(),
    runningFrom: null,
    pausedFrom: null,
    running: [],
    paused: [],
    downtime: [],
    openDowntimeFrom: [],
  };
  const ordered = orderAndDedupe(events);
  acc.s.timeline = ordered;
  for (const ev of ordered) {
    const t = toMs(ev.at);
    if (Number.isNaN(t)) {
      acc.s.anomalies.push(`${ev.id}: ${ev.type} has an unreadable time "${ev.at}", ignored`);
      continue;
    }
    track(acc.s, ev);
    apply(acc, ev, t);
  }
  return finish(acc, toMs(now));
}

function track(s: StepState, ev: StepEvent): void {
  if (ev.operatorId !== '') {
    if (!s.operatorIds.includes(ev.operatorId)) s.operatorIds.push(ev.operatorId);
    s.lastOperatorId = ev.operatorId;
  }
  if (ev.printerId !== '') s.printerId = ev.printerId;
}

function apply(acc: Acc, ev: StepEvent, t: number): void {
  const s = acc.s;
  switch (ev.type) {
    case 'start':
      if (s.status !== 'pending') return anomaly(s, ev, `start while ${s.status}, ignored`);
      s.status = 'running';
      s.startedAt = ev.at;
      acc.runningFrom = t;
      return;
    case 'pause':
      if (s.status !== 'running') return anomaly(s, ev, `pause while ${s.status}, ignored`);
      closeSpans(acc, t);
      s.status = 'paused';
      acc.pausedFrom = t;
      s.pauses.push({ at: ev.at, reasonCode: ev.reasonCode, resumedAt: null });
      return;
    case 'resume':
      if (s.status !== 'paused') return anomaly(s, ev, `resume while ${s.status}, ignored`);
      closeSpans(acc, t);
      s.status = 'running';
      acc.runningFrom = t;
      lastPause(s).resumedAt = ev.at;
      return;
    case 'complete':
      return applyComplete(acc, ev, t);
    case 'skip':
      if (s.status === 'completed' || s.status === 'skipped') {
        return anomaly(s, ev, `skip while ${s.status}, ignored`);
      }
      closeSpans(acc, t);
      s.status = 'skipped';
      s.endedAt = ev.at;
      return;
    case 'scrap':
      if (count(ev.qtyScrap) === 0) anomaly(s, ev, 'scrap without a quantity');
      s.qtyScrap += count(ev.qtyScrap);
      return;
    case 'downtime':
      return applyDowntime(acc, ev);
    case 'note':
      s.notes.push({ at: ev.at, operatorId: ev.operatorId, note: ev.note });
      return;
    case 'qc':
      if (ev.qcResult === null) return anomaly(s, ev, 'qc without a result, ignored');
      s.qc = ev.qcResult;
      return;
  }
}

function applyComplete(acc: Acc, ev: StepEvent, t: number): void {
  const s = acc.s;
  if (s.status === 'completed' || s.status === 'skipped') {
    return anomaly(s, ev, `complete while ${s.status}, ignored (good ${ev.qtyGood}, scrap ${ev.qtyScrap})`);
  }
  if (s.status === 'pending') anomaly(s, ev, 'complete without a start');
  closeSpans(acc, t);
  s.status = 'completed';
  s.endedAt = ev.at;
  s.qtyGood += count(ev.qtyGood);
  s.qtyScrap += count(ev.qtyScrap);
}

function applyDowntime(acc: Acc, ev: StepEvent): void {
  const from = toMs(ev.downtimeFrom ?? ev.at);
  const to = ev.downtimeTo === null ? null : toMs(ev.downtimeTo);
  if (Number.isNaN(from) || (to !== null && Number.isNaN(to))) {
    return anomaly(acc.s, ev, 'downtime with an unreadable interval, ignored');
  }
  if (to !== null && to < from) return anomaly(acc.s, ev, 'downtime ends before it starts, ignored');
  if (to === null) acc.openDowntimeFrom.push(from);
  else acc.downtime.push({ from, to });
}

/** Ends the open running or paused span at `t` (never before it began: clocks drift). */
function closeSpans(acc: Acc, t: number): void {
  if (acc.runningFrom !== null) acc.running.push({ from: acc.runningFrom, to: Math.max(acc.runningFrom, t) });
  if (acc.pausedFrom !== null) acc.paused.push({ from: acc.pausedFrom, to: Math.max(acc.pausedFrom, t) });
  acc.runningFrom = null;
  acc.pausedFrom = null;
}

function finish(acc: Acc, nowMs: number): StepState {
  const s = acc.s;
  const open = acc.runningFrom ?? acc.pausedFrom;
  // An unreadable `now` freezes the open span at its start rather than producing NaN.
  if (open !== null) closeSpans(acc, Number.isNaN(nowMs) ? open : nowMs);
  const endMs = s.endedAt !== null ? toMs(s.endedAt) : nowMs;
  for (const from of acc.openDowntimeFrom) {
    if (!Number.isNaN(endMs)) acc.downtime.push({ from, to: Math.max(from, endMs) });
  }
  s.runningMs = measureExcluding(acc.running, acc.downtime);
  s.pausedMs = measure(acc.paused);
  s.downtimeMs = measure(acc.downtime);
  return s;
}

function lastPause(s: StepState): StepPause {
  const p = s.pauses[s.pauses.length - 1];
  // A paused step always has a pause record: 'paused' is only entered through `pause`.
  if (p === undefined) throw new Error('invariant: paused step without a pause record');
  return p;
}

function anomaly(s: StepState, ev: StepEvent, what: string): void {
  s.anomalies.push(`${ev.id} (${ev.at}): ${what}`);
}

function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}
