import { describe, expect, it } from 'vitest';
import { draftErrors, type OrderDraft } from './WorkOrderEditor.tsx';
import { stepDraftsFromTemplate } from './routing-step-drafts.ts';

const draft = (code: string): OrderDraft => ({
  code,
  partId: 'pt-1',
  title: '',
  qty: '4',
  dueDate: '',
  priority: '3',
  customerName: '',
  poNumber: '',
  notes: '',
});
const steps = stepDraftsFromTemplate([
  {
    code: 'OP10',
    name: 'Print',
    workCenterId: '',
    printerId: '',
    plannedSetupMinutes: 0,
    runMinutesPerUnit: 5,
    notes: '',
  },
]);

describe('work order form checks', () => {
  const taken = new Set(['WO-2026-0012']);

  it('refuses a new order under a code another order already has', () => {
    expect(draftErrors(draft('WO-2026-0013'), steps, taken).size).toBe(0);
    expect(draftErrors(draft(' WO-2026-0012 '), steps, taken).get('code')).toBe(
      'WO-2026-0012 is taken by another work order',
    );
  });

  it('lets an order that arrived with a duplicate code save, and refuses renaming one onto a taken code', () => {
    expect(draftErrors(draft('WO-2026-0012'), steps, taken, 'WO-2026-0012').has('code')).toBe(false);
    expect(draftErrors(draft('WO-2026-0012'), steps, taken, 'WO-2026-0007').has('code')).toBe(true);
  });

  it('checks the steps: a name each, minutes from 0', () => {
    expect(draftErrors(draft('WO-1'), []).get('steps')).toBe('a work order needs at least one step');
    expect(draftErrors(draft('WO-1'), [{ ...steps[0]!, name: ' ' }]).get('steps')).toBe(
      'step 1 needs a name',
    );
    expect(draftErrors(draft('WO-1'), [{ ...steps[0]!, runPerUnit: '-1' }]).get('steps')).toMatch(
      /^step 1: minutes/,
    );
  });
});
