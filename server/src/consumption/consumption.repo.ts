import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { foldStep, printerStatusSchema, stepEventSchema } from '@printfloor/shared';
import type { PrinterStatus, StepEvent } from '@printfloor/shared';
import { spools, stepEvents, type ReplicatedTable } from '../db/schema/replicated.ts';
import type { Executor } from '../db/executor.ts';
import { printerEvents } from '../relay/relay.schema.ts';
import type { LoadedSpool } from './filament.ts';

/** A typed column of a replicated table (derived from the zod schema, so looked up by field name). */
function col(table: ReplicatedTable, field: string): AnyPgColumn {
  const c = (getTableColumns(table) as Record<string, AnyPgColumn | undefined>)[field];
  if (!c) throw new Error(`replicated table has no ${field} column`);
  return c;
}

export interface RunningStep {
  operationId: string;
  workOrderId: string;
  /** Device time of the step's latest start. */
  startedAt: string;
}

const byTime = (a: StepEvent, b: StepEvent) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The step running on a printer at `at`: among the operations whose latest `start` names this
 * printer, the one whose step tracker (the shared fold of its step_events) is running — or paused,
 * the job is still on the printer — preferring running, then the latest start. Tenant-scoped.
 * SQL narrows to operations started on this printer and not completed or skipped; the fold decides.
 */
export async function findRunningStep(
  db: Executor,
  tenantId: string,
  printerId: string,
  at: string,
): Promise<RunningStep | null> {
  const tenant = eq(stepEvents.tenantId, tenantId);
  const live = eq(stepEvents.deleted, false);
  const opId = col(stepEvents, 'operationId');
  const type = col(stepEvents, 'type');
  const candidates = await db
    .selectDistinct({ operationId: opId })
    .from(stepEvents)
    .where(
      and(
        tenant,
        live,
        eq(type, 'start'),
        eq(col(stepEvents, 'printerId'), printerId),
        sql`not exists (select 1 from step_events c where c.tenant_id = ${stepEvents.tenantId}
          and c.operation_id = ${opId} and c.type in ('complete', 'skip') and c.deleted = false)`,
      ),
    );
  const ids = candidates.map((r) => String(r.operationId)).filter((id) => id !== '');
  if (ids.length === 0) return null;
  const rows = await db
    .select()
    .from(stepEvents)
    .where(and(tenant, live, inArray(opId, ids)));
  const byOp = new Map<string, StepEvent[]>();
  for (const row of rows) {
    const ev = toStepEvent(row);
    if (!ev) continue;
    const list = byOp.get(ev.operationId) ?? [];
    list.push(ev);
    byOp.set(ev.operationId, list);
  }
  let best: (RunningStep & { running: boolean }) | null = null;
  for (const [operationId, events] of byOp) {
    const latestStart = events
      .filter((e) => e.type === 'start')
      .sort(byTime)
      .at(-1);
    if (!latestStart || latestStart.printerId !== printerId) continue;
    const state = foldStep(events, at);
    if (state.status !== 'running' && state.status !== 'paused') continue;
    const cand = {
      operationId,
      workOrderId: latestStart.workOrderId,
      startedAt: latestStart.at,
      running: state.status === 'running',
    };
    if (
      !best ||
      (cand.running && !best.running) ||
      (cand.running === best.running && cand.startedAt > best.startedAt)
    )
      best = cand;
  }
  return best && { operationId: best.operationId, workOrderId: best.workOrderId, startedAt: best.startedAt };
}

/** The typed row as the shared schema's event; a row that does not fit today's schema is skipped. */
function toStepEvent(row: Record<string, unknown>): StepEvent | null {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(stepEventSchema.shape)) fields[key] = row[key];
  const parsed = stepEventSchema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

/** Where a print job began, as the relay recorded it in printer_events. */
export interface JobStart {
  /** ISO time the relay saw the start: with the printer, the job's identity. */
  at: string;
  status: PrinterStatus;
  /** The step linked to the start event (the step running when the print began). */
  operationId: string | null;
}

/** Events that open a job (`online` only when the printer came back mid-print) or close one. */
const BOUNDARY_KINDS = ['started', 'online', 'finished', 'failed', 'idle'];
const JOB_STATES = new Set(['printing', 'paused', 'preparing']);
/** Events looked back through for one job's start (reconnects during a print add `online` rows). */
const JOB_LOOKBACK = 50;

/**
 * The start of the job that ended with the event (`endKind` at `endAt`): walking back from it
 * through the boundary events, the earliest of the run of job-opening ones — a `started`, or an
 * `online` into printing/paused/preparing (the relay began, restarted or got the printer back
 * mid-print: the same job goes on, so the walk looks through it to the real start, and through a
 * `started` that follows an error mid-job). The first closing event (finished, failed, idle, or an
 * `online` into another state) ends the walk. Null when the job's beginning was never recorded.
 */
export async function findJobStart(
  db: Executor,
  tenantId: string,
  printerCode: string,
  endKind: string,
  endAt: string,
): Promise<JobStart | null> {
  const rows = await db
    .select({
      kind: printerEvents.kind,
      toState: printerEvents.toState,
      // Epoch ms: the drivers print timestamptz differently; a number compares and converts exactly.
      atMs: sql<number>`(extract(epoch from ${printerEvents.at}) * 1000)::float8`,
      status: printerEvents.status,
      operationId: printerEvents.operationId,
    })
    .from(printerEvents)
    .where(
      and(
        eq(printerEvents.tenantId, tenantId),
        eq(printerEvents.printerCode, printerCode),
        inArray(printerEvents.kind, BOUNDARY_KINDS),
        lte(printerEvents.at, endAt),
      ),
    )
    .orderBy(desc(printerEvents.id))
    .limit(JOB_LOOKBACK);
  const endMs = Date.parse(endAt);
  let start: (typeof rows)[number] | null = null;
  let skippedEnd = false;
  for (const r of rows) {
    // The closing event itself is already recorded (onStateChange runs after recordEvent): skip it.
    if (!skippedEnd && r.kind === endKind && Math.round(Number(r.atMs)) === endMs) {
      skippedEnd = true;
      continue;
    }
    const opens = r.kind === 'started' || (r.kind === 'online' && JOB_STATES.has(r.toState));
    if (!opens) break;
    start = r;
  }
  if (!start) return null;
  const status = printerStatusSchema.safeParse(start.status);
  if (!status.success) return null;
  return {
    at: new Date(Math.round(Number(start.atMs))).toISOString(),
    status: status.data,
    operationId: start.operationId,
  };
}

/** Active spools loaded on a printer (spools.loadedPrinterId / loadedSlot). */
export async function loadedSpools(
  db: Executor,
  tenantId: string,
  printerId: string,
): Promise<LoadedSpool[]> {
  const rows = await db
    .select({
      id: spools.id,
      slot: col(spools, 'loadedSlot'),
      material: col(spools, 'material'),
      diameterMm: col(spools, 'diameterMm'),
      netWeightG: col(spools, 'netWeightG'),
    })
    .from(spools)
    .where(
      and(
        eq(spools.tenantId, tenantId),
        eq(spools.deleted, false),
        eq(col(spools, 'loadedPrinterId'), printerId),
        eq(col(spools, 'status'), 'active'),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    slot: String(r.slot),
    material: String(r.material),
    diameterMm: Number(r.diameterMm),
    netWeightG: Number(r.netWeightG),
  }));
}

/** The work order of an operation, from its step events (tablets write both ids on every event). */
export async function workOrderOf(db: Executor, tenantId: string, operationId: string): Promise<string> {
  const rows = await db
    .select({ workOrderId: col(stepEvents, 'workOrderId') })
    .from(stepEvents)
    .where(and(eq(stepEvents.tenantId, tenantId), eq(col(stepEvents, 'operationId'), operationId)))
    .limit(1);
  return rows[0] ? String(rows[0].workOrderId) : '';
}
