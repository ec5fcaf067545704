import { createHash } from 'node:crypto';
import { COLLECTIONS, wireDocSchema } from '@printfloor/shared';
import type { CollectionDef, SpoolMovement } from '@printfloor/shared';
import type { Executor } from '../db/executor.ts';
import type { Logger } from '../logger.ts';
import type { PrinterStateChange } from '../relay/relay.types.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import type { SyncService } from '../sync/sync.service.ts';
import { findJobStart, findRunningStep, loadedSpools, workOrderOf } from './consumption.repo.ts';
import { planConsumption, type ConsumptionPlanItem } from './filament.ts';

/** `deviceId` of the movements the server writes for a printer (no tablet, no operator). */
export const RELAY_DEVICE_ID = 'printer-relay';

export interface ConsumptionDeps {
  db: Executor;
  sync: Pick<SyncService, 'push'>;
  logger: Logger;
}

/** The relay's hooks (RelayOptions.linkStep / onStateChange) for step linking and consumption. */
export interface ConsumptionHooks {
  linkStep(change: PrinterStateChange): Promise<string | null>;
  onStateChange(change: PrinterStateChange): Promise<void>;
}

/**
 * One movement per print job and spool: the id is a hash of tenant, printer, the job's start time
 * (as the relay recorded it) and the spool, so a repeated end event (a relay restart, a replayed
 * report) pushes the same id again — a no-op, or a conflict that leaves the first one standing.
 */
export function consumptionId(
  tenantId: string,
  printerId: string,
  jobStartAt: string,
  spoolId: string,
): string {
  const h = createHash('sha256').update(`${tenantId}|${printerId}|${jobStartAt}|${spoolId}`).digest('hex');
  return `consume-${h.slice(0, 40)}`;
}

export function createConsumption(deps: ConsumptionDeps): ConsumptionHooks {
  const { db, logger } = deps;
  return {
    async linkStep(change) {
      if (!change.printerId) return null;
      const step = await findRunningStep(db, change.tenantId, change.printerId, change.at);
      return step?.operationId ?? null;
    },
    async onStateChange(change) {
      if (change.kind !== 'finished' && change.kind !== 'failed') return;
      if (!change.printerId) return;
      const start = await findJobStart(db, change.tenantId, change.printerCode, change.kind, change.at);
      if (!start) {
        logger.info('print ended without a recorded start: no consumption recorded', {
          printer: change.printerCode,
        });
        return;
      }
      const spools = await loadedSpools(db, change.tenantId, change.printerId);
      const plan = planConsumption(start.status, change.status, spools);
      if (plan.length === 0) return;
      const operationId = start.operationId ?? change.operationId ?? '';
      const workOrderId = operationId ? await workOrderOf(db, change.tenantId, operationId) : '';
      const docs = plan.map((item) =>
        movementDoc(change, start.at, item, { operationId, workOrderId, printerId: change.printerId ?? '' }),
      );
      const conflicts = await deps.sync.push(
        change.tenantId,
        'spool_movements',
        docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      );
      logger.info('print consumption recorded', {
        printer: change.printerCode,
        job: change.jobName,
        movements: docs.length - conflicts.length,
        alreadyRecorded: conflicts.length,
        grams: plan.map((p) => p.grams),
      });
    },
  };
}

const movementSchema = wireDocSchema(COLLECTIONS.spool_movements as CollectionDef);

function movementDoc(
  change: PrinterStateChange,
  jobStartAt: string,
  item: ConsumptionPlanItem,
  refs: { operationId: string; workOrderId: string; printerId: string },
): AnyWireDoc {
  const job = change.jobName ? `"${change.jobName}"` : 'Print';
  const ended = change.kind === 'failed' ? 'failed (used up to the failure)' : 'finished';
  const doc: SpoolMovement = {
    id: consumptionId(change.tenantId, refs.printerId, jobStartAt, item.spool.id),
    at: change.at,
    operatorId: '',
    deviceId: RELAY_DEVICE_ID,
    serverUpdatedAt: null,
    spoolId: item.spool.id,
    type: 'consume',
    grams: item.grams,
    grossWeightG: null,
    // From printer telemetry: an estimate until the next weigh-in.
    estimated: true,
    workOrderId: refs.workOrderId,
    operationId: refs.operationId,
    printerId: refs.printerId,
    slot: item.spool.slot,
    note: `${job} ${ended} on ${change.printerCode}: ${item.basis}`.slice(0, 4000),
  };
  return movementSchema.parse({ ...doc, _deleted: false }) as AnyWireDoc;
}
