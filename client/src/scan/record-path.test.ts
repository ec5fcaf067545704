import { describe, expect, it } from 'vitest';
import { recordPath } from './record-path.ts';

describe('recordPath', () => {
  it('routes each kind to its screen, ids URL-encoded', () => {
    const r = { code: 'X', title: '' };
    expect(recordPath({ ...r, kind: 'spool', id: 'a/b' })).toBe('/spools/a%2Fb');
    expect(recordPath({ ...r, kind: 'wo', id: 'w1' })).toBe('/work-orders/w1');
    expect(recordPath({ ...r, kind: 'printer', id: 'p1' })).toBe('/printers/p1');
    expect(recordPath({ ...r, kind: 'part', id: 'pt1' })).toBe('/parts/pt1');
    expect(recordPath({ ...r, kind: 'person', id: 'u1' })).toBe('/reference/people/u1');
    expect(recordPath({ ...r, kind: 'op', id: 'o1', workOrderId: 'w1' })).toBe('/work-orders/w1#op-o1');
    expect(recordPath({ ...r, kind: 'op', id: 'o1' })).toBeNull();
  });
});
