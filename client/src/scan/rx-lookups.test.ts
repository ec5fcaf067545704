import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openDatabase, type PrintfloorDatabase } from '../data/database.ts';
import { createRxScanLookups } from './rx-lookups.ts';
import { resolveScan } from './dispatch.ts';

let n = 0;
const open: PrintfloorDatabase[] = [];

async function db(): Promise<PrintfloorDatabase> {
  const d = await openDatabase({
    name: `scan-lookups-${process.pid}-${n++}`,
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    collections: ['spools', 'printers', 'people', 'operations'],
  });
  open.push(d);
  return d;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

const meta = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'dev', serverUpdatedAt: null };
function spoolDoc(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    ...meta,
    code: 'SP-0001',
    material: 'PLA',
    colorName: 'Signal red',
    colorHex: '#cc1f1f',
    brand: 'Prusament',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 180,
    lot: 'L1',
    location: 'Rack A',
    status: 'active' as const,
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: '2026-01-01',
    notes: '',
    ...over,
  };
}

describe('createRxScanLookups', () => {
  it('finds a spool by its code, also when scanned in lower case, with a readable title', async () => {
    const d = await db();
    await d.collections.spools.insert(spoolDoc('s1'));
    const l = createRxScanLookups(d);
    expect(await l.findRecord('spool', 'SP-0001')).toEqual({
      kind: 'spool',
      id: 's1',
      code: 'SP-0001',
      title: 'PLA · Signal red',
      deleted: false,
    });
    expect((await l.findRecord('spool', 'sp-0001'))?.id).toBe('s1');
    expect(await l.findRecord('spool', 'SP-0002')).toBeNull();
    expect(await resolveScan('https://old-host/q/spool/SP-0001', l)).toMatchObject({
      type: 'open',
      record: { id: 's1' },
    });
  });

  it('reports a deleted spool as deleted, so the scan says so instead of offering to bind', async () => {
    const d = await db();
    const doc = await d.collections.spools.insert(spoolDoc('s9', { code: 'SP-0009' }));
    await doc.remove();
    const l = createRxScanLookups(d);
    expect(await l.findRecord('spool', 'SP-0009')).toMatchObject({ id: 's9', deleted: true });
    expect(await resolveScan('SP-0009', l)).toMatchObject({ type: 'message', reason: 'deleted' });
  });

  it('maps Spoolman ids and badges through their fields', async () => {
    const d = await db();
    await d.collections.spools.insert(spoolDoc('s2', { code: 'SP-0002', spoolmanId: '42' }));
    await d.collections.people.insert({
      id: 'p1',
      ...meta,
      displayName: 'Ana Ruiz',
      badgeCode: 'B-0042',
      role: 'operator',
      active: true,
    });
    const l = createRxScanLookups(d);
    expect((await l.findSpoolBySpoolmanId('42'))?.code).toBe('SP-0002');
    expect(await l.findSpoolBySpoolmanId('43')).toBeNull();
    expect(await l.findRecord('person', 'B-0042')).toMatchObject({ id: 'p1', title: 'Ana Ruiz' });
  });

  it('prefills a new spool from the last one received with the same EAN', async () => {
    const d = await db();
    await d.collections.spools.bulkInsert([
      spoolDoc('a', { code: 'SP-1', ean: '4006381333931', receivedAt: '2026-01-01', colorName: 'Old red' }),
      spoolDoc('b', {
        code: 'SP-2',
        ean: '4006381333931',
        receivedAt: '2026-02-01',
        colorName: 'New red',
        tareWeightG: 201,
      }),
      spoolDoc('c', { code: 'SP-3', ean: '5901234123457', receivedAt: '2026-03-01' }),
    ]);
    const l = createRxScanLookups(d);
    expect(await l.lastSpoolWithEan('4006381333931')).toMatchObject({
      colorName: 'New red',
      tareWeightG: 201,
      brand: 'Prusament',
    });
    expect(await l.lastSpoolWithEan('0036000291452')).toBeNull();
  });

  it('treats a collection this tablet did not open as empty', async () => {
    const d = await db();
    expect(await createRxScanLookups(d).findRecord('wo', 'WO-1')).toBeNull();
  });
});
