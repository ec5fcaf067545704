import type { RxCollection, RxStorageChangeEvent } from 'rxdb';
import { Subscription } from 'rxjs';
import {
  foldWorkOrder,
  sortOperations,
  type Operation,
  type StepEvent,
  type WorkOrder,
} from '@printfloor/shared';
import type { PrintfloorDatabase } from '../data/database.ts';
import { Observed } from './key-value.ts';
import type { FloorWorkOrder } from './station-view.ts';

/**
 * An in-memory index of the floor: work orders, their routing steps and step events, kept current
 * from RxDB's change stream (local writes, other tabs and replication alike) and folded per work
 * order on demand, cached until that work order changes.
 *
 * Why not live queries: the station screen needs, for every work order with a step at this
 * station, the whole routing and every event (the previous step decides whether a step may
 * start). With 5,000 work orders that is an `$in` over thousands of ids, which RxDB turns into a
 * near-full index scan on every change. Here a tap on "complete" touches one work order: one
 * event in, one fold out, the station view re-sorts a few hundred entries.
 */

type Doc = Record<string, unknown> & { id: string };
type Name = 'work_orders' | 'operations' | 'step_events';

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  if (key === '') return;
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

/** Only the schema's fields: RxDB's `_meta`, `_rev` and `_attachments` are not ours to keep. */
function strip<T>(d: Record<string, unknown>): T {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...rest } = d;
  return rest as T;
}

export class FloorIndex {
  private readonly wos = new Map<string, WorkOrder>();
  private readonly ops = new Map<string, Operation>();
  private readonly events = new Map<string, StepEvent>();
  private readonly opsByWo = new Map<string, Set<string>>();
  private readonly opsByPrinter = new Map<string, Set<string>>();
  private readonly opsByCenter = new Map<string, Set<string>>();
  private readonly eventsByWo = new Map<string, Set<string>>();
  private readonly eventsByPrinter = new Map<string, Set<string>>();
  private readonly cache = new Map<string, FloorWorkOrder | null>();
  private readonly subs = new Subscription();
  private bumpQueued = false;
  /** Bumps after every batch of changes (coalesced per microtask); `-1` until the first load is done. */
  readonly version = new Observed(-1);
  /** Why the first load failed (then the floor screens say so instead of loading forever). */
  readonly failure = new Observed<string | null>(null);

  constructor(private readonly db: PrintfloorDatabase) {}

  get ready(): boolean {
    return this.version.get() >= 0;
  }

  /** Loads and follows the floor; a failure is kept in `failure` (and rethrown) for the screens to show. */
  async start(): Promise<void> {
    try {
      await this.load();
    } catch (err) {
      this.failure.set(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  /** Subscribes to changes first, then loads everything, so nothing written meanwhile is missed. */
  private async load(): Promise<void> {
    const buffered: [Name, RxStorageChangeEvent<Doc>][] = [];
    let loaded = false;
    const watch = (name: Name) => {
      const coll = this.db.collections[name] as unknown as RxCollection<Doc>;
      this.subs.add(
        coll.eventBulks$.subscribe((bulk) => {
          for (const ev of bulk.events as RxStorageChangeEvent<Doc>[]) {
            if (loaded) this.apply(name, ev);
            else buffered.push([name, ev]);
          }
          if (loaded) this.bump();
        }),
      );
    };
    watch('work_orders');
    watch('operations');
    watch('step_events');
    const [wos, ops, events] = await Promise.all([
      this.loadAll('work_orders'),
      this.loadAll('operations'),
      this.loadAll('step_events'),
    ]);
    for (const d of wos) this.putWo(strip(d));
    for (const d of ops) this.putOp(strip(d));
    for (const d of events) this.putEvent(strip(d));
    loaded = true;
    for (const [name, ev] of buffered) this.apply(name, ev);
    this.version.set(0);
  }

  stop(): void {
    this.subs.unsubscribe();
  }

  private async loadAll(name: Name): Promise<Doc[]> {
    const coll = this.db.collections[name] as unknown as RxCollection<Doc>;
    const res = await coll.storageInstance.query(coll.find().getPreparedQuery());
    return res.documents;
  }

  private apply(name: Name, ev: RxStorageChangeEvent<Doc>): void {
    const data = ev.documentData as unknown as Record<string, unknown>;
    const gone = ev.operation === 'DELETE' || data._deleted === true;
    if (name === 'work_orders') {
      if (gone) this.dropWo(ev.documentId);
      else this.putWo(strip(data));
    } else if (name === 'operations') {
      this.dropOp(ev.documentId);
      if (!gone) this.putOp(strip(data));
    } else {
      this.dropEvent(ev.documentId);
      if (!gone) this.putEvent(strip(data));
    }
  }

  private bump(): void {
    if (this.bumpQueued) return;
    this.bumpQueued = true;
    queueMicrotask(() => {
      this.bumpQueued = false;
      this.version.set(this.version.get() + 1);
    });
  }

  private putWo(wo: WorkOrder): void {
    this.wos.set(wo.id, wo);
    this.cache.delete(wo.id);
  }

  private dropWo(id: string): void {
    this.wos.delete(id);
    this.cache.delete(id);
  }

  private putOp(op: Operation): void {
    this.ops.set(op.id, op);
    addTo(this.opsByWo, op.workOrderId, op.id);
    addTo(this.opsByPrinter, op.printerId, op.id);
    addTo(this.opsByCenter, op.workCenterId, op.id);
    this.cache.delete(op.workOrderId);
  }

  private dropOp(id: string): void {
    const op = this.ops.get(id);
    if (!op) return;
    this.ops.delete(id);
    removeFrom(this.opsByWo, op.workOrderId, id);
    removeFrom(this.opsByPrinter, op.printerId, id);
    removeFrom(this.opsByCenter, op.workCenterId, id);
    this.cache.delete(op.workOrderId);
  }

  private putEvent(ev: StepEvent): void {
    this.events.set(ev.id, ev);
    addTo(this.eventsByWo, ev.workOrderId, ev.id);
    addTo(this.eventsByPrinter, ev.printerId, ev.id);
    this.cache.delete(ev.workOrderId);
  }

  private dropEvent(id: string): void {
    const ev = this.events.get(id);
    if (!ev) return;
    this.events.delete(id);
    removeFrom(this.eventsByWo, ev.workOrderId, id);
    removeFrom(this.eventsByPrinter, ev.printerId, id);
    this.cache.delete(ev.workOrderId);
  }

  /** A work order with its routing and folded state; null when it (or its document) is not here. */
  workOrder(id: string): FloorWorkOrder | null {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const wo = this.wos.get(id);
    let out: FloorWorkOrder | null = null;
    if (wo) {
      const ops = sortOperations([...(this.opsByWo.get(id) ?? [])].map((o) => this.ops.get(o)!));
      const byOp = new Map<string, StepEvent[]>();
      for (const eid of this.eventsByWo.get(id) ?? []) {
        const ev = this.events.get(eid)!;
        const list = byOp.get(ev.operationId);
        if (list) list.push(ev);
        else byOp.set(ev.operationId, [ev]);
      }
      // Durations in the cached state are as of this fold; live timers re-fold their own step.
      out = { wo, ops, state: foldWorkOrder(ops, byOp, wo.qtyOrdered, Date.now(), wo.status) };
    }
    this.cache.set(id, out);
    return out;
  }

  /** Work orders with a step assigned to this printer or in this work center. */
  workOrdersAt(opts: { printerId?: string; workCenterId?: string }): FloorWorkOrder[] {
    const woIds = new Set<string>();
    const collect = (ids: Set<string> | undefined) => {
      for (const id of ids ?? []) woIds.add(this.ops.get(id)!.workOrderId);
    };
    if (opts.printerId) collect(this.opsByPrinter.get(opts.printerId));
    if (opts.workCenterId) collect(this.opsByCenter.get(opts.workCenterId));
    if (opts.printerId) {
      // Steps of other work centers started on this printer (a re-route) run here too.
      for (const id of this.eventsByPrinter.get(opts.printerId) ?? [])
        woIds.add(this.events.get(id)!.workOrderId);
    }
    return [...woIds].map((id) => this.workOrder(id)).filter((x): x is FloorWorkOrder => x !== null);
  }

  /** Every work order of a part. */
  workOrdersOfPart(partId: string): FloorWorkOrder[] {
    const out: FloorWorkOrder[] = [];
    for (const wo of this.wos.values()) {
      if (wo.partId !== partId) continue;
      const f = this.workOrder(wo.id);
      if (f) out.push(f);
    }
    return out;
  }

  /** Work orders with a step running or paused right now (for the printers view). */
  active(): FloorWorkOrder[] {
    return [...this.eventsByWo.keys()]
      .map((id) => this.workOrder(id))
      .filter((x): x is FloorWorkOrder => x !== null && x.state.currentStepId !== null);
  }

  get size(): { workOrders: number; operations: number; events: number } {
    return { workOrders: this.wos.size, operations: this.ops.size, events: this.events.size };
  }
}
