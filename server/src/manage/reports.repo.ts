import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';

/**
 * The manager's heavy aggregates as SQL over the typed replicated tables (issue 6), for date
 * ranges beyond what a browser holds locally. Definitions are those of the client's pure
 * aggregates (client/src/manage/aggregates/quality.ts and inventory.ts) — keep them in step; a test
 * runs both on one fixture (e2e/manage/import-reports-agree.test.ts).
 *
 * Device times are text (ISO-8601). `ts()` reads one as timestamptz and yields NULL for anything
 * that does not look like a timestamp, so one malformed record cannot fail a report (the client
 * skips what `Date.parse` cannot read in the same way).
 */

export interface Range {
  from: Date;
  to: Date;
  /** Open intervals (a downtime without an end, a step still running) run to now. */
  now: Date;
}

/** A bucket of a per-day figure: its label and bounds (local midnight to midnight, chosen by the caller). */
export interface DayBucket {
  day: string;
  from: Date;
  to: Date;
}

const TS_RE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[T ]([01]\\d|2[0-3]):[0-5]\\d';

function ts(col: SQL): SQL {
  return sql`(case when ${col} ~ ${TS_RE} then (${col})::timestamptz end)`;
}

const iso = (d: Date) => d.toISOString();

/** `execute()` answers `{ rows }` on PGlite and an array on postgres-js. */
function rowsOf<R>(result: unknown): R[] {
  return Array.isArray(result) ? (result as R[]) : (result as { rows: R[] }).rows;
}

async function all<R>(db: Executor, q: SQL): Promise<R[]> {
  return rowsOf<R>(await db.execute(q));
}

export interface KeyValue {
  key: string;
  value: number;
}

function inWindow(r: Range): SQL {
  return sql`${ts(sql`at`)} >= ${iso(r.from)}::timestamptz and ${ts(sql`at`)} < ${iso(r.to)}::timestamptz`;
}

/** Scrapped parts (`qtyScrap` of scrap and complete events) by reason code or by printer. */
export async function scrapBy(
  db: Executor,
  tenantId: string,
  by: 'reason' | 'printer',
  r: Range,
): Promise<KeyValue[]> {
  const key =
    by === 'reason'
      ? sql`coalesce(nullif(reason_code, ''), 'unspecified')`
      : sql`coalesce(nullif(printer_id, ''), 'no printer')`;
  const rows = await all<{ key: string; value: number | string }>(
    db,
    sql`select ${key} as key, sum(qty_scrap)::float8 as value from step_events
        where tenant_id = ${tenantId} and not deleted and type in ('scrap', 'complete') and qty_scrap > 0
          and ${inWindow(r)}
        group by 1`,
  );
  return rows.map((x) => ({ key: x.key, value: Number(x.value) }));
}

/** Good parts (complete) and scrapped parts (complete + scrap) in the window. */
export async function goodAndScrap(
  db: Executor,
  tenantId: string,
  r: Range,
): Promise<{ good: number; scrap: number }> {
  const [row] = await all<{ good: number | string; scrap: number | string }>(
    db,
    sql`select coalesce(sum(qty_good) filter (where type = 'complete'), 0)::float8 as good,
               coalesce(sum(qty_scrap) filter (where type in ('complete', 'scrap')), 0)::float8 as scrap
        from step_events where tenant_id = ${tenantId} and not deleted and ${inWindow(r)}`,
  );
  return { good: Number(row?.good ?? 0), scrap: Number(row?.scrap ?? 0) };
}

/**
 * Downtime minutes per reason: each `downtime` event's interval (from its downtimeFrom, or its own
 * time when that is null; to its downtimeTo, or now while open) clipped to the window.
 */
export async function downtimeByReason(db: Executor, tenantId: string, r: Range): Promise<KeyValue[]> {
  const start = sql`greatest(case when downtime_from is null then ${ts(sql`at`)} else ${ts(sql`downtime_from`)} end, ${iso(r.from)}::timestamptz)`;
  const end = sql`least(coalesce(${ts(sql`nullif(downtime_to, '')`)}, ${iso(r.now)}::timestamptz), ${iso(r.to)}::timestamptz)`;
  const rows = await all<{ key: string; value: number | string }>(
    db,
    sql`select key, sum(extract(epoch from (e - s)) / 60)::float8 as value from (
          select coalesce(nullif(reason_code, ''), 'unspecified') as key, ${start} as s, ${end} as e
          from step_events where tenant_id = ${tenantId} and not deleted and type = 'downtime') d
        where e > s group by key`,
  );
  return rows.map((x) => ({ key: x.key, value: Number(x.value) }));
}

/**
 * Busy seconds per printer and bucket: the union of the time steps ran on it — a step runs from a
 * start/resume (when not running) to the next pause/complete/skip, or to now — clipped to each
 * bucket. A span belongs to the printer last named by the step's events up to its start (else up
 * to its end). Same definition as the client's runningSpansByPrinter + utilisation.
 */
export async function busySeconds(
  db: Executor,
  tenantId: string,
  buckets: DayBucket[],
  now: Date,
): Promise<{ day: string; printer: string; seconds: number }[]> {
  if (buckets.length === 0) return [];
  const until = buckets.reduce((m, b) => (b.to > m ? b.to : m), buckets[0]!.to);
  const days = JSON.stringify(buckets.map((b) => ({ day: b.day, f: iso(b.from), t: iso(b.to) })));
  const rows = await all<{ day: string; printer: string; seconds: number | string }>(
    db,
    sql`with ev as (
          select id, operation_id, type, ${ts(sql`at`)} as t, printer_id,
                 count(nullif(printer_id, '')) over (partition by operation_id order by ${ts(sql`at`)}, id) as pgrp
          from step_events
          -- A step event after the last bucket cannot change what happened inside the buckets.
          where tenant_id = ${tenantId} and not deleted and ${ts(sql`at`)} < ${iso(until)}::timestamptz),
        carried as (
          select *, max(nullif(printer_id, '')) over (partition by operation_id, pgrp) as printer from ev),
        named as (
          select *, first_value(printer) over (partition by operation_id order by t desc, id desc) as last_printer
          from carried),
        rel as (
          select operation_id, id, t, printer, last_printer, type in ('start', 'resume') as opener,
                 coalesce(lag(type in ('start', 'resume')) over (partition by operation_id order by t, id), false) as was_open
          from named where type in ('start', 'resume', 'pause', 'complete', 'skip')),
        -- The events that open or close a step alternate (open, close, open, …), so each opening's
        -- end is the next of them: one window pass, no join of openings to closings (with stale
        -- statistics the planner once ran that join as a nested loop: seconds for 4,000 events).
        turns as (
          select opener, t, printer, last_printer,
                 lead(t) over w as end_t, lead(printer) over w as end_printer
          from rel where opener <> was_open
          window w as (partition by operation_id order by t, id)),
        spans as (
          select coalesce(printer, end_printer, case when end_t is null then last_printer end) as printer,
                 t as a, coalesce(end_t, ${iso(now)}::timestamptz) as b
          from turns where opener),
        -- Materialized: else the join below parses the JSON once per span.
        days as materialized (
          select day, f::timestamptz as f, t::timestamptz as t
          from json_to_recordset(${days}::json) as d(day text, f text, t text)),
        clipped as (
          select d.day, s.printer, greatest(s.a, d.f) as a, least(s.b, d.t) as b
          from spans s join days d on s.a < d.t and s.b > d.f
          where s.printer is not null and s.b > s.a),
        marked as (
          select *, max(b) over (partition by day, printer order by a, b
                                 rows between unbounded preceding and 1 preceding) as prev_end
          from clipped),
        islands as (
          select *, sum(case when prev_end is null or a > prev_end then 1 else 0 end)
                      over (partition by day, printer order by a, b rows unbounded preceding) as isl
          from marked),
        busy as (
          select day, printer, extract(epoch from (max(b) - min(a))) as secs from islands group by day, printer, isl)
        select day, printer, sum(secs)::float8 as seconds from busy group by day, printer`,
  );
  return rows.map((x) => ({ day: x.day, printer: x.printer, seconds: Number(x.seconds) }));
}

/** Grams consumed (|grams| of `consume` movements) per bucket. */
export async function usagePerBucket(
  db: Executor,
  tenantId: string,
  buckets: DayBucket[],
): Promise<{ day: string; grams: number }[]> {
  if (buckets.length === 0) return [];
  const lo = buckets.reduce((m, b) => (b.from < m ? b.from : m), buckets[0]!.from);
  const hi = buckets.reduce((m, b) => (b.to > m ? b.to : m), buckets[0]!.to);
  const days = JSON.stringify(buckets.map((b) => ({ day: b.day, f: iso(b.from), t: iso(b.to) })));
  const rows = await all<{ day: string; grams: number | string }>(
    db,
    sql`with days as materialized (
          select day, f::timestamptz as f, t::timestamptz as t
          from json_to_recordset(${days}::json) as d(day text, f text, t text)),
        -- Materialized and cut to the range first: inlined, the join would read every timestamp
        -- (a regular expression and a cast) once per day (20,000 movements: 3 s instead of 0.1).
        m as materialized (
          select t, g from (
            select ${ts(sql`at`)} as t, abs(grams) as g from spool_movements
            where tenant_id = ${tenantId} and not deleted and type = 'consume') x
          where t >= ${iso(lo)}::timestamptz and t < ${iso(hi)}::timestamptz)
        select d.day, coalesce(sum(m.g), 0)::float8 as grams
        from days d left join m on m.t >= d.f and m.t < d.t group by d.day`,
  );
  return rows.map((x) => ({ day: x.day, grams: Number(x.grams) }));
}

export interface StockRow {
  material: string;
  colorHex: string;
  colorName: string;
  /** Spools with something left. */
  spools: number;
  remainingG: number;
  usedInWindowG: number;
}

/**
 * Stock per material and colour: each spool's remaining grams as the fold of its ledger (the
 * client's foldSpoolLedger: the last weigh-in sets the level, later receives and adjusts add,
 * consumes subtract; no weigh-in → from the nominal net weight unless a receive exists; disposed,
 * empty and disposed-status spools count 0; never below 0), and the grams consumed in
 * (`usedFrom`, `usedTo`].
 */
export async function stockByGroup(
  db: Executor,
  tenantId: string,
  usedFrom: Date,
  usedTo: Date,
): Promise<StockRow[]> {
  const rows = await all<{
    material: string;
    color_hex: string;
    color_name: string;
    spools: number | string;
    remaining: number | string;
    used: number | string;
  }>(
    db,
    sql`with ord as (
          select spool_id, id, type, grams, ${ts(sql`at`)} as t from spool_movements
          where tenant_id = ${tenantId} and not deleted),
        lw as (
          select distinct on (spool_id) spool_id, t, id, grams from ord where type = 'weigh_in'
          order by spool_id, t desc nulls first, id desc),
        agg as (
          select o.spool_id,
                 bool_or(o.type = 'dispose') as disposed,
                 bool_or(o.type = 'receive') as has_receive,
                 max(lw.grams) as lw_grams,
                 bool_or(lw.spool_id is not null) as has_lw,
                 sum(case when lw.spool_id is null or (o.t, o.id) > (lw.t, lw.id) then
                       case o.type when 'receive' then o.grams when 'adjust' then o.grams
                                   when 'consume' then -abs(o.grams) else 0 end
                     else 0 end) as delta,
                 sum(case when o.type = 'consume' and o.t > ${iso(usedFrom)}::timestamptz
                           and o.t <= ${iso(usedTo)}::timestamptz then abs(o.grams) else 0 end) as used
          from ord o left join lw on lw.spool_id = o.spool_id group by o.spool_id),
        rem as (
          select case when btrim(s.material) = '' then '—' else btrim(s.material) end as material,
                 upper(s.color_hex) as color_hex, s.color_name,
                 case when s.status <> 'active' or coalesce(a.disposed, false) then 0
                      else greatest(0, case when coalesce(a.has_lw, false) then a.lw_grams
                                            when coalesce(a.has_receive, false) then 0
                                            else s.net_weight_g end + coalesce(a.delta, 0)) end as remaining,
                 coalesce(a.used, 0) as used
          from spools s left join agg a on a.spool_id = s.id
          where s.tenant_id = ${tenantId} and not s.deleted)
        select material, color_hex, min(color_name) as color_name,
               count(*) filter (where remaining > 0) as spools,
               round(sum(remaining)::numeric, 1)::float8 as remaining,
               round(sum(used)::numeric, 1)::float8 as used
        from rem group by material, color_hex order by material, color_hex`,
  );
  return rows.map((x) => ({
    material: x.material,
    colorHex: x.color_hex,
    colorName: x.color_name,
    spools: Number(x.spools),
    remainingG: Number(x.remaining),
    usedInWindowG: Number(x.used),
  }));
}

/** Code of every printer of the tenant (deleted ones too: history names them), by id. */
export async function printerCodes(db: Executor, tenantId: string): Promise<Record<string, string>> {
  const rows = await all<{ id: string; code: string }>(
    db,
    sql`select id, code from printers where tenant_id = ${tenantId}`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.code]));
}
