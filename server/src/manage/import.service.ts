import { randomBytes, randomUUID } from 'node:crypto';
import type { CollectionName } from '@printfloor/shared';
import type { Database } from '../db/database.ts';
import type { Executor } from '../db/executor.ts';
import type { Change } from '../db/change-bus.ts';
import { scopeToTenant, withTenant } from '../db/tenant-scope.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import type { ParsedCsv } from './csv.ts';
import { IMPORT_COLUMNS, autoMapping, schemaOf } from './import-columns.ts';
import type { ImportKind } from './import-columns.ts';
import {
  createStage,
  dropStage,
  idsByCode,
  lockCounter,
  lookupsUnchanged,
  prepareRows,
  readCounter,
  recordLookups,
  spoolsBySpoolmanId,
  stageChunk,
  writePrepared,
} from './import.repo.ts';
import type { Lookup, NewDocs, PreparedRows } from './import.repo.ts';
import { ErrorList, MAX_IMPORT_ROWS, SAMPLE_ROWS } from './import-types.ts';
import type { ImportActor, ImportInput, ImportPreview, Validated } from './import-types.ts';
import { ImportRejected } from './import-types.ts';
import { validateSpoolman } from './spoolman.ts';
import type { SpoolmanInput } from './spoolman.ts';

/**
 * CSV import of spools, parts and work orders (issue 6): upload → preview (mapping, row count,
 * first rows, every row's errors) → commit. Nothing is stored between the two calls: commit parses
 * and validates the same file again. A file with any error writes nothing; a valid one is written
 * in ONE transaction, as sync rows (a seq each, the stored wire form, NOTIFY after commit), so
 * tablets receive the rows by replication like any push.
 *
 * The tenant's sync counter lock, which every push of the tenant waits for (on PGlite: every
 * statement of the database), is held only for the writing itself; see `commitWith`.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
 */

/**
 * How a validation reads the tenant's data: `fn` runs in a transaction scoped to the tenant — a
 * short one of its own, or (revalidating under the lock) the commit's own transaction.
 */
export type Reader = <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>;

/**
 * A big file is CPU work on the server's one event loop: awaited once per row, this lets queued
 * requests (tablet pushes and pulls, each a few database round trips) run whenever the import has
 * worked for SLICE_MS since it last let them.
 */
const SLICE_MS = 8;
function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

export class ImportService {
  readonly #db: Database;
  readonly #now: () => Date;

  constructor(db: Database, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  /** Validates without writing. */
  async preview(kind: ImportKind, input: ImportInput, actor: ImportActor): Promise<ImportPreview> {
    return (await validateCsv(this.#reader(actor), kind, input, actor, this.#now())).preview;
  }

  /** Validates and, when the whole file is valid, writes every row in one transaction. */
  async commit(kind: ImportKind, input: ImportInput, actor: ImportActor): Promise<ImportPreview> {
    return this.commitWith(actor, (read) => validateCsv(read, kind, input, actor, this.#now()));
  }

  async previewSpoolman(input: SpoolmanInput, actor: ImportActor): Promise<ImportPreview> {
    return (await this.#reader(actor)((tx) => validateSpoolman(tx, input, actor, this.#now()))).preview;
  }

  async commitSpoolman(input: SpoolmanInput, actor: ImportActor): Promise<ImportPreview> {
    return this.commitWith(actor, (read) => read((tx) => validateSpoolman(tx, input, actor, this.#now())));
  }

  /** Short tenant-scoped read transactions, each recording its lookups into `log` when given. */
  #reader(actor: ImportActor, log?: Lookup[]): Reader {
    return (fn) =>
      withTenant(this.#db.orm, actor.tenantId, (tx) => {
        if (log) recordLookups(tx, log);
        return fn(tx);
      });
  }

  /**
   * The one commit path (CSV and Spoolman), all-or-nothing in one writing transaction:
   *
   * 1. Without any lock: read the tenant's counter (`since`), then validate (parse, map, check
   *    against the tenant's data through short read transactions, recording each lookup), and
   *    build every row to write (typed columns, stored wire form, serialized column-wise). An
   *    invalid file is rejected here: nothing was written. The rows go into temporary tables
   *    (`createStage`): on PGlite (one session, one transaction at a time) chunk by chunk in short
   *    transactions of their own; on Postgres (pooled connections) in the writing transaction,
   *    before it takes the lock.
   * 2. In one transaction: take the counter lock; ask whether each recorded lookup would answer the
   *    same now (`lookupsUnchanged`: only rows with seq > `since` can have changed). If so, the
   *    validation is exactly what it would be under the lock (it is a function of the file, those
   *    answers and the clock); if not (rare: a tablet or manager changed a spool, part or code the
   *    file names, meanwhile), validate and build again in this transaction, under the lock, as
   *    before (then written straight from the arrays). Then the staged rows are copied over with
   *    seqs base + 1, … in order; counter; NOTIFY (delivered at commit); commit.
   *
   * So the lock covers one INSERT … SELECT per collection instead of the whole file's parsing,
   * validation and writing; commit order is still seq order (rule 2), a puller never sees a part of
   * the file (one transaction), and the wake-up follows the commit (rule 7).
   */
  async commitWith(
    actor: ImportActor,
    validate: (read: Reader) => Promise<Validated>,
  ): Promise<ImportPreview> {
    const stamp = this.#now().toISOString();
    const since = await withTenant(this.#db.orm, actor.tenantId, (tx) => readCounter(tx, actor.tenantId));
    const lookups: Lookup[] = [];
    const checked = await validate(this.#reader(actor, lookups));
    if (!checked.preview.valid) throw new ImportRejected(checked.preview);
    const built = await prepareAll(checked.docs, actor.tenantId, stamp);
    const stage = `import_stage_${randomBytes(6).toString('hex')}`;
    const tables = built.map((_, k) => `${stage}_${k}`);
    const ownSession = this.#db.kind === 'pglite';
    try {
      if (ownSession) await stageAll(this.#reader(actor), built, tables, false);
      const { preview, changes } = await this.#db.orm.transaction(async (tx) => {
        await scopeToTenant(tx, actor.tenantId);
        if (!ownSession) await stageAll((fn) => fn(tx), built, tables, true);
        const base = await lockCounter(tx, actor.tenantId);
        let v = checked;
        let prepared = built;
        let staged: string[] = tables;
        if (!(await lookupsUnchanged(tx, actor.tenantId, since, lookups))) {
          v = await validate((fn) => fn(tx));
          if (!v.preview.valid) throw new ImportRejected(v.preview);
          prepared = await prepareAll(v.docs, actor.tenantId, stamp);
          staged = [];
        }
        const { last } = await writePrepared(tx, actor.tenantId, base, prepared, staged);
        const changes: Change[] = [];
        for (const [collection, seq] of Object.entries(last) as [CollectionName, number][]) {
          const change = { tenantId: actor.tenantId, collection, seq };
          await this.#db.bus.announce(tx, change);
          changes.push(change);
        }
        return { preview: v.preview, changes };
      });
      for (const c of changes) this.#db.bus.committed(c);
      return preview;
    } finally {
      if (ownSession) await this.#reader(actor)((tx) => dropStage(tx, tables));
    }
  }
}

/** Copies every collection's prepared rows into its temporary table (see createStage). */
async function stageAll(
  read: Reader,
  prepared: readonly PreparedRows[],
  tables: readonly string[],
  dropOnCommit: boolean,
): Promise<void> {
  for (const [k, rows] of prepared.entries()) {
    const table = tables[k]!;
    await read((tx) => createStage(tx, rows, table, dropOnCommit));
    for (let c = 0; c < rows.chunks.length; c++) await read((tx) => stageChunk(tx, rows, table, c));
  }
}

/** Every collection's rows, in the order they get their seqs (the imported kind, then the ledger). */
async function prepareAll(docs: NewDocs, tenantId: string, stamp: string): Promise<PreparedRows[]> {
  const out: PreparedRows[] = [];
  const pause = slicer();
  for (const [name, list] of Object.entries(docs) as [CollectionName, AnyWireDoc[]][]) {
    out.push(await prepareRows(name, list, tenantId, stamp, pause));
  }
  return out;
}

function parse(csv: string, errors: ErrorList): ParsedCsv | undefined {
  try {
    const p = parseCsv(csv);
    if (p.header.length === 0) errors.add(1, '', 'the file is empty');
    else if (p.rows.length === 0) errors.add(2, '', 'the file has a header but no rows');
    else if (p.rows.length > MAX_IMPORT_ROWS)
      errors.add(1, '', `at most ${MAX_IMPORT_ROWS} rows per file (this one has ${p.rows.length})`);
    return errors.count > 0 ? undefined : p;
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      errors.add(err.line, '', err.message.replace(/^line \d+: /, ''));
      return undefined;
    }
    throw err;
  }
}

/** header index → field, from the automatic mapping and the caller's overrides. */
function resolveMapping(
  kind: ImportKind,
  header: string[],
  overrides: Record<string, string> | undefined,
  errors: ErrorList,
): (string | null)[] {
  const known = new Set(IMPORT_COLUMNS[kind].map((c) => c.field));
  const mapping = autoMapping(kind, header);
  if (overrides) {
    header.forEach((h, i) => {
      const f = overrides[h];
      if (f === undefined) return;
      if (f !== '' && !known.has(f)) errors.add(1, h, `no field "${f}" to map this column to`);
      mapping[i] = f === '' || !known.has(f) ? null : f;
    });
  }
  const seen = new Map<string, string>();
  mapping.forEach((f, i) => {
    if (f === null) return;
    const other = seen.get(f);
    if (other !== undefined) errors.add(1, header[i] ?? '', `maps to the same field as "${other}"`);
    else seen.set(f, header[i] ?? '');
  });
  for (const c of IMPORT_COLUMNS[kind]) {
    if (c.required && !mapping.includes(c.field)) {
      errors.add(1, c.label, `the file needs a column for "${c.label}" (${c.field})`);
    }
  }
  return mapping;
}

/** The full validation of one CSV file against the tenant's data (read through `read`). */
export async function validateCsv(
  read: Reader,
  kind: ImportKind,
  input: ImportInput,
  actor: ImportActor,
  now: Date,
): Promise<Validated> {
  const errors = new ErrorList();
  const parsed = parse(input.csv, errors);
  if (!parsed) return done(kind, errors, 0, [], [], {});
  const { header, rows, lines } = parsed;
  const mapping = resolveMapping(kind, header, input.mapping, errors);
  const columns = header.map((h, i) => ({ header: h, field: mapping[i] ?? null }));
  if (errors.count > 0) return done(kind, errors, rows.length, columns, [], {});

  const headerOf = new Map<string, string>();
  mapping.forEach((f, i) => f !== null && headerOf.set(f, header[i] ?? f));
  const labelOf = (field: string) =>
    headerOf.get(field) ?? IMPORT_COLUMNS[kind].find((c) => c.field === field)?.label ?? field;
  const stamp = now.toISOString();
  const schema = schemaOf(kind);

  const pause = slicer();
  const records: { row: number; fields: Record<string, unknown> }[] = [];
  for (const [r, cells] of rows.entries()) {
    await pause();
    const row = lines[r] ?? r + 2;
    const fields: Record<string, unknown> = {};
    for (const c of IMPORT_COLUMNS[kind]) fields[c.field] = c.fallback();
    cells.forEach((raw, i) => {
      const field = mapping[i];
      if (i >= header.length) {
        if (raw !== '') errors.add(row, `column ${i + 1}`, 'more cells than the header has columns');
        return;
      }
      if (field === null || field === undefined) return;
      const c = IMPORT_COLUMNS[kind].find((x) => x.field === field)!;
      if (raw === '') {
        if (c.required) errors.add(row, labelOf(field), 'required');
        return;
      }
      const v = c.parse(raw);
      if (v.ok) fields[field] = v.value;
      else errors.add(row, labelOf(field), v.message);
    });
    records.push({ row, fields });
  }

  // References and uniqueness: codes must be new to the tenant and to the file. One short read.
  const codes = records.map((r) => String(r.fields.code));
  const partCodes =
    kind === 'work_orders'
      ? [...new Set(records.map((r) => String(r.fields.partCode)).filter((c) => c !== ''))]
      : [];
  const smIds =
    kind === 'spools'
      ? records.map((r) => r.fields.spoolmanId).filter((s): s is string => typeof s === 'string')
      : [];
  const { taken, partIds, smTaken } = await read(async (tx) => ({
    taken: await idsByCode(tx, kind, actor.tenantId, [...new Set(codes)]),
    partIds: await idsByCode(tx, 'parts', actor.tenantId, partCodes),
    smTaken: await spoolsBySpoolmanId(tx, actor.tenantId, [...new Set(smIds)]),
  }));
  const firstRow = new Map<string, number>();
  for (const r of records) {
    const code = String(r.fields.code);
    if (code === '') continue;
    if (taken.has(code)) errors.add(r.row, labelOf('code'), `${KIND_NOUN[kind]} ${code} exists already`);
    const earlier = firstRow.get(code);
    if (earlier !== undefined) errors.add(r.row, labelOf('code'), `${code} is also on row ${earlier}`);
    else firstRow.set(code, r.row);
  }
  if (kind === 'spools') {
    const smFirst = new Map<string, number>();
    for (const r of records) {
      const sm = r.fields.spoolmanId;
      if (typeof sm !== 'string') continue;
      if (smTaken.has(sm))
        errors.add(r.row, labelOf('spoolmanId'), `a spool with Spoolman id ${sm} exists already`);
      const earlier = smFirst.get(sm);
      if (earlier !== undefined)
        errors.add(r.row, labelOf('spoolmanId'), `Spoolman id ${sm} is also on row ${earlier}`);
      else smFirst.set(sm, r.row);
    }
  }

  const docs: AnyWireDoc[] = [];
  const movements: AnyWireDoc[] = [];
  const sample: Record<string, unknown>[] = [];
  for (const r of records) {
    await pause();
    const doc = toDocument(kind, r.fields, partIds, actor, stamp, (msg) =>
      errors.add(r.row, labelOf('partCode'), msg),
    );
    const res = schema.safeParse(doc);
    if (!res.success) {
      for (const issue of res.error.issues) {
        const field = String(issue.path[0] ?? '');
        // A cell already reported (required, not a number…) is not reported again by the schema.
        if (!errors.has(r.row, labelOf(field))) errors.add(r.row, labelOf(field), issue.message);
      }
    }
    if (sample.length < SAMPLE_ROWS) sample.push({ row: r.row, ...r.fields });
    if (errors.has(r.row)) continue;
    docs.push({ ...doc, _deleted: false } as AnyWireDoc);
    if (kind === 'spools') movements.push(receiveMovement(doc, actor, stamp));
  }
  const out: NewDocs = { [kind]: docs };
  if (kind === 'spools') out.spool_movements = movements;
  return done(kind, errors, rows.length, columns, sample, out);
}

const KIND_NOUN: Record<ImportKind, string> = { spools: 'spool', parts: 'part', work_orders: 'work order' };

function toDocument(
  kind: ImportKind,
  fields: Record<string, unknown>,
  partIds: Map<string, string>,
  actor: ImportActor,
  stamp: string,
  refError: (msg: string) => void,
): Record<string, unknown> {
  const meta = { id: randomUUID(), updatedAt: stamp, updatedBy: actor.by, serverUpdatedAt: null };
  switch (kind) {
    case 'spools':
      return { ...meta, ...fields, loadedPrinterId: '', loadedSlot: '' };
    case 'parts':
      return { ...meta, ...fields };
    case 'work_orders': {
      const { partCode, ...rest } = fields;
      const code = String(partCode);
      const partId = code === '' ? '' : partIds.get(code);
      if (partId === undefined) refError(`no part with code ${code} (import the parts first)`);
      return { ...meta, ...rest, partId: partId ?? '', createdAt: stamp };
    }
  }
}

/**
 * A received spool's ledger starts with a `receive` of its net weight, as the tablet's "receive a
 * spool" flow writes it: the import is a receipt of stock (dated on its received date).
 */
function receiveMovement(spool: Record<string, unknown>, actor: ImportActor, stamp: string): AnyWireDoc {
  const received = String(spool.receivedAt);
  return {
    id: randomUUID(),
    at: /^\d{4}-\d{2}-\d{2}$/.test(received) ? `${received}T00:00:00.000Z` : stamp,
    operatorId: actor.by,
    deviceId: actor.deviceId,
    serverUpdatedAt: null,
    spoolId: String(spool.id),
    type: 'receive',
    grams: Number(spool.netWeightG),
    grossWeightG: null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: 'CSV import',
    _deleted: false,
  };
}

function done(
  kind: string,
  errors: ErrorList,
  rowCount: number,
  columns: ImportPreview['columns'],
  sample: Record<string, unknown>[],
  docs: NewDocs,
): Validated {
  const valid = errors.count === 0;
  const writes: Partial<Record<CollectionName, number>> = {};
  if (valid) for (const [k, v] of Object.entries(docs)) writes[k as CollectionName] = v.length;
  const fields = (IMPORT_COLUMNS[kind as ImportKind] ?? []).map((c) => ({
    field: c.field,
    label: c.label,
    required: c.required,
  }));
  return {
    preview: {
      kind,
      rowCount,
      columns,
      fields,
      sample,
      errors: errors.sorted(),
      errorCount: errors.count,
      valid,
      writes,
    },
    docs: valid ? docs : {},
  };
}
