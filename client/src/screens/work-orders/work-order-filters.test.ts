import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '@printfloor/shared';
import { filterWorkOrders } from './work-order-filters.ts';

const wo = (over: Partial<WorkOrder>): WorkOrder =>
  ({
    id: over.code,
    code: 'WO-1',
    partId: '',
    title: '',
    status: 'released',
    priority: 3,
    dueDate: '',
    customerName: '',
    poNumber: '',
    ...over,
  }) as WorkOrder;

describe('filterWorkOrders', () => {
  const docs = [
    wo({ code: 'WO-3', priority: 3, dueDate: '2026-01-05' }),
    wo({ code: 'WO-1', priority: 1, dueDate: '' }),
    wo({ code: 'WO-2', priority: 3, dueDate: '2026-01-02', customerName: 'Acme' }),
    wo({ code: 'WO-4', status: 'completed' }),
    wo({ code: 'WO-5', status: 'draft', partId: 'p1' }),
  ];
  it('lists open orders by priority, then due date (undated last)', () => {
    expect(filterWorkOrders(docs, 'open', '', () => '').map((w) => w.code)).toEqual(['WO-1', 'WO-2', 'WO-3']);
  });
  it('searches code, customer and part code', () => {
    expect(filterWorkOrders(docs, 'all', 'acme', () => '').map((w) => w.code)).toEqual(['WO-2']);
    expect(
      filterWorkOrders(docs, 'all', 'pt-9', (id) => (id === 'p1' ? 'PT-9' : '')).map((w) => w.code),
    ).toEqual(['WO-5']);
  });
  it('shows finished ones under completed', () => {
    expect(filterWorkOrders(docs, 'completed', '', () => '').map((w) => w.code)).toEqual(['WO-4']);
  });
});
