import {
  sortOperations,
  type Operation,
  type Person,
  type StepEvent,
  type WorkOrder,
} from '@printfloor/shared';
import { pullAll } from '../../support/api.ts';

/**
 * A released work order whose first step has not started, and that step: something to start.
 * `onPrinter`: only a first step that runs on a printer.
 */
export async function pickStartableStep(
  url: string,
  token: string,
  { onPrinter = false }: { onPrinter?: boolean } = {},
): Promise<{ wo: WorkOrder; op: Operation }> {
  const [wos, ops, events] = await Promise.all([
    pullAll(url, token, 'work_orders'),
    pullAll(url, token, 'operations'),
    pullAll(url, token, 'step_events'),
  ]);
  const touched = new Set((events as unknown as StepEvent[]).map((e) => e.operationId));
  for (const wo of wos as unknown as WorkOrder[]) {
    if (wo.status !== 'released' || wo.onHold) continue;
    const first = sortOperations((ops as unknown as Operation[]).filter((o) => o.workOrderId === wo.id))[0];
    if (first && (!onPrinter || first.printerId) && !touched.has(first.id)) return { wo, op: first };
  }
  throw new Error(
    `the demo farm has no released work order with an untouched first ${onPrinter ? 'print ' : ''}step`,
  );
}

/** The step events the server holds for one operation. */
export async function serverEventsOf(url: string, token: string, operationId: string): Promise<StepEvent[]> {
  const all = (await pullAll(url, token, 'step_events')) as unknown as StepEvent[];
  return all.filter((e) => e.operationId === operationId);
}

/** The badge code of an active person of the demo farm (to sign in as an operator). */
export async function anyBadge(url: string, token: string): Promise<string> {
  const people = (await pullAll(url, token, 'people')) as unknown as Person[];
  const p = people.find((x) => x.active && x.badgeCode);
  if (!p) throw new Error('the demo farm has no active person with a badge');
  return p.badgeCode;
}
