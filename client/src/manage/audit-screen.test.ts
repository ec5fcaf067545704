import { describe, expect, it } from 'vitest';
import {
  actorLabel,
  auditQuery,
  fieldChanges,
  fieldValue,
  showInstant,
  showValue,
  targetView,
} from './audit-screen.ts';

describe('audit screen helpers', () => {
  it('lays before/after out as one row per field, either side possibly absent', () => {
    expect(fieldChanges({ qty: 1, notes: '' }, { qty: 2, notes: 'x' })).toEqual([
      { field: 'qty', before: 1, after: 2 },
      { field: 'notes', before: '', after: 'x' },
    ]);
    expect(fieldChanges(null, { ids: ['a', 'b'], codes: ['WO-1', 'WO-2'] })).toEqual([
      { field: 'ids', after: ['a', 'b'] },
      { field: 'codes', after: ['WO-1', 'WO-2'] },
    ]);
    expect(fieldChanges(null, null)).toEqual([]);
    // A whole picture on both sides: only what changed.
    expect(
      fieldChanges(
        { role: 'manager', disabled: false, host: null },
        { role: 'manager', disabled: true, host: null },
      ),
    ).toEqual([{ field: 'disabled', before: false, after: true }]);
  });

  it('shows values as a person reads them', () => {
    expect(showValue('')).toBe('(empty)');
    expect(showValue(null)).toBe('—');
    expect(showValue(['WO-1', 'WO-2'])).toBe('WO-1, WO-2');
    expect(showValue(false)).toBe('false');
    expect(showValue(undefined)).toBe('');
  });

  it('builds the query: trimmed filters, whole days, the cursor', () => {
    const q = new URLSearchParams(
      auditQuery(
        { actor: ' device:1 ', action: 'doc.', target: '', from: '2026-05-01', to: '2026-05-01' },
        'c1',
      ),
    );
    expect(q.get('actor')).toBe('device:1');
    expect(q.get('action')).toBe('doc.');
    expect(q.has('target')).toBe(false);
    expect(Date.parse(q.get('to')!) - Date.parse(q.get('from')!)).toBe(24 * 3600 * 1000);
    expect(q.get('cursor')).toBe('c1');
    expect(q.get('limit')).toBe('50');
  });

  const DEV = 'device:5f3e2d1c-0b9a-4877-8665-544332211000';
  const USER = 'user:0b6c1b9e-7a43-4a57-9f0e-3f2a1c6b5d01';
  const names = {
    [DEV]: 'Bench 3',
    'operator:p-1': 'Ana Kovač (EMP-1001)',
    [USER]: 'lee@example.com',
    'work_orders/wo-1': 'WO-2026-0012',
    'printers/pr-1': 'X1C-01',
    'person:p-1': 'Ana Kovač (EMP-1001)',
    'people/p-1': 'Ana Kovač (EMP-1001)',
  };

  it('names who acted: a tablet and its operator, a user, the system; raw when unknown', () => {
    expect(actorLabel(`${DEV} operator:p-1`, names)).toBe('Bench 3 (tablet) · Ana Kovač (EMP-1001)');
    expect(actorLabel(USER, names)).toBe('lee@example.com');
    expect(actorLabel('system', names)).toBe('system');
    expect(actorLabel(`${DEV} operator:p-9`, names)).toBe('Bench 3 (tablet) · operator:p-9');
    expect(actorLabel('device:gone', names)).toBe('device:gone');
  });

  it('names what was acted on, linked where the app has a page', () => {
    const view = (target: string | null, action = 'doc.update', after: unknown = null) =>
      targetView({ target, action, after }, names);
    expect(view('work_orders/wo-1')).toEqual({
      kind: 'record',
      noun: 'Work order',
      record: { label: 'WO-2026-0012', href: '/manage/trace?wo=wo-1' },
      raw: 'work_orders/wo-1',
    });
    expect(view('printers/pr-1', 'printer.connection_set')).toMatchObject({
      noun: 'Printer',
      record: { label: 'X1C-01', href: '/manage/printer?id=pr-1' },
    });
    expect(view('spools/s-1')).toMatchObject({ record: { label: 's-1', href: '/manage/trace?spool=s-1' } });
    // No page for a person or a tablet: the name, not a link.
    expect(view('person:p-1', 'pin.reset')).toEqual({
      kind: 'record',
      noun: 'Person',
      record: { label: 'Ana Kovač (EMP-1001)' },
      raw: 'person:p-1',
    });
    expect(view(USER, 'user.updated')).toMatchObject({ noun: 'User', record: { label: 'lee@example.com' } });
    expect(view('email:x@y.example', 'login.failure')).toMatchObject({ record: { label: 'x@y.example' } });
    expect(view('settings/x')).toEqual({ kind: 'raw', raw: 'settings/x' });
    expect(view(null)).toEqual({ kind: 'none' });
  });

  it('shows a creation as the codes it created (the name, else the id, where a record had none)', () => {
    const t = targetView(
      { target: 'work_orders', action: 'doc.create', after: { ids: ['a', 'b'], codes: ['WO-1', ''] } },
      names,
    );
    const people = targetView(
      { target: 'people', action: 'doc.create', after: { ids: ['p-1', 'p-2'], codes: ['', ''] } },
      names,
    );
    expect(people).toMatchObject({
      kind: 'created',
      noun: 'People',
      records: [{ label: 'Ana Kovač (EMP-1001)' }, { label: 'p-2' }],
    });
    expect(t).toEqual({
      kind: 'created',
      noun: 'Work orders',
      records: [
        { label: 'WO-1', href: '/manage/trace?wo=a' },
        { label: 'b', href: '/manage/trace?wo=b' },
      ],
      raw: 'work_orders',
    });
  });

  it("shows a reference in a change by its record's name", () => {
    expect(fieldValue('loadedPrinterId', 'pr-1', names)).toBe('X1C-01');
    expect(fieldValue('loadedPrinterId', 'pr-9', names)).toBe('pr-9');
    expect(fieldValue('loadedPrinterId', '', names)).toBe('(empty)');
    expect(fieldValue('notes', 'pr-1', names)).toBe('pr-1');
  });

  it('shows an instant in local time, and text that only looks like one as it is', () => {
    const at = '2026-05-01T08:00:00.000Z';
    expect(fieldValue('expiresAt', at, names)).toBe(showInstant(at));
    expect(fieldValue('expiresAt', at, names)).not.toContain('T08');
    expect(fieldValue('notes', '2026-05-01 see T08', names)).toBe('2026-05-01 see T08');
    expect(fieldValue('dueDate', '2026-05-20', names)).toBe('2026-05-20');
  });
});
