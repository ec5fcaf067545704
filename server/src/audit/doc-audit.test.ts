import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actorOf, docAuditEntries, fieldDiff } from './doc-audit.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';

const doc = fc.record({
  id: fc.constant('wo-1'),
  code: fc.constantFrom('WO-1', 'WO-2'),
  qty: fc.integer({ min: 0, max: 3 }),
  tags: fc.constantFrom(null, 'a', 'b'),
  onHold: fc.boolean(),
  updatedAt: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'),
  updatedBy: fc.constantFrom('', 'op-1', 'dev-1'),
  serverUpdatedAt: fc.constantFrom(null, '2026-01-03T00:00:00.000Z'),
  _deleted: fc.boolean(),
}) as fc.Arbitrary<AnyWireDoc>;

const META = ['id', 'updatedAt', 'updatedBy', 'serverUpdatedAt'];
const content = (d: AnyWireDoc) => Object.fromEntries(Object.entries(d).filter(([k]) => !META.includes(k)));

describe('fieldDiff', () => {
  it('holds exactly the changed non-meta fields: applying it to the old state gives the new one', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const d = fieldDiff(a, b);
        const changed = Object.keys(content(a)).filter((k) => a[k] !== b[k]);
        if (changed.length === 0) {
          expect(d).toBeUndefined();
          return;
        }
        expect(Object.keys(d!.after).sort()).toEqual(changed.sort());
        expect(Object.keys(d!.before).sort()).toEqual(changed.sort());
        expect({ ...content(a), ...d!.after }).toEqual(content(b));
        expect({ ...content(b), ...d!.before }).toEqual(content(a));
      }),
    );
  });
});

describe('docAuditEntries', () => {
  const by = { actor: 'device:dev-1', deviceId: 'dev-1' };
  const base: AnyWireDoc = {
    id: 'wo-1',
    code: 'WO-1',
    qty: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'op-1',
    serverUpdatedAt: null,
    _deleted: false,
  };

  it('creations: one entry per actor with ids and codes; an edit: its diff; a tombstone: a delete', () => {
    const edit = { ...base, qty: 2, updatedAt: '2026-01-02T00:00:00.000Z' };
    const gone = { ...edit, _deleted: true };
    const other = { ...base, id: 'wo-2', code: 'WO-2', updatedBy: 'dev-1' };
    expect(docAuditEntries('work_orders', by, [base, other], new Map())).toEqual([
      {
        actor: 'device:dev-1 operator:op-1',
        action: 'doc.create',
        target: 'work_orders',
        before: null,
        after: { ids: ['wo-1'], codes: ['WO-1'] },
      },
      {
        actor: 'device:dev-1',
        action: 'doc.create',
        target: 'work_orders',
        before: null,
        after: { ids: ['wo-2'], codes: ['WO-2'] },
      },
    ]);
    expect(docAuditEntries('work_orders', by, [edit], new Map([['wo-1', base]]))).toMatchObject([
      { action: 'doc.update', before: { qty: 1 }, after: { qty: 2 } },
    ]);
    expect(docAuditEntries('work_orders', by, [gone], new Map([['wo-1', edit]]))).toMatchObject([
      { action: 'doc.delete', before: { _deleted: false }, after: { _deleted: true } },
    ]);
  });

  it('a creation names a document without a code by its name (a step, a person)', () => {
    const step = { ...base, id: 'op-1', code: '', name: 'Print' };
    const ana = { id: 'p-1', displayName: 'Ana Kovač', badgeCode: '', updatedBy: 'dev-1', _deleted: false };
    const nothing = { id: 'x-1', updatedBy: 'dev-1', _deleted: false };
    expect(docAuditEntries('operations', by, [step], new Map())[0]?.after).toEqual({
      ids: ['op-1'],
      codes: ['Print'],
    });
    expect(docAuditEntries('people', by, [ana, nothing], new Map())[0]?.after).toEqual({
      ids: ['p-1', 'x-1'],
      codes: ['Ana Kovač', ''],
    });
  });

  it('a write that changes only meta fields leaves no entry', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const touched = { ...d, updatedAt: '2027-01-01T00:00:00.000Z', serverUpdatedAt: null };
        expect(docAuditEntries('x', by, [touched], new Map([[d.id, d]]))).toEqual([]);
      }),
    );
  });

  it('names the operator only when the document names someone other than the device', () => {
    expect(actorOf(by, { ...base, updatedBy: 'dev-1' })).toBe('device:dev-1');
    expect(actorOf(by, { ...base, updatedBy: '' })).toBe('device:dev-1');
    expect(actorOf(by, { ...base, updatedBy: 'op-7' })).toBe('device:dev-1 operator:op-7');
  });
});
