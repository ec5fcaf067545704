import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WorkOrder } from '@printfloor/shared';
import { filterWorkOrders, type WoQuery } from './work-order-filters.ts';

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

const q = (over: Partial<WoQuery> = {}): WoQuery => ({
  status: 'open',
  due: 'any',
  priorities: [],
  search: '',
  ...over,
});
const TODAY = new Date(2026, 0, 10);

describe('filterWorkOrders', () => {
  const docs = [
    wo({ code: 'WO-3', priority: 3, dueDate: '2026-01-05' }),
    wo({ code: 'WO-1', priority: 1, dueDate: '' }),
    wo({ code: 'WO-2', priority: 3, dueDate: '2026-01-02', customerName: 'Acme' }),
    wo({ code: 'WO-4', status: 'completed', dueDate: '2026-01-01' }),
    wo({ code: 'WO-5', status: 'draft', partId: 'p1' }),
    wo({ code: 'WO-6', priority: 2, dueDate: '2026-01-10' }),
    wo({ code: 'WO-7', priority: 5, dueDate: '2026-01-16', status: 'in_progress' }),
  ];
  const codes = (query: Partial<WoQuery>, part = (_: string) => '') =>
    filterWorkOrders(docs, q(query), part, TODAY).map((w) => w.code);

  it('lists open orders by priority, then due date (undated last)', () => {
    expect(codes({})).toEqual(['WO-1', 'WO-6', 'WO-2', 'WO-3', 'WO-7']);
  });
  it('searches code, customer and part code or description', () => {
    expect(codes({ status: 'all', search: 'acme' })).toEqual(['WO-2']);
    expect(
      codes({ status: 'all', search: 'bracket' }, (id) => (id === 'p1' ? 'PT-9 Camera bracket' : '')),
    ).toEqual(['WO-5']);
  });
  it('shows finished ones under completed', () => {
    expect(codes({ status: 'completed' })).toEqual(['WO-4']);
  });
  it('filters by due date: overdue (finished ones are never overdue), today, the next 7 days', () => {
    expect(codes({ status: 'all', due: 'overdue' })).toEqual(['WO-2', 'WO-3']);
    expect(codes({ due: 'today' })).toEqual(['WO-6']);
    expect(codes({ due: 'week' })).toEqual(['WO-6', 'WO-7']);
  });
  it('filters by priority', () => {
    expect(codes({ priorities: [1, 2] })).toEqual(['WO-1', 'WO-6']);
  });
  it('every result matches every filter, and nothing matching is dropped', () => {
    const arb = fc.record({
      code: fc.string({ maxLength: 6 }),
      priority: fc.integer({ min: 1, max: 5 }),
      status: fc.constantFrom('draft', 'released', 'in_progress', 'completed', 'cancelled'),
      dueDate: fc.constantFrom('', '2026-01-01', '2026-01-10', '2026-01-12', '2026-03-01'),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 30 }), fc.subarray([1, 2, 3, 4, 5]), (rows, priorities) => {
        const list = rows.map((r) => wo(r as Partial<WorkOrder>));
        const out = filterWorkOrders(list, q({ status: 'all', priorities }), () => '', TODAY);
        const want = list.filter((w) => priorities.length === 0 || priorities.includes(w.priority));
        expect(out.length).toBe(want.length);
        for (let i = 1; i < out.length; i++)
          expect(out[i - 1]!.priority).toBeLessThanOrEqual(out[i]!.priority);
      }),
    );
  });
});
