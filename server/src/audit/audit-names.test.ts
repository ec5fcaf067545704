import { describe, expect, it } from 'vitest';
import { lookupOf, nameTokens, namesOf, refOf } from './audit-names.ts';
import type { AuditRow } from './audit.repo.ts';

const U = '0b6c1b9e-7a43-4a57-9f0e-3f2a1c6b5d01';
const D = '5f3e2d1c-0b9a-4877-8665-544332211000';

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 'e',
  at: '2026-05-01T08:00:00.000000Z',
  actor: 'system',
  action: 'doc.update',
  target: null,
  ip: null,
  before: null,
  after: null,
  ...over,
});

describe('audit names', () => {
  it('knows where each kind of token is named, and that some name nothing', () => {
    expect(refOf(`user:${U}`)).toEqual({ kind: 'user', id: U });
    expect(refOf(`device:${D}`)).toEqual({ kind: 'device', id: D });
    expect(refOf('operator:person-7')).toEqual({ kind: 'people', id: 'person-7' });
    expect(refOf('person:person-7')).toEqual({ kind: 'people', id: 'person-7' });
    expect(refOf('work_orders/wo-1')).toEqual({ kind: 'work_orders', id: 'wo-1' });
    // Not a uuid (the column is), not a collection, no id, or nothing stored at all.
    expect(refOf('user:nope')).toBeUndefined();
    expect(refOf('secrets/x')).toBeUndefined();
    expect(refOf('work_orders')).toBeUndefined();
    expect(refOf('work_orders/')).toBeUndefined();
    expect(refOf('email:a@b.example')).toBeUndefined();
    expect(refOf('system')).toBeUndefined();
  });

  it('collects actors, targets and references in before/after, each id looked up once', () => {
    const entries = [
      row({
        actor: `device:${D} operator:p-1`,
        target: 'spools/s-1',
        before: { loadedPrinterId: '', notes: 'printers/x' },
        after: { loadedPrinterId: 'pr-1', notes: 'y' },
      }),
      row({
        actor: `user:${U}`,
        action: 'device.paired',
        target: `device:${D}`,
        after: { pairingCodeBy: U },
      }),
      row({
        actor: 'system',
        action: 'doc.create',
        target: 'work_orders',
        after: { ids: ['w'], codes: ['WO-1'] },
      }),
      // Created people without a code are named by id: only the first few (the page counts the rest).
      row({
        actor: 'system',
        action: 'doc.create',
        target: 'people',
        after: { ids: Array.from({ length: 15 }, (_, i) => `p-${i}`), codes: ['', 'Ben'] },
      }),
    ];
    const uncoded = [0, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `p-${i}`);
    const tokens = nameTokens(entries);
    expect([...tokens].sort()).toEqual(
      [
        `device:${D}`,
        'operator:p-1',
        'spools/s-1',
        'printers/pr-1',
        `user:${U}`,
        'system',
        'work_orders',
        'people',
        ...uncoded.map((id) => `people/${id}`),
      ].sort(),
    );
    const lookup = lookupOf(tokens);
    expect(lookup.users).toEqual([U]);
    expect(lookup.devices).toEqual([D]);
    expect(Object.fromEntries(lookup.docs)).toEqual({
      people: ['p-1', ...uncoded],
      spools: ['s-1'],
      printers: ['pr-1'],
    });
  });

  it('maps each token to its name; operator and person tokens share the person', () => {
    const tokens = ['operator:p-1', 'person:p-1', 'spools/s-1', 'spools/s-2', `user:${U}`, 'system'];
    const names = namesOf(tokens, [
      { kind: 'people', id: 'p-1', name: 'Ana Kovač (EMP-1001)' },
      { kind: 'spools', id: 's-1', name: 'S-0001' },
      { kind: 'user', id: U, name: 'lee@example.com' },
      // A found id of another kind does not name a token of this one.
      { kind: 'printers', id: 's-2', name: 'P-1' },
    ]);
    expect(names).toEqual({
      'operator:p-1': 'Ana Kovač (EMP-1001)',
      'person:p-1': 'Ana Kovač (EMP-1001)',
      'spools/s-1': 'S-0001',
      [`user:${U}`]: 'lee@example.com',
    });
  });
});
