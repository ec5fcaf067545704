import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQr, foldSpoolLedger } from '@printfloor/shared';
import type { Part, Spool, SpoolMovement, WorkOrder } from '@printfloor/shared';
import type { BusEvent } from '../src/db/change-bus.ts';
import { parseCsv } from '../src/manage/csv.ts';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
const PASSWORD = 'a long enough password';
let manager: Browser;

interface Preview {
  rowCount: number;
  valid: boolean;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  columns: { header: string; field: string | null }[];
  sample: Record<string, unknown>[];
  writes: Record<string, number>;
  skipped?: number;
}

async function signIn(email: string): Promise<Browser> {
  const b = new Browser(h.server.url);
  expect((await b.login(email, PASSWORD)).status).toBe(200);
  return b;
}

const post = (b: Browser, path: string, body: unknown) =>
  b.request('POST', `/api/manage/import/${path}`, body);

beforeAll(async () => {
  h = await startHarness();
  const acc = h.server.app.accounts;
  await acc.createUser(h.a.id, 'boss@shop.example', 'manager', PASSWORD);
  await acc.createUser(h.a.id, 'lead@shop.example', 'lead', PASSWORD);
  await acc.createUser(h.a.id, 'op@shop.example', 'operator', PASSWORD);
  manager = await signIn('boss@shop.example');
});
afterAll(async () => h?.close());

const SPOOLS_OK = [
  'Code,Material,Colour name,Colour hex,Brand,Diameter mm,Net weight g,Tare weight g,Lot,Location',
  'SP-1001,PLA,Galaxy Black,#1A1A1A,Prusament,1.75,1000,186,L-77,Rack A',
  'SP-1002,PETG,"Signal Orange, matte",ff8800,Extrudr,"1,75",750,230,,Rack B',
  'SP-1003,ASA,White,FFF,Polymaker,1.75,1000,140,,',
].join('\r\n');

describe(`CSV import on ${BACKEND}`, () => {
  it('a file with bad rows reports each bad row and writes nothing', async () => {
    const csv = [
      'code;material;colorHex;netWeightG;status',
      'SP-2001;PLA;#FF0000;1000;active', // row 2: fine
      ';PLA;#00FF00;1000;active', // row 3: no code
      'SP-2003;PLA;green;heavy;active', // row 4: colour and weight
      'SP-2001;PLA;#0000FF;1000;active', // row 5: duplicate code
      'SP-2005;PLA;#0000FF;1000;lost', // row 6: unknown status
    ].join('\n');
    const p = (await post(manager, 'spools/preview', { csv })).body as Preview;
    expect(p.valid).toBe(false);
    expect(p.rowCount).toBe(5);
    expect(p.errors).toEqual([
      { row: 3, column: 'code', message: 'required' },
      { row: 4, column: 'colorHex', message: '"green" is not a colour like #FF8800' },
      { row: 4, column: 'netWeightG', message: '"heavy" is not a number' },
      { row: 5, column: 'code', message: 'SP-2001 is also on row 2' },
      { row: 6, column: 'status', message: 'Invalid option: expected one of "active"|"empty"|"disposed"' },
    ]);
    const before = await h.a.api.pull('spools');
    const commit = await post(manager, 'spools/commit', { csv });
    expect(commit.status).toBe(422);
    expect(errorCode(commit.body)).toBe('import_invalid');
    expect((commit.body as { error: { details: Preview } }).error.details.errorCount).toBe(5);
    const after = await h.a.api.pull('spools');
    expect(after.documents).toHaveLength(0);
    expect(after.checkpoint).toEqual(before.checkpoint);
    expect((await h.a.api.pull('spool_movements')).documents).toHaveLength(0);
  });

  it('previews the mapping, then commits every row in one go; the tablet pulls them and is woken', async () => {
    const p = (await post(manager, 'spools/preview', { csv: SPOOLS_OK })).body as Preview;
    expect(p).toMatchObject({
      valid: true,
      rowCount: 3,
      errorCount: 0,
      writes: { spools: 3, spool_movements: 3 },
    });
    expect(p.columns.slice(0, 4)).toEqual([
      { header: 'Code', field: 'code' },
      { header: 'Material', field: 'material' },
      { header: 'Colour name', field: 'colorName' },
      { header: 'Colour hex', field: 'colorHex' },
    ]);
    expect(p.sample[1]).toMatchObject({
      row: 3,
      colorName: 'Signal Orange, matte',
      colorHex: '#FF8800',
      diameterMm: 1.75,
    });

    const woken: BusEvent[] = [];
    const stop = h.db.bus.subscribe((e) => woken.push(e));
    const r = await post(manager, 'spools/commit', { csv: SPOOLS_OK });
    stop();
    expect(r.status).toBe(201);
    const spools = (await h.a.api.pull<Spool>('spools')).documents;
    expect(spools.map((s) => s.code).sort()).toEqual(['SP-1001', 'SP-1002', 'SP-1003']);
    expect(spools.find((s) => s.code === 'SP-1003')).toMatchObject({
      colorHex: '#FFFFFF',
      tareWeightG: 140,
      status: 'active',
    });
    const moves = (await h.a.api.pull<SpoolMovement>('spool_movements')).documents;
    expect(moves).toHaveLength(3);
    const s2 = spools.find((s) => s.code === 'SP-1002')!;
    const ledger = foldSpoolLedger(
      moves.filter((m) => m.spoolId === s2.id),
      s2.netWeightG,
    );
    expect(ledger.remainingG).toBe(750);
    const changed = woken.flatMap((e) => (e.type === 'change' ? [e.change.collection] : []));
    expect(changed.sort()).toEqual(['spool_movements', 'spools']);

    // The same file again: every code exists now, so every row is an error and nothing is written.
    const again = (await post(manager, 'spools/preview', { csv: SPOOLS_OK })).body as Preview;
    expect(again.errors.map((e) => [e.row, e.message])).toEqual([
      [2, 'spool SP-1001 exists already'],
      [3, 'spool SP-1002 exists already'],
      [4, 'spool SP-1003 exists already'],
    ]);
  });

  it('maps columns by hand, and refuses a mapping to a field that does not exist', async () => {
    const csv = 'Teil,Beschreibung,Gramm\nPT-9,Bracket,12.5\n';
    const missing = (await post(manager, 'parts/preview', { csv })).body as Preview;
    expect(missing.errors).toEqual([
      { row: 1, column: 'Code', message: 'the file needs a column for "Code" (code)' },
    ]);
    const mapping = { Teil: 'code', Beschreibung: 'description', Gramm: 'gramsPerPart' };
    const ok = (await post(manager, 'parts/preview', { csv, mapping })).body as Preview;
    expect(ok.valid).toBe(true);
    expect(ok.sample[0]).toMatchObject({ code: 'PT-9', description: 'Bracket', gramsPerPart: 12.5 });
    const wrong = (await post(manager, 'parts/preview', { csv, mapping: { ...mapping, Gramm: 'weight' } }))
      .body as Preview;
    expect(wrong.errors[0]).toMatchObject({ row: 1, column: 'Gramm' });
  });

  it('imports parts, then work orders that name them by code', async () => {
    const parts =
      'code,description,material,gramsPerPart,printMinutes\nPT-100,Hinge,PETG,22,95\nPT-101,"Cover ""XL""",PLA,140,600\n';
    expect((await post(manager, 'parts/commit', { csv: parts })).status).toBe(201);
    const wos = [
      'Code,Part code,Title,Qty,Priority,Due date,Customer,On hold',
      'WO-5001,PT-100,Hinges for Acme,40,2,2026-12-01,Acme,no',
      'WO-5002,PT-999,Unknown part,5,3,,Acme,no',
      'WO-5003,PT-101,Covers,0,9,2026-13-01,Beta,maybe',
    ].join('\n');
    const bad = (await post(manager, 'work_orders/preview', { csv: wos })).body as Preview;
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Part code'],
      [4, 'Due date'],
      [4, 'On hold'],
      [4, 'Priority'],
    ]);
    const good = wos.split('\n').slice(0, 2).join('\n') + '\nWO-5003,PT-101,Covers,10,1,,Beta,yes\n';
    const r = await post(manager, 'work_orders/commit', { csv: good });
    expect(r.status).toBe(201);
    const partDocs = (await h.a.api.pull<Part>('parts')).documents;
    const orders = (await h.a.api.pull<WorkOrder>('work_orders')).documents;
    const hinge = partDocs.find((p) => p.code === 'PT-100')!;
    expect(hinge.routing).toEqual([]); // no routing column: no template
    expect(orders.find((o) => o.code === 'WO-5001')).toMatchObject({
      partId: hinge.id,
      qtyOrdered: 40,
      priority: 2,
      dueDate: '2026-12-01',
      status: 'draft',
      onHold: false,
    });
    expect(orders.find((o) => o.code === 'WO-5003')).toMatchObject({ onHold: true, priority: 1 });
  });

  it('leads and operators cannot import; a lead can export', async () => {
    const lead = await signIn('lead@shop.example');
    expect((await post(lead, 'parts/commit', { csv: 'code\nPT-1\n' })).status).toBe(403);
    const op = await signIn('op@shop.example');
    expect((await post(op, 'parts/preview', { csv: 'code\nPT-1\n' })).status).toBe(403);
    expect((await op.request('GET', '/api/manage/export/parts')).status).toBe(403);
    expect((await lead.request('GET', '/api/manage/export/parts')).status).toBe(200);
    expect((await post(manager, 'nothing/preview', { csv: 'code\n' })).status).toBe(404);
  });

  it('exports a collection as CSV with the formula guard, in a form the import maps back', async () => {
    const csv = 'code,description,notes\nPT-200,"=cmd|\' /C calc\'!A0",-3\nPT-201,@SUM(A1),+tip\n';
    expect((await post(manager, 'parts/commit', { csv })).status).toBe(201);
    const r = await manager.request('GET', '/api/manage/export/parts.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="parts.csv"');
    const text = String(r.body).replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe(
      'id,updatedAt,updatedBy,serverUpdatedAt,code,drawingNumber,revision,description,material,colorHex,gramsPerPart,printMinutes,notes,routing',
    );
    expect(lines).toHaveLength(4); // PT-100, PT-101 (before), PT-200, PT-201
    const pt200 = lines.find((l) => l.includes(',PT-200,'))!;
    expect(pt200).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(pt200.endsWith(',-3,[]')).toBe(true); // a plain number is left alone
    expect(lines.find((l) => l.includes(',PT-201,'))).toMatch(/,'@SUM\(A1\),.*,'\+tip,\[\]$/);
    // Re-importing the export maps every column by its name (and finds the codes taken).
    const back = (await post(manager, 'parts/preview', { csv: text })).body as Preview;
    expect(back.columns.filter((c) => c.field !== null).map((c) => c.header)).toEqual([
      'code',
      'drawingNumber',
      'revision',
      'description',
      'material',
      'colorHex',
      'gramsPerPart',
      'printMinutes',
      'notes',
      'routing',
    ]);
    expect(back.errors.every((e) => /exists already/.test(e.message))).toBe(true);
  });

  it('exports the routing template of a part as one JSON cell, which the import reads back', async () => {
    const routing = [
      {
        code: 'OP10',
        name: 'Print',
        workCenterId: 'wc-1',
        printerId: '',
        plannedSetupMinutes: 15,
        runMinutesPerUnit: 42,
        notes: '',
      },
      {
        code: 'OP20',
        name: 'Deburr, "light"',
        workCenterId: 'wc-2',
        printerId: '',
        plannedSetupMinutes: 0,
        runMinutesPerUnit: 1.5,
        notes: 'x',
      },
    ];
    const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = `code,description,routing\nPT-300,Routed,${cell(JSON.stringify(routing))}\nPT-301,Bad,${cell('[{"code":"OP10"}]')}\nPT-302,Worse,not json\n`;
    const bad = (await post(manager, 'parts/preview', { csv })).body as Preview;
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'routing'],
      [4, 'routing'],
    ]);
    const good = csv.split('\n').slice(0, 2).join('\n');
    expect((await post(manager, 'parts/commit', { csv: good })).status).toBe(201);
    const pt300 = (await h.a.api.pullAll<Part>('parts')).documents.find((p) => p.code === 'PT-300')!;
    expect(pt300.routing).toEqual(routing);

    const text = String((await manager.request('GET', '/api/manage/export/parts.csv')).body).replace(
      /^\uFEFF/,
      '',
    );
    const line = text.split('\r\n').find((l) => l.includes(',PT-300,'))!;
    const parsed = parseCsv(text);
    const row = parsed.rows.find((r) => r.includes('PT-300'))!;
    // jsonb keeps its own key order: compare the JSON, not its text.
    expect(JSON.parse(row[parsed.header.indexOf('routing')]!)).toEqual(routing);
    // The exported file, code changed, imports as a new part with the same template.
    const header = text.split('\r\n')[0]!.replace(/^\uFEFF/, '');
    const again = `${header}\r\n${line.replace(',PT-300,', ',PT-310,')}\r\n`;
    expect((await post(manager, 'parts/commit', { csv: again })).status).toBe(201);
    const pt310 = (await h.a.api.pullAll<Part>('parts')).documents.find((p) => p.code === 'PT-310')!;
    expect(pt310.routing).toEqual(routing);
  });

  it('a 10,000-row import completes', async () => {
    const rows = ['code,material,colorHex,netWeightG,tareWeightG,lot'];
    for (let i = 0; i < 10_000; i++)
      rows.push(`SP-B${i},PLA,#${(i * 97).toString(16).padStart(6, '0').slice(-6)},1000,200,BULK`);
    const r = await post(manager, 'spools/commit', { csv: rows.join('\n') });
    expect(r.status).toBe(201);
    expect((r.body as Preview).writes).toEqual({ spools: 10_000, spool_movements: 10_000 });
    const all = await h.a.api.pullAll<Spool>('spools');
    expect(all.documents.filter((s) => s.lot === 'BULK')).toHaveLength(10_000);
    // The export pages through all of them (2,000 a page), each once.
    const csv = await manager.request('GET', '/api/manage/export/spools.csv');
    const lines = String(csv.body).trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(all.documents.length);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(all.documents.length);
  }, 120_000);
});

/** A Spoolman spools export as `GET /api/v1/export/spools?fmt=csv` writes it (columns sorted, flattened). */
const SPOOLMAN_CSV = [
  'archived,comment,filament.article_number,filament.color_hex,filament.comment,filament.density,filament.diameter,filament.external_id,filament.id,filament.material,filament.multi_color_direction,filament.multi_color_hexes,filament.name,filament.price,filament.registered,filament.settings_bed_temp,filament.settings_extruder_temp,filament.spool_weight,filament.vendor.comment,filament.vendor.empty_spool_weight,filament.vendor.external_id,filament.vendor.id,filament.vendor.name,filament.vendor.registered,filament.vendor_id,filament.weight,filament_id,first_used,id,initial_weight,last_used,location,lot_nr,price,registered,spool_weight,used_weight',
  'False,,8594173675018,1A1A1A,,1.24,1.75,,1,PLA,,,Galaxy Black,24.99,2024-01-05 09:00:00,60,215,193.0,,193.0,,1,Prusament,2024-01-05 08:59:00,1,1000.0,1,2024-02-01 10:00:00,3,1000.0,2024-05-01 18:30:00,Shelf 2,A-13,,2024-01-20 12:00:00,,241.5',
  'False,"Opened, dry it",,,,1.27,1.75,,2,PETG,coaxial,"FF8800,000000",Sunset Duo,29.0,2024-01-06 09:00:00,,,,,,,2,Extrudr,2024-01-06 08:00:00,2,750.0,2,,12,,,,,,2024-03-02 08:00:00.123456,230.0,0.0',
].join('\r\n');

/** The same kind of export as JSON (`fmt=json`): values keep their types, times are Python's str(). */
const SPOOLMAN_JSON = JSON.stringify([
  {
    id: 40,
    registered: '2024-04-01 10:00:00+00:00',
    first_used: null,
    last_used: null,
    price: null,
    filament_id: 1,
    'filament.id': 1,
    'filament.name': 'Galaxy Black',
    'filament.material': 'PLA',
    'filament.diameter': 1.75,
    'filament.weight': 1000.0,
    'filament.spool_weight': 193.0,
    'filament.color_hex': '1A1A1AFF',
    'filament.vendor_id': 1,
    'filament.vendor.id': 1,
    'filament.vendor.name': 'Prusament',
    initial_weight: null,
    spool_weight: null,
    used_weight: 0.0,
    location: null,
    lot_nr: null,
    comment: null,
    archived: false,
    'extra.nfc_id': '"04A2"',
  },
]);

describe(`Spoolman import on ${BACKEND}`, () => {
  it('maps a Spoolman CSV export; its QR labels resolve to the imported spools', async () => {
    const p = (await post(manager, 'spoolman/preview', { spools: SPOOLMAN_CSV })).body as Preview;
    expect(p).toMatchObject({ valid: true, rowCount: 2, writes: { spools: 2, spool_movements: 1 } });
    expect((await post(manager, 'spoolman/commit', { spools: SPOOLMAN_CSV })).status).toBe(201);

    const spools = (await h.a.api.pullAll<Spool>('spools')).documents;
    const moves = (await h.a.api.pullAll<SpoolMovement>('spool_movements')).documents;
    // What the tablet's scanner does with a Spoolman label (client/src/scan: decodeQr, then the
    // spool whose spoolmanId matches).
    const scanned = (label: string) => {
      const q = decodeQr(label);
      if (q.type !== 'spoolman') throw new Error(`not a Spoolman label: ${label}`);
      return spools.find((s) => s.spoolmanId === q.spoolmanId);
    };
    const black = scanned('web+spoolman:s-3')!;
    expect(black).toMatchObject({
      code: 'SP-SM3',
      material: 'PLA',
      colorName: 'Galaxy Black',
      colorHex: '#1A1A1A',
      brand: 'Prusament',
      netWeightG: 1000,
      tareWeightG: 193,
      lot: 'A-13',
      location: 'Shelf 2',
      ean: '8594173675018',
      receivedAt: '2024-01-20',
      status: 'active',
    });
    const ledger = foldSpoolLedger(
      moves.filter((m) => m.spoolId === black.id),
      black.netWeightG,
    );
    expect(ledger.remainingG).toBe(758.5);
    expect(ledger.consumedG).toBe(0); // Spoolman's past use is a correction, not consumption today
    expect(scanned('https://spoolman.local:7912/spool/show/12')).toMatchObject({
      code: 'SP-SM12',
      colorHex: '#FF8800',
      brand: 'Extrudr',
      tareWeightG: 230,
      notes: 'Opened, dry it',
    });

    // A newer export holding the same spools adds nothing.
    const again = (await post(manager, 'spoolman/commit', { spools: SPOOLMAN_CSV })).body as Preview;
    expect(again).toMatchObject({ skipped: 2, writes: { spools: 0, spool_movements: 0 } });
  });

  it('fills what a spool row lacks from the filaments and vendors exports', async () => {
    const spools =
      'id,filament_id,initial_weight,used_weight,registered\r\n77,9,,100.0,2024-06-01 08:00:00\r\n';
    const filaments =
      'color_hex,diameter,id,material,name,spool_weight,vendor_id,weight\r\n00AA55,2.85,9,PETG,Jade,,4,750.0\r\n';
    const vendors = JSON.stringify([
      { id: 4, name: 'Fillamentum', empty_spool_weight: 230.0, registered: '2024-01-01 00:00:00' },
    ]);
    const r = await post(manager, 'spoolman/commit', { spools, filaments, vendors });
    expect(r.status).toBe(201);
    const s77 = (await h.a.api.pullAll<Spool>('spools')).documents.find((s) => s.spoolmanId === '77');
    expect(s77).toMatchObject({
      material: 'PETG',
      colorName: 'Jade',
      colorHex: '#00AA55',
      diameterMm: 2.85,
      brand: 'Fillamentum',
      netWeightG: 750,
      tareWeightG: 230,
      receivedAt: '2024-06-01',
    });
  });

  it('reads the JSON export, takes the net weight from the filament, and reports bad records', async () => {
    const r = await post(manager, 'spoolman/commit', { spools: SPOOLMAN_JSON });
    expect(r.status).toBe(201);
    const s40 = (await h.a.api.pullAll<Spool>('spools')).documents.find((s) => s.spoolmanId === '40');
    expect(s40).toMatchObject({
      code: 'SP-SM40',
      netWeightG: 1000,
      colorHex: '#1A1A1A',
      receivedAt: '2024-04-01',
    });

    const broken = JSON.stringify([
      { id: 'x7', used_weight: 0 },
      { id: 41, 'filament.material': 'PLA' },
    ]);
    const p = (await post(manager, 'spoolman/commit', { spools: broken })).body as {
      error: { details: Preview };
    };
    expect(p.error.details.errors).toEqual([
      { row: 1, column: 'id', message: 'a Spoolman spool id is a whole number' },
      {
        row: 2,
        column: 'initial_weight',
        message: 'no net weight (neither initial_weight nor filament.weight)',
      },
    ]);
    expect((await h.a.api.pullAll<Spool>('spools')).documents.some((s) => s.spoolmanId === '41')).toBe(false);
  });
});
