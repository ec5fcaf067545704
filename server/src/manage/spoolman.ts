import { randomUUID } from 'node:crypto';
import { spoolSchema } from '@printfloor/shared';
import type { Executor } from '../db/executor.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { ErrorList, SAMPLE_ROWS } from './import-types.ts';
import type { ImportActor, ImportPreview, Validated } from './import-types.ts';
import { idsByCode, spoolsBySpoolmanId } from './import.repo.ts';

/**
 * Import of a Spoolman export (issue 6). Spoolman (github.com/Donkie/Spoolman, spoolman/export.py)
 * exports spools, filaments and vendors as CSV or JSON from `GET /api/v1/export/<spools|filaments|
 * vendors>?fmt=csv|json`: each record is its database row flattened with dot-separated keys —
 * a spool carries its filament as `filament.<column>` and that filament's vendor as
 * `filament.vendor.<column>`; custom fields are `extra.<key>`. CSV columns are sorted by name, `None`
 * is an empty cell, booleans are `True`/`False`; JSON values keep their types, datetimes are
 * Python's `str()` (`2024-03-01 10:20:30` or with `+00:00`). The spools export alone is enough; the
 * filaments and vendors exports, when given, fill in what a spool row lacks (by `filament_id`,
 * `vendor_id`).
 *
 * Mapping (Spoolman → Printfloor spool): id → spoolmanId (so `web+spoolman:s-<id>` labels resolve,
 * see shared/src/qr) and code `SP-SM<id>`; filament.material, filament.name (colour name),
 * filament.color_hex (`RRGGBB[AA]`, first of multi_color_hexes otherwise), vendor name (brand),
 * filament.diameter; initial_weight (else filament.weight) → net weight; spool_weight (else the
 * filament's, else the vendor's empty_spool_weight) → tare; lot_nr, location, comment; archived →
 * status `empty`; registered → received date; filament.article_number → EAN when it is 13 digits.
 * Grams already used in Spoolman (used_weight) become one `adjust` movement of −used_weight, dated
 * at last_used: a correction of stock, not consumption on that day (it would distort usage per
 * day). Spools already imported (same Spoolman id) are skipped, so re-importing a newer export
 * adds only the new spools.
 */

export interface SpoolmanInput {
  spools: string;
  filaments?: string | undefined;
  vendors?: string | undefined;
}

type Flat = Record<string, unknown>;

interface Records {
  records: Flat[];
  /** Row number to report per record: the CSV line, or the JSON array position (1-based). */
  rows: number[];
}

function readExport(text: string, what: string, errors: ErrorList): Records | undefined {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '') return { records: [], rows: [] };
  if (t.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(t);
    } catch {
      errors.add(1, what, 'not valid JSON');
      return undefined;
    }
    if (
      !Array.isArray(data) ||
      !data.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))
    ) {
      errors.add(1, what, 'a Spoolman JSON export is an array of objects');
      return undefined;
    }
    return { records: data as Flat[], rows: data.map((_, i) => i + 1) };
  }
  try {
    const p = parseCsv(t);
    const records = p.rows.map((cells) => {
      const o: Flat = {};
      p.header.forEach((h, i) => (o[h] = cells[i] === '' || cells[i] === undefined ? null : cells[i]));
      return o;
    });
    return { records, rows: p.lines };
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      errors.add(err.line, what, err.message);
      return undefined;
    }
    throw err;
  }
}

const str = (v: unknown): string | null =>
  v === null || v === undefined || v === ''
    ? null
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);

function num(v: unknown): number | null {
  const s = str(v);
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const bool = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(true|1)$/i.test(v));

/** Python's `str(datetime)` or ISO → ISO-8601 UTC; naive times are UTC (Spoolman stores UTC). */
export function spoolmanTime(v: unknown): string | null {
  const s = str(v);
  if (s === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function byId(r: Records | undefined): Map<string, Flat> {
  return new Map((r?.records ?? []).map((x) => [str(x.id) ?? '', x]));
}

/** Looks a key up on the spool row (`filament.<key>`), else in the filaments export. */
function lookup(spool: Flat, filaments: Map<string, Flat>, vendors: Map<string, Flat>) {
  const filament = filaments.get(str(spool.filament_id) ?? str(spool['filament.id']) ?? '');
  const fil = (key: string): unknown => spool[`filament.${key}`] ?? filament?.[key] ?? null;
  const vendor = vendors.get(str(fil('vendor_id')) ?? str(fil('vendor.id')) ?? '');
  const ven = (key: string): unknown => fil(`vendor.${key}`) ?? vendor?.[key] ?? null;
  return { fil, ven };
}

function colour(fil: (k: string) => unknown): string {
  const raw = str(fil('color_hex')) ?? str(fil('multi_color_hexes'))?.split(',')[0] ?? null;
  const hex = raw?.trim().replace(/^#/, '') ?? '';
  return /^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(hex) ? `#${hex.slice(0, 6).toUpperCase()}` : '#808080';
}

export interface SpoolmanValidated extends Validated {
  skipped: number;
}

/** Maps and validates a Spoolman export against the tenant's spools (read through `tx`). */
export async function validateSpoolman(
  tx: Executor,
  input: SpoolmanInput,
  actor: ImportActor,
  now: Date,
): Promise<SpoolmanValidated> {
  const errors = new ErrorList();
  const spools = readExport(input.spools, 'spools export', errors);
  const filaments = input.filaments ? readExport(input.filaments, 'filaments export', errors) : undefined;
  const vendors = input.vendors ? readExport(input.vendors, 'vendors export', errors) : undefined;
  if (!spools || errors.count > 0) return finish(errors, 0, [], [], [], 0);
  if (spools.records.length === 0) errors.add(1, 'spools export', 'no spools in the file');
  if (spools.records.length > 0 && !('id' in spools.records[0]!))
    errors.add(1, 'spools export', 'not a Spoolman spools export (no "id" column)');
  if (errors.count > 0) return finish(errors, spools.records.length, [], [], [], 0);

  const filamentsById = byId(filaments);
  const vendorsById = byId(vendors);
  const smIds = spools.records.map((r) => str(r.id) ?? '').filter((s) => s !== '');
  const already = await spoolsBySpoolmanId(tx, actor.tenantId, [...new Set(smIds)]);
  const codesTaken = await idsByCode(
    tx,
    'spools',
    actor.tenantId,
    smIds.map((i) => `SP-SM${i}`),
  );
  const stamp = now.toISOString();
  const docs: AnyWireDoc[] = [];
  const movements: AnyWireDoc[] = [];
  const sample: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let skipped = 0;

  spools.records.forEach((rec, i) => {
    const row = spools.rows[i] ?? i + 1;
    const sid = str(rec.id);
    if (sid === null || !/^\d{1,20}$/.test(sid)) {
      errors.add(row, 'id', 'a Spoolman spool id is a whole number');
      return;
    }
    if (already.has(sid)) {
      skipped++;
      return;
    }
    if (seen.has(sid)) {
      errors.add(row, 'id', `spool ${sid} is in the file twice`);
      return;
    }
    seen.add(sid);
    const { fil, ven } = lookup(rec, filamentsById, vendorsById);
    const net = num(rec.initial_weight) ?? num(fil('weight'));
    if (net === null)
      errors.add(row, 'initial_weight', 'no net weight (neither initial_weight nor filament.weight)');
    const code = `SP-SM${sid}`;
    if (codesTaken.has(code)) errors.add(row, 'id', `a spool with code ${code} exists already`);
    const ean = str(fil('article_number'));
    const spool = {
      id: randomUUID(),
      updatedAt: stamp,
      updatedBy: actor.by,
      serverUpdatedAt: null,
      code,
      material: str(fil('material')) ?? '',
      colorName: str(fil('name')) ?? '',
      colorHex: colour(fil),
      brand: str(ven('name')) ?? '',
      diameterMm: num(fil('diameter')) ?? 1.75,
      netWeightG: net ?? 0,
      tareWeightG: num(rec.spool_weight) ?? num(fil('spool_weight')) ?? num(ven('empty_spool_weight')) ?? 0,
      lot: str(rec.lot_nr) ?? '',
      location: str(rec.location) ?? '',
      status: bool(rec.archived) ? ('empty' as const) : ('active' as const),
      loadedPrinterId: '',
      loadedSlot: '',
      spoolmanId: sid,
      ean: ean !== null && /^\d{13}$/.test(ean) ? ean : null,
      receivedAt: (spoolmanTime(rec.registered) ?? stamp).slice(0, 10),
      notes: str(rec.comment) ?? '',
    };
    const res = spoolSchema.safeParse(spool);
    if (!res.success) {
      for (const issue of res.error.issues)
        errors.add(row, SOURCE_OF[String(issue.path[0])] ?? String(issue.path[0]), issue.message);
    }
    const used = num(rec.used_weight) ?? 0;
    if (sample.length < SAMPLE_ROWS) {
      sample.push({
        row,
        spoolmanId: sid,
        code,
        material: spool.material,
        colorHex: spool.colorHex,
        colorName: spool.colorName,
        brand: spool.brand,
        netWeightG: spool.netWeightG,
        usedG: used,
        location: spool.location,
      });
    }
    if (errors.has(row)) return;
    docs.push({ ...spool, _deleted: false });
    if (used !== 0) {
      movements.push({
        id: randomUUID(),
        at: spoolmanTime(rec.last_used) ?? spoolmanTime(rec.registered) ?? stamp,
        operatorId: actor.by,
        deviceId: actor.deviceId,
        serverUpdatedAt: null,
        spoolId: spool.id,
        type: 'adjust',
        grams: -used,
        grossWeightG: null,
        estimated: false,
        workOrderId: '',
        operationId: '',
        printerId: '',
        slot: '',
        note: `Used in Spoolman before the import (spool ${sid})`,
        _deleted: false,
      });
    }
  });
  return finish(errors, spools.records.length, sample, docs, movements, skipped);
}

/** Which Spoolman key a Printfloor field came from, for error messages. */
const SOURCE_OF: Record<string, string> = {
  material: 'filament.material',
  colorName: 'filament.name',
  brand: 'filament.vendor.name',
  diameterMm: 'filament.diameter',
  netWeightG: 'initial_weight',
  tareWeightG: 'spool_weight',
  lot: 'lot_nr',
  location: 'location',
  notes: 'comment',
  receivedAt: 'registered',
};

function finish(
  errors: ErrorList,
  rowCount: number,
  sample: Record<string, unknown>[],
  docs: AnyWireDoc[],
  movements: AnyWireDoc[],
  skipped: number,
): SpoolmanValidated {
  const valid = errors.count === 0;
  const preview: ImportPreview = {
    kind: 'spoolman',
    rowCount,
    columns: Object.entries(SOURCE_OF).map(([field, header]) => ({ header, field })),
    fields: [],
    sample,
    errors: errors.sorted(),
    errorCount: errors.count,
    valid,
    writes: valid ? { spools: docs.length, spool_movements: movements.length } : {},
  };
  return {
    preview: { ...preview, skipped },
    docs: valid ? { spools: docs, spool_movements: movements } : {},
    skipped,
  };
}
