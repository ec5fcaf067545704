import type { Printer, Spool, SpoolMovement, StepEvent } from '@printfloor/shared';
import type { PrintfloorClient } from '../data/client.ts';
import { recordStepEventUndoable, type StepEventInput } from '../data/step-commands.ts';
import {
  consumeUndoable,
  loadSpool,
  markEmpty,
  moveSpool,
  receiveSpool,
  unloadSpool,
  weighInUndoable,
  type MovementInput,
  type SpoolResult,
} from '../data/spool-commands.ts';
import { applyUndo, heldRecords, type UndoPlan } from '../data/undo-plan.ts';
import type { NewMutable } from '../data/writes.ts';
import type { UndoEntry, UndoStack } from './undo-stack.ts';

/** How much longer than the undo window a record stays on the tablet (an undo in flight finishes first). */
const HOLD_MARGIN_MS = 1500;

export interface FloorCommandDeps {
  client: Pick<PrintfloorClient, 'db' | 'writer' | 'hold'>;
  undo: UndoStack;
  /** Called after every action (keeps the operator's session from idling out). */
  onAction?: () => void;
  /** Extra time a record stays held after its undo window (tests shorten it). */
  holdMarginMs?: number;
}

/**
 * Every floor action in one place: it writes locally at once (no network involved), keeps its
 * append-only records on the tablet for the undo window, and offers the undo.
 */
export class FloorCommands {
  constructor(private readonly deps: FloorCommandDeps) {}

  private get db() {
    return this.deps.client.db;
  }
  private get writer() {
    return this.deps.client.writer;
  }

  private get holdMs(): number {
    return this.deps.undo.windowMs + (this.deps.holdMarginMs ?? HOLD_MARGIN_MS);
  }

  /** Runs an action with its appended records held from the moment they are written. */
  private run<T>(action: () => Promise<T>): Promise<T> {
    return this.deps.client.hold.capture(this.holdMs, action);
  }

  /** Registers an action's undo; its records stay held for the window from now. */
  private offer(label: string, plan: UndoPlan): UndoEntry {
    const { hold } = this.deps.client;
    const held = heldRecords(plan);
    for (const r of held) hold.hold(r.collection, r.id, this.holdMs);
    this.deps.onAction?.();
    return this.deps.undo.push(label, () => hold.guard(held, () => applyUndo(this.db, this.writer, plan)));
  }

  async step(
    workOrderId: string,
    operationId: string,
    input: StepEventInput,
    label: string,
  ): Promise<StepEvent> {
    const { event, plan } = await this.run(() =>
      recordStepEventUndoable(this.db, this.writer, workOrderId, operationId, input),
    );
    this.offer(label, plan);
    return event;
  }

  private spool(label: string, r: SpoolResult): SpoolMovement | null {
    this.offer(label, r.plan);
    return r.movement;
  }

  async receiveSpool(fields: NewMutable<'spools'>): Promise<Spool> {
    const r = await this.run(() => receiveSpool(this.writer, fields));
    this.spool(`Received ${r.spool.code}`, r);
    return r.spool;
  }

  async loadSpool(spool: Spool, printer: Printer, slot: string): Promise<void> {
    this.spool(
      `Loaded ${spool.code} on ${printer.code}${slot ? ` ${slot}` : ''}`,
      await this.run(() => loadSpool(this.db, this.writer, spool, printer, slot)),
    );
  }

  async unloadSpool(spool: Spool, location: string): Promise<void> {
    this.spool(`Unloaded ${spool.code}`, await this.run(() => unloadSpool(this.writer, spool, location)));
  }

  async weighIn(spool: Spool, grossWeightG: number): Promise<SpoolMovement | null> {
    return this.spool(
      `Weighed ${spool.code}`,
      await this.run(() => weighInUndoable(this.writer, spool, grossWeightG)),
    );
  }

  async consume(
    spool: Spool,
    grams: number,
    refs: Partial<MovementInput> = {},
  ): Promise<SpoolMovement | null> {
    return this.spool(
      `Used ${grams} g of ${spool.code}`,
      await this.run(() => consumeUndoable(this.writer, spool.id, grams, refs)),
    );
  }

  async markEmpty(spool: Spool): Promise<void> {
    this.spool(`Marked ${spool.code} empty`, await this.run(() => markEmpty(this.writer, spool)));
  }

  async moveSpool(spool: Spool, location: string): Promise<void> {
    this.spool(`Moved ${spool.code} to ${location}`, await moveSpool(this.writer, spool, location));
  }
}
