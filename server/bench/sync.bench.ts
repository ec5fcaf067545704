// Sync benchmarks (issue 2, "What it must measure"). Runs alone (`tsx server/bench/sync.bench.ts`)
// or from the lead's `pnpm bench` aggregator through runSyncBench(). Postgres when DATABASE_URL is
// set (in a scratch database created beside it when allowed), else PGlite in a temp directory — the
// product's default. Every ratio is against a baseline measured in the same run on the same database.
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import type { WireDoc } from '@printfloor/shared';
import { addDevice, createTenant } from '../src/admin/admin.service.ts';
import type { Database } from '../src/db/database.ts';
import { startServer } from '../src/server.ts';
import type { RunningServer } from '../src/server.ts';
import { toRow, wireOf } from '../src/sync/wire.ts';
import type { AnyWireDoc } from '../src/sync/push-decision.ts';
import { openBenchDatabase } from './baseline-harness.ts';
import type { BenchResult } from './baseline-harness.ts';
import { benchPropagation } from './propagation.ts';

export type { BenchResult } from './baseline-harness.ts';

const DOCS = 20_000;
const BATCH = 100;
const PAGE = 1_000;
const CHANGES = 200;

interface Ctx {
  db: Database;
  server: RunningServer;
  tenant: { id: string; token: string };
  /** A second tenant: the baseline writes the same rows into the same table under it. */
  baselineTenant: string;
}

export async function runSyncBench(): Promise<BenchResult[]> {
  const { db, label, cleanup } = await openBenchDatabase('sync', log);
  const server = await startServer({ db });
  try {
    const t = await createTenant(db.orm, 'bench');
    const { token } = await addDevice(db.orm, 'bench', 'bench client');
    const baselineTenant = (await createTenant(db.orm, 'bench-baseline')).id;
    const ctx: Ctx = { db, server, tenant: { id: t.id, token }, baselineTenant };
    log(`sync bench on ${label}: ${DOCS} work orders, push batches of ${BATCH}, pull pages of ${PAGE}`);
    await warmUp(ctx);
    const push = await benchPush(ctx);
    // What autovacuum does within a minute of a bulk load in production. Right after 40,000 inserts
    // the planner still believes the table nearly empty and plans a pull as "scan every remaining
    // row, then sort" — for both sides, though the baseline's prepared statement may dodge it with a
    // generic plan; the pull is measured on fresh statistics, as tablets meet it.
    await ctx.db.orm.execute(sql`analyze work_orders`);
    const pull = await benchPull(ctx);
    const prop = await benchPropagation(server.url, token, CHANGES);
    const results: BenchResult[] = [
      rate(`push ${DOCS} docs in batches of ${BATCH} over HTTP vs drizzle bulk insert (${label})`, push),
      rate(
        `pull ${DOCS} docs in pages of ${PAGE} over HTTP vs raw SELECT … ORDER BY seq LIMIT (${label})`,
        pull,
      ),
      {
        name: `propagation push → other client's SSE, p50 over ${CHANGES} (${label})`,
        value: prop.p50,
        unit: 'ms',
        goal: 'p95 < 100 ms',
      },
      {
        name: `propagation push → other client's SSE, p95 over ${CHANGES} (${label})`,
        value: prop.p95,
        unit: 'ms',
        goal: '< 100 ms',
        met: prop.p95 < 100,
      },
    ];
    for (const r of results) console.log(JSON.stringify(r));
    return results;
  } finally {
    await server.close();
    await cleanup();
  }
}

function rate(name: string, m: { oursMs: number; baselineMs: number }): BenchResult {
  const ratio = m.baselineMs / m.oursMs;
  return {
    name,
    value: Math.round((DOCS / m.oursMs) * 1000),
    unit: 'docs/s',
    baseline: Math.round((DOCS / m.baselineMs) * 1000),
    ratio: Math.round(ratio * 1000) / 1000,
    goal: 'ratio ≥ 0.5',
    met: ratio >= 0.5,
  };
}

function workOrders(n: number, prefix: string): WireDoc<'work_orders'>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(6, '0')}`,
    updatedAt: '2026-05-01T08:00:00.000Z',
    updatedBy: 'bench-tablet',
    serverUpdatedAt: null,
    code: `WO-2026-${String(i).padStart(5, '0')}`,
    partId: 'part-1',
    title: `${(i % 40) + 2} × Camera mount bracket`,
    qtyOrdered: (i % 40) + 2,
    qtyCompleted: 0,
    qtyScrapped: 0,
    status: 'released',
    onHold: false,
    priority: (i % 5) + 1,
    dueDate: '2026-05-20',
    customerName: 'Kestrel Drones',
    poNumber: `PO-${40000 + i}`,
    lineRef: '10',
    materialHint: 'PETG',
    notes: i % 10 === 0 ? 'Customer asked for matte finish; deburr the mounting holes.' : '',
    createdAt: '2026-05-01T07:00:00.000Z',
    _deleted: false,
  }));
}

async function pushBatch(ctx: Ctx, rows: unknown[]): Promise<void> {
  const answer = await send(
    'POST',
    `${ctx.server.url}/api/sync/work_orders/push`,
    ctx.tenant.token,
    JSON.stringify(rows),
  );
  if (answer !== '[]') throw new Error(`push failed: ${answer.slice(0, 200)}`);
}

async function insertBaseline(ctx: Ctx, docs: WireDoc<'work_orders'>[], firstSeq: number): Promise<void> {
  const wire = wireOf('work_orders');
  const stamp = new Date().toISOString();
  const rows = docs.map((d, j) => toRow(wire, d as AnyWireDoc, ctx.baselineTenant, firstSeq + j, stamp));
  await ctx.db.orm.insert(wire.table).values(rows as (typeof wire.table.$inferInsert)[]);
}

const asCreates = (docs: unknown[]) => docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));

/** JIT, prepared statements and connection pools warm on both paths before anything is timed. */
async function warmUp(ctx: Ctx): Promise<void> {
  const docs = workOrders(1_000, 'warm');
  for (let i = 0; i < docs.length; i += BATCH) {
    await pushBatch(ctx, asCreates(docs.slice(i, i + BATCH)));
    await insertBaseline(ctx, docs.slice(i, i + BATCH), 1_000_000 + i);
  }
  for (let seq = 0; seq >= 0;) seq = (await pullPageOurs(ctx, seq)).next;
  for (let seq = 0; seq >= 0;) seq = (await pullPageRaw(ctx, seq)).next;
}

/**
 * Baseline and ours alternate batch by batch, so a busy neighbour on the machine slows both alike
 * (the ratio stays fair even when the absolute figures wobble).
 */
async function benchPush(ctx: Ctx): Promise<{ oursMs: number; baselineMs: number }> {
  const docs = workOrders(DOCS, 'doc');
  let oursMs = 0;
  let baselineMs = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    let t = performance.now();
    await insertBaseline(ctx, batch, 1 + i);
    baselineMs += performance.now() - t;
    t = performance.now();
    await pushBatch(ctx, asCreates(batch));
    oursMs += performance.now() - t;
  }
  log(`push: ours ${oursMs.toFixed(0)} ms, drizzle bulk insert ${baselineMs.toFixed(0)} ms`);
  return { oursMs, baselineMs };
}

/** One page of our pull over HTTP, parsed as the client does; `next` is -1 after the last page. */
async function pullPageOurs(ctx: Ctx, seq: number): Promise<{ n: number; next: number }> {
  const text = await send(
    'GET',
    `${ctx.server.url}/api/sync/work_orders/pull?seq=${seq}&limit=${PAGE}`,
    ctx.tenant.token,
  );
  const page = JSON.parse(text) as { documents: unknown[]; checkpoint: { seq: number } };
  return { n: page.documents.length, next: page.documents.length < PAGE ? -1 : page.checkpoint.seq };
}

const agent = new Agent({ keepAlive: true });

/**
 * One HTTP exchange over a keep-alive node:http agent, answering the body text. Node's fetch
 * (undici) adds several ms of WebStreams overhead to a 500 KB body — more than the database query —
 * which would measure undici, not the server; a tablet's browser fetch is native and does not pay it.
 */
function send(method: 'GET' | 'POST', url: string, token: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const req = request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(text);
        else reject(new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 200)}`));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The baseline: the same page with a raw SELECT … ORDER BY seq LIMIT on the driver itself. */
async function pullPageRaw(ctx: Ctx, seq: number): Promise<{ n: number; next: number }> {
  const q = 'select * from work_orders where tenant_id = $1 and seq > $2 order by seq limit $3';
  const d = ctx.db.driver;
  const params = [ctx.tenant.id, seq, PAGE];
  const rows = (
    d.kind === 'pglite'
      ? (await d.client.query(q, params)).rows
      : await d.client.unsafe(q, params, { prepare: true })
  ) as { seq: number | string }[];
  return { n: rows.length, next: rows.length < PAGE ? -1 : Number(rows.at(-1)!.seq) };
}

async function benchPull(ctx: Ctx): Promise<{ oursMs: number; baselineMs: number }> {
  // Both read the rows pushed above (warm-up included: 21,000), page by page, alternating.
  let oursMs = 0;
  let baselineMs = 0;
  let total = 0;
  for (let seq = 0; seq >= 0;) {
    let t = performance.now();
    const raw = await pullPageRaw(ctx, seq);
    baselineMs += performance.now() - t;
    t = performance.now();
    const ours = await pullPageOurs(ctx, seq);
    oursMs += performance.now() - t;
    if (raw.n !== ours.n || raw.next !== ours.next)
      throw new Error(`pull mismatch at seq ${seq}: raw ${raw.n}, ours ${ours.n}`);
    total += ours.n;
    seq = ours.next;
  }
  log(`pull (${total} docs): ours ${oursMs.toFixed(0)} ms, raw SELECT ${baselineMs.toFixed(0)} ms`);
  // Rates are per DOCS; scale the times to the same document count.
  return { oursMs: (oursMs * DOCS) / total, baselineMs: (baselineMs * DOCS) / total };
}

function log(msg: string): void {
  console.error(`[sync bench] ${msg}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSyncBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
