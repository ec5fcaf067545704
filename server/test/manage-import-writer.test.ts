import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { WireDoc } from '@printfloor/shared';
import { createTenant } from '../src/admin/admin.service.ts';
import type { Database } from '../src/db/database.ts';
import { ImportService } from '../src/manage/import.service.ts';
import { SyncService } from '../src/sync/sync.service.ts';
import { wireOf } from '../src/sync/wire.ts';
import { BACKEND, createTestDatabase } from './helpers/test-db.ts';
import type { TestDatabase } from './helpers/test-db.ts';

/**
 * The import's set-based writer (one Postgres array literal per column, unnest) must store every
 * cell exactly as the sync path's row writer would: quotes, backslashes, braces, commas, the text
 * "NULL", blanks and real nulls, unicode, decimals, and a jsonb routing template.
 */

let testDb: TestDatabase;
let db: Database;
beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await testDb.open();
});
afterAll(async () => testDb?.destroy());

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** A row's typed columns (as a wire document) and its stored wire form `doc`. */
async function stored(name: 'spools' | 'parts', tenantId: string, code: string) {
  const w = wireOf(name);
  const rows = await db.orm
    .select({ ...w.selection, doc: w.table.doc })
    .from(w.table)
    .where(and(eq(w.table.tenantId, tenantId), eq(w.selection.code!, code)));
  return rows[0] as Record<string, unknown> & { doc: string };
}

const AWKWARD = [
  'say "hi" \\ to C:\\temp\\',
  '{a,b},{"c"}',
  'NULL',
  'null',
  '',
  'Ünïcødé — 線材 🧵',
  'line one\nline two',
];

describe(`the import's writer on ${BACKEND}`, () => {
  it('stores awkward text, nulls, decimals and jsonb exactly, in the typed columns and in the wire form tablets pull', async () => {
    const t = await createTenant(db.orm, 'writer');
    const imports = new ImportService(db);
    const actor = { tenantId: t.id, by: 'import:test', deviceId: 'import' };
    const header = 'code,notes,lot,diameterMm,netWeightG,spoolmanId,colorHex';
    const lines = AWKWARD.map((note, i) =>
      [
        `W-${i}`,
        csvCell(note),
        csvCell(`L"${i}\\`),
        csvCell('1,75'),
        `${1000 + i / 8}`,
        i % 2 ? `${i}` : '',
        'abc',
      ].join(','),
    );
    const done = await imports.commit('spools', { csv: [header, ...lines].join('\r\n') }, actor);
    expect(done.errors).toEqual([]);
    const body = JSON.parse(await new SyncService(db).pullBody(t.id, 'spools', 0, 100)) as {
      documents: WireDoc<'spools'>[];
    };
    const byCode = new Map(body.documents.map((d) => [d.code, d]));
    AWKWARD.forEach((note, i) => {
      const d = byCode.get(`W-${i}`)!;
      expect(d.notes).toBe(note);
      expect(d.lot).toBe(`L"${i}\\`);
      expect(d.diameterMm).toBe(1.75);
      expect(d.netWeightG).toBe(1000 + i / 8);
      expect(d.spoolmanId).toBe(i % 2 ? `${i}` : null);
      expect(d.colorHex).toBe('#AABBCC');
      expect(d._deleted).toBe(false);
    });
    const row = await stored('spools', t.id, 'W-0');
    expect(row.notes).toBe(AWKWARD[0]);
    expect(row.spoolmanId).toBeNull();
    expect(row._deleted).toBe(false);
    expect(JSON.parse(row.doc)).toEqual(byCode.get('W-0'));

    // A part's routing template is a jsonb column.
    const routing = [
      {
        code: '10',
        name: 'Print "A"\\',
        workCenterId: 'wc-print',
        printerId: '',
        plannedSetupMinutes: 5,
        runMinutesPerUnit: 12.5,
        notes: '{x,"y"} NULL',
      },
    ];
    const p = await imports.commit(
      'parts',
      { csv: `code,description,routing\r\nPT-J,"a ""part""",${csvCell(JSON.stringify(routing))}` },
      actor,
    );
    expect(p.errors).toEqual([]);
    const part = await stored('parts', t.id, 'PT-J');
    expect(part.description).toBe('a "part"');
    expect(JSON.parse(part.doc)).toMatchObject({ routing, description: 'a "part"' });
    expect(part.routing).toEqual(routing);
  });
});
