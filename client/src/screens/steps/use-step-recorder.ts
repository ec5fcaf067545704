import { useCallback, useMemo } from 'react';
import type { StepAction, StepState } from '@printfloor/shared';
import type { StepEventInput } from '../../data/step-commands.ts';
import type { FloorIndex } from '../../floor/floor-index.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { useFloor, useOperator, useStation } from '../../hooks/use-floor.ts';
import { actionLabel, planStart, startPrinterId, type StartPlan } from './step-logic.ts';

/** Step states of every step on this printer, for the busy-printer warning. */
export function printerSteps(index: FloorIndex, printerId: string): Map<string, StepState> {
  const out = new Map<string, StepState>();
  if (printerId === '') return out;
  for (const f of index.workOrdersAt({ printerId })) {
    for (const op of f.ops) {
      const s = f.state.stepStates[op.id];
      if (s) out.set(op.id, s);
    }
  }
  return out;
}

/** Records step events for the signed-in operator at this station, with undo. */
export function useStepRecorder() {
  const { index, commands } = useFloor();
  const operator = useOperator();
  const station = useStation();
  const printer = station?.printer ?? null;
  const stationPrinter = useMemo(
    () => (printer ? { id: printer.id, workCenterId: printer.workCenterId } : null),
    [printer?.id, printer?.workCenterId],
  );

  const record = useCallback(
    async (step: FloorStep, action: StepAction, input: StepEventInput) => {
      const printerId = input.printerId ?? step.state.printerId ?? startPrinterId(step, stationPrinter);
      await commands.step(step.wo.id, step.op.id, { ...input, printerId }, actionLabel(action, step));
    },
    [commands, stationPrinter],
  );

  /** What a tap on Start would do, and the printer the start is recorded on. */
  const planFor = useCallback(
    (step: FloorStep): { plan: StartPlan; printerId: string } => {
      const printerId = startPrinterId(step, stationPrinter);
      return { plan: planStart(step, operator.role, printerId, printerSteps(index, printerId)), printerId };
    },
    [index, operator.role, stationPrinter],
  );

  return { record, planFor, signedIn: operator.personId !== '' };
}
