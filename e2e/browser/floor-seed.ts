import { randomUUID } from 'node:crypto';
import type { CollectionName, DocOf } from '@printfloor/shared';
import { pullAll } from '../support/api.ts';

/**
 * Test data for the floor e2e, written through the real push API the way a manager's device
 * would: a printer of its own (nothing else runs on it) and a three-step work order
 * (print → post-process → QC) that sorts first in any queue (priority 1, long overdue).
 */

type Doc = Record<string, unknown> & { id: string };

export async function push(
  baseUrl: string,
  token: string,
  collection: CollectionName,
  docs: Doc[],
): Promise<void> {
  const rows = docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }));
  const res = await fetch(`${baseUrl}/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(rows),
  });
  if (!res.ok) throw new Error(`push ${collection}: HTTP ${res.status} ${await res.text()}`);
  const conflicts = (await res.json()) as unknown[];
  if (conflicts.length > 0) throw new Error(`push ${collection}: ${conflicts.length} conflicts`);
}

const meta = (at: string) => ({
  id: randomUUID(),
  updatedAt: at,
  updatedBy: 'e2e-planner',
  serverUpdatedAt: null,
});

export interface FloorFixture {
  printer: DocOf<'printers'>;
  workOrder: DocOf<'work_orders'>;
  ops: DocOf<'operations'>[];
  operator: DocOf<'people'>;
  scrapReason: string;
  pauseReason: string;
}

export async function seedFloor(baseUrl: string, token: string, code: string): Promise<FloorFixture> {
  const at = new Date().toISOString();
  const [centers, people, parts, scrap, downtime] = await Promise.all([
    pullAll(baseUrl, token, 'work_centers'),
    pullAll(baseUrl, token, 'people'),
    pullAll(baseUrl, token, 'parts'),
    pullAll(baseUrl, token, 'scrap_reasons'),
    pullAll(baseUrl, token, 'downtime_reasons'),
  ]);
  const wc = (c: string) => {
    const found = centers.find((w) => w.code === c);
    if (!found) throw new Error(`the demo farm has no work center ${c}`);
    return found.id;
  };
  const operator = people.find((p) => p.role === 'operator' && p.active === true) as unknown as
    DocOf<'people'> | undefined;
  if (!operator) throw new Error('the demo farm has no operator');
  const part = parts[0];
  if (!part) throw new Error('the demo farm has no parts');

  const printer: DocOf<'printers'> = {
    ...meta(at),
    code: 'PR-E2E',
    name: 'E2E Voron',
    brand: 'Voron Design',
    protocol: 'printfloor',
    model: 'Voron 2.4',
    serial: 'E2E-1',
    location: 'Test bay',
    workCenterId: wc('WC-PRINT'),
    slots: 1,
    active: true,
    notes: '',
  };
  const workOrder: DocOf<'work_orders'> = {
    ...meta(at),
    code,
    partId: part.id,
    title: `4 × ${String(part.description)}`,
    qtyOrdered: 4,
    qtyCompleted: 0,
    qtyScrapped: 0,
    status: 'released',
    onHold: false,
    priority: 1,
    dueDate: '2020-01-01',
    customerName: 'E2E Robotics',
    poNumber: 'PO-E2E',
    lineRef: '10',
    materialHint: 'PLA',
    notes: 'Customer wants the bracket edges deburred.',
    createdAt: at,
  };
  const op = (sequence: number, name: string, center: string, printerId = ''): DocOf<'operations'> => ({
    ...meta(at),
    workOrderId: workOrder.id,
    sequence,
    code: `OP${sequence}`,
    name,
    workCenterId: wc(center),
    plannedSetupMinutes: 5,
    plannedRunMinutes: 30,
    printerId,
    notes: '',
  });
  const ops = [
    op(10, 'Print', 'WC-PRINT', printer.id),
    op(20, 'Remove supports', 'WC-POST'),
    op(30, 'Inspect', 'WC-QC'),
  ];
  await push(baseUrl, token, 'printers', [printer]);
  await push(baseUrl, token, 'work_orders', [workOrder]);
  await push(baseUrl, token, 'operations', ops);
  return {
    printer,
    workOrder,
    ops,
    operator,
    scrapReason: String(scrap.find((s) => s.code === 'WARP')?.code ?? scrap[0]?.code),
    pauseReason: String(downtime.find((s) => s.code === 'RUNOUT')?.code ?? downtime[0]?.code),
  };
}
