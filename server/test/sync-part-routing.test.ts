import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { TemplateStep, WireDoc } from '@printfloor/shared';
import { parts } from '../src/db/tables.ts';
import { MIGRATIONS_DIR } from '../src/paths.ts';
import { create, update } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

type Part = WireDoc<'parts'>;

/** A part's stored routing template (issue 6) through push and pull: one jsonb field, merged whole. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const step = (code: string, over: Partial<TemplateStep> = {}): TemplateStep => ({
  code,
  name: `Step ${code}`,
  workCenterId: 'wc-print',
  printerId: '',
  plannedSetupMinutes: 10,
  runMinutesPerUnit: 2.5,
  notes: '',
  ...over,
});

function part(id: string, over: Partial<Part> = {}): Part {
  return {
    id,
    updatedAt: '2026-05-01T08:00:00.000Z',
    updatedBy: 'manager-1',
    serverUpdatedAt: null,
    code: `PT-${id}`,
    drawingNumber: 'DRW-1',
    revision: 'A',
    description: 'Camera mount bracket',
    material: 'PETG',
    colorHex: null,
    gramsPerPart: 18,
    printMinutes: 42,
    notes: '',
    routing: [],
    _deleted: false,
    ...over,
  };
}

async function pulled(id: string): Promise<Part> {
  const doc = (await h.a.api.pullAll<Part>('parts')).documents.find((d) => d.id === id);
  if (!doc) throw new Error(`part ${id} not pulled`);
  return doc;
}

async function storedRow(tenantId: string, id: string) {
  const rows = await h.db.orm
    // The derived table has no static type for its columns: name the jsonb column in SQL.
    .select({ routing: sql<unknown>`"routing"`, kind: sql<string>`jsonb_typeof("routing")`, seq: parts.seq })
    .from(parts)
    .where(and(eq(parts.tenantId, tenantId), eq(parts.id, id)));
  return rows[0]!;
}

describe(`part routing template sync on ${BACKEND}`, () => {
  const routing = [
    step('OP10', { name: 'Print', printerId: 'pr-7', plannedSetupMinutes: 15, runMinutesPerUnit: 42 }),
    step('OP20', {
      name: 'Remove supports',
      workCenterId: 'wc-post',
      runMinutesPerUnit: 3,
      notes: 'Flush cutters, not the knife',
    }),
    step('OP30', { name: 'Inspect', workCenterId: 'wc-qc', plannedSetupMinutes: 0, runMinutesPerUnit: 0.5 }),
  ];

  it('round-trips the steps in order, stores them as a jsonb array, and a replay changes nothing', async () => {
    const doc = part('rt-1', { routing });
    expect(await h.a.api.push('parts', [create(doc)])).toEqual([]);
    const got = await pulled('rt-1');
    expect(got.routing).toEqual(routing);
    const row = await storedRow(h.a.id, 'rt-1');
    expect(row.kind).toBe('array'); // not a JSON string holding an array
    expect(row.routing).toEqual(routing);

    expect(await h.a.api.push('parts', [create(doc)])).toEqual([]); // replay: no conflict
    expect((await storedRow(h.a.id, 'rt-1')).seq).toBe(row.seq); // and no new write
    // Tenant B sees none of it.
    expect((await h.b.api.pullAll<Part>('parts')).documents.find((d) => d.id === 'rt-1')).toBeUndefined();
  });

  it('accepts an edit of the template and returns the master on a clash (the array merges as one field)', async () => {
    await h.a.api.push('parts', [create(part('rt-2', { routing }))]);
    const master = await pulled('rt-2');
    const reordered = {
      ...master,
      routing: [routing[1]!, routing[0]!],
      updatedAt: '2026-05-02T08:00:00.000Z',
    };
    expect(await h.a.api.push('parts', [update(master, reordered)])).toEqual([]);
    expect((await pulled('rt-2')).routing.map((s) => s.code)).toEqual(['OP20', 'OP10']);

    // A second manager still holding the old master edits the template differently: conflict.
    const other = { ...master, routing: [routing[0]!], updatedAt: '2026-05-02T09:00:00.000Z' };
    const conflicts = await h.a.api.push<Part>('parts', [update(master, other)]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.routing.map((s) => s.code)).toEqual(['OP20', 'OP10']);
  });

  it('fills routing [] for a part pushed without it (a tablet from before the field)', async () => {
    const { routing: _omit, ...old } = part('rt-3');
    expect(await h.a.api.push('parts', [create(old)])).toEqual([]);
    expect((await pulled('rt-3')).routing).toEqual([]);
  });

  it('builds routing from the typed column where the cached wire form is gone (rows from before 0006)', async () => {
    await h.a.api.push('parts', [create(part('rt-4', { routing }))]);
    await h.db.orm
      .update(parts)
      .set({ doc: null })
      .where(and(eq(parts.tenantId, h.a.id), eq(parts.id, 'rt-4')));
    const got = await pulled('rt-4');
    expect(got.routing).toEqual(routing);
    // The rebuilt document is the one a replay compares against: still no conflict.
    expect(await h.a.api.push('parts', [create(part('rt-4', { routing }))])).toEqual([]);
  });

  it('migration 0006 makes parts cached before it pull with routing []', async () => {
    await h.a.api.push('parts', [create(part('rt-6'))]);
    // The wire form cached before 0006 had no routing key.
    await h.db.orm
      .update(parts)
      .set({ doc: sql`(${parts.doc}::jsonb - 'routing')::text` })
      .where(and(eq(parts.tenantId, h.a.id), eq(parts.id, 'rt-6')));
    expect('routing' in (await pulled('rt-6'))).toBe(false);
    const statements = readFileSync(join(MIGRATIONS_DIR, '0006_part_routing.sql'), 'utf8').split(
      '--> statement-breakpoint',
    );
    for (const stmt of statements.slice(1)) await h.db.orm.execute(sql.raw(stmt));
    expect((await pulled('rt-6')).routing).toEqual([]);
  });

  it('refuses a template with a negative time, an unknown key or too many steps (422, nothing written)', async () => {
    const bad: unknown[] = [
      part('rt-5', { routing: [step('OP10', { runMinutesPerUnit: -1 })] }),
      part('rt-5', { routing: [{ ...step('OP10'), extra: 1 } as TemplateStep] }),
      part('rt-5', { routing: Array.from({ length: 51 }, (_, i) => step(`OP${i}`)) }),
    ];
    for (const doc of bad) {
      const r = await h.a.api.pushRaw('parts', JSON.stringify([create(doc)]));
      expect(r.status).toBe(422);
    }
    expect((await h.a.api.pullAll<Part>('parts')).documents.find((d) => d.id === 'rt-5')).toBeUndefined();
  });
});
