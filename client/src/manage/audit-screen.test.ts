import { describe, expect, it } from 'vitest';
import { auditQuery, fieldChanges, showValue } from './AuditScreen.tsx';

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
});
