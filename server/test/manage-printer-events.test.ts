import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterStatus, WireDoc } from '@printfloor/shared';
import { unknownStatus } from '@printfloor/shared';
import { printerEvents } from '../src/relay/relay.schema.ts';
import { Browser, errorCode } from './helpers/browser.ts';
import { create } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

/**
 * `GET /api/manage/printers/:id/events` (issue 6): the relay's recorded state changes of a printer
 * for the manager's history page — lead or higher, newest first, paged, within a range, and never
 * another shop's rows.
 */

let h: Harness;
const PW = 'a long enough password';
let lead: Browser;
let operator: Browser;
let managerB: Browser;

const PRINTER_A = 'printer-a1';
const CODE_A = 'PR-EVT-A1';
const CODE_B = 'PR-EVT-B1';
const T0 = Date.parse('2026-11-20T08:00:00.000Z');
const MIN = 60_000;

function printerDoc(id: string, code: string): WireDoc<'printers'> {
  return {
    id,
    code,
    name: `${code} name`,
    brand: 'Printfloor',
    protocol: 'printfloor',
    model: 'native',
    serial: '',
    location: 'Bay',
    workCenterId: '',
    slots: 1,
    active: true,
    notes: '',
    updatedAt: new Date(T0).toISOString(),
    updatedBy: 'test',
    serverUpdatedAt: null,
    _deleted: false,
  };
}

function status(code: string, over: Partial<PrinterStatus> = {}): PrinterStatus {
  return { ...unknownStatus(code, 'printfloor'), ...over };
}

interface EventRow {
  id: number;
  at: string;
  kind: string;
  from: string;
  to: string;
  jobName: string | null;
  operationId: string | null;
  stateDetail: string | null;
  progress: number | null;
  errors: { code: string; text: string }[];
}
interface EventsPage {
  printer: { id: string; code: string };
  events: EventRow[];
  nextCursor: string | null;
}

const row = (
  tenantId: string,
  printerId: string | null,
  code: string,
  minute: number,
  kind: string,
  from: string,
  to: string,
  over: Partial<typeof printerEvents.$inferInsert> = {},
) => ({
  tenantId,
  printerCode: code,
  printerId,
  kind,
  fromState: from,
  toState: to,
  jobName: null,
  operationId: null,
  at: new Date(T0 + minute * MIN).toISOString(),
  status: status(code, { state: to as PrinterStatus['state'] }),
  ...over,
});

const range = `from=${encodeURIComponent(new Date(T0 - 60 * MIN).toISOString())}&to=${encodeURIComponent(new Date(T0 + 24 * 60 * MIN).toISOString())}`;

beforeAll(async () => {
  h = await startHarness();
  const accounts = h.server.app.accounts;
  await accounts.createUser(h.a.id, 'lead@a.example', 'lead', PW);
  await accounts.createUser(h.a.id, 'operator@a.example', 'operator', PW);
  await accounts.createUser(h.b.id, 'manager@b.example', 'manager', PW);
  lead = new Browser(h.server.url);
  operator = new Browser(h.server.url);
  managerB = new Browser(h.server.url);
  expect((await lead.login('lead@a.example', PW)).status).toBe(200);
  expect((await operator.login('operator@a.example', PW)).status).toBe(200);
  expect((await managerB.login('manager@b.example', PW)).status).toBe(200);

  await h.a.api.push('printers', [create(printerDoc(PRINTER_A, CODE_A))]);
  // Tenant b has a printer with the SAME id (ids are per tenant) and its own code.
  await h.b.api.push('printers', [create(printerDoc(PRINTER_A, CODE_B))]);

  await h.db.orm.insert(printerEvents).values([
    row(h.a.id, PRINTER_A, CODE_A, 0, 'online', 'offline', 'idle'),
    row(h.a.id, PRINTER_A, CODE_A, 5, 'started', 'idle', 'printing', {
      jobName: 'bracket.3mf',
      operationId: 'op-1',
    }),
    row(h.a.id, PRINTER_A, CODE_A, 30, 'paused', 'printing', 'paused', { jobName: 'bracket.3mf' }),
    row(h.a.id, PRINTER_A, CODE_A, 35, 'resumed', 'paused', 'printing', { jobName: 'bracket.3mf' }),
    row(h.a.id, PRINTER_A, CODE_A, 90, 'failed', 'printing', 'failed', {
      jobName: 'bracket.3mf',
      status: status(CODE_A, {
        state: 'failed',
        stateDetail: 'filament runout',
        progress: 61,
        errors: [
          { code: 'HMS_0700_2000_0002_0001', text: 'AMS A slot 1 filament has run out', severity: 'serious' },
        ],
      }),
    }),
    // Same instant as the failure: keyset paging must still return both, once each.
    row(h.a.id, PRINTER_A, CODE_A, 90, 'error', 'failed', 'error', { jobName: 'bracket.3mf' }),
    // Outside the range asked for (two days later).
    row(h.a.id, PRINTER_A, CODE_A, 2 * 24 * 60, 'idle', 'error', 'idle'),
    // Tenant b's rows, under b's printer (same id as a's): one under b's code, one under the code a
    // uses (b's printer's former code). a's manager sees neither.
    row(h.b.id, PRINTER_A, CODE_B, 10, 'started', 'idle', 'printing', { jobName: 'b-secret.3mf' }),
    row(h.b.id, PRINTER_A, CODE_A, 20, 'failed', 'printing', 'failed', { jobName: 'b-leak.3mf' }),
    // A different printer of a's that once carried the same code: not this printer's history.
    row(h.a.id, 'printer-other', CODE_A, 40, 'finished', 'printing', 'finished', { jobName: 'other.3mf' }),
  ]);
});
afterAll(async () => h?.close());

const get = (b: Browser, path: string) => b.request('GET', path);

describe(`printer events for the manager on ${BACKEND}`, () => {
  it('lists a printer’s state changes newest first within the range, with job and error', async () => {
    const r = await get(lead, `/api/manage/printers/${PRINTER_A}/events?${range}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const page = r.body as EventsPage;
    expect(page.printer).toEqual({ id: PRINTER_A, code: CODE_A });
    expect(page.events.map((e) => e.kind)).toEqual([
      'error',
      'failed',
      'resumed',
      'paused',
      'started',
      'online',
    ]);
    expect(page.nextCursor).toBeNull();
    const failed = page.events[1]!;
    expect(failed).toMatchObject({
      from: 'printing',
      to: 'failed',
      jobName: 'bracket.3mf',
      stateDetail: 'filament runout',
      progress: 61,
    });
    expect(failed.at).toBe('2026-11-20T09:30:00.000000Z');
    expect(failed.errors).toEqual([
      { code: 'HMS_0700_2000_0002_0001', text: 'AMS A slot 1 filament has run out', severity: 'serious' },
    ]);
    expect(page.events.find((e) => e.kind === 'started')).toMatchObject({ operationId: 'op-1', errors: [] });
    // Nothing of tenant b, nothing of the other printer that once had the code.
    const jobs = page.events.map((e) => e.jobName);
    expect(jobs).not.toContain('b-leak.3mf');
    expect(jobs).not.toContain('b-secret.3mf');
    expect(jobs).not.toContain('other.3mf');
  });

  it('pages with a cursor: every event once, in order, ties on the same instant included', async () => {
    const seen: EventRow[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `${range}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await get(lead, `/api/manage/printers/${PRINTER_A}/events?${q}`);
      expect(r.status).toBe(200);
      const page = r.body as EventsPage;
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((e) => e.kind)).toEqual(['error', 'failed', 'resumed', 'paused', 'started', 'online']);
    expect(new Set(seen.map((e) => e.id)).size).toBe(6);
  });

  it('narrows to the range: `from` inclusive, `to` exclusive; default is the last 30 days', async () => {
    const from = encodeURIComponent(new Date(T0 + 5 * MIN).toISOString());
    const to = encodeURIComponent(new Date(T0 + 90 * MIN).toISOString());
    const r = await get(lead, `/api/manage/printers/${PRINTER_A}/events?from=${from}&to=${to}`);
    expect((r.body as EventsPage).events.map((e) => e.kind)).toEqual(['resumed', 'paused', 'started']);
    // The fixture lies in 2026-11-20..22; "now" in this test is whenever it runs: the default range
    // answers 200 with whatever falls in the last 30 days, bounded by it.
    const d = await get(lead, `/api/manage/printers/${PRINTER_A}/events`);
    expect(d.status).toBe(200);
    const body = d.body as EventsPage & { from: string; to: string };
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(30 * 24 * 60 * MIN);
  });

  it('refuses an operator (403), no session (401) and a tablet token (401); rejects bad queries (422)', async () => {
    const op = await get(operator, `/api/manage/printers/${PRINTER_A}/events`);
    expect(op.status).toBe(403);
    expect(errorCode(op.body)).toBe('forbidden');
    expect((await get(new Browser(h.server.url), `/api/manage/printers/${PRINTER_A}/events`)).status).toBe(
      401,
    );
    const tablet = await fetch(`${h.server.url}/api/manage/printers/${PRINTER_A}/events`, {
      headers: { authorization: `Bearer ${h.a.token}` },
    });
    expect(tablet.status).toBe(401);
    for (const q of [
      'from=yesterday',
      'limit=0',
      'limit=201',
      'cursor=nope',
      `from=2026-11-21&to=2026-11-20`,
      'from=2020-01-01&to=2026-01-01',
    ]) {
      const r = await get(lead, `/api/manage/printers/${PRINTER_A}/events?${q}`);
      expect(r.status, q).toBe(422);
    }
  });

  it("keeps shops apart: b's manager sees only b's events under the same printer id, and a's unknown printer is a 404", async () => {
    const r = await get(managerB, `/api/manage/printers/${PRINTER_A}/events?${range}`);
    expect(r.status).toBe(200);
    const page = r.body as EventsPage;
    expect(page.printer.code).toBe(CODE_B);
    // Both of b's rows are b's printer's (same id): the one recorded under a's code included — that
    // code is b's printer's former name, not a's printer.
    expect(page.events.map((e) => e.jobName)).toEqual(['b-leak.3mf', 'b-secret.3mf']);
    const none = await get(lead, `/api/manage/printers/no-such-printer/events`);
    expect(none.status).toBe(404);
    expect(errorCode(none.body)).toBe('unknown_printer');
  });
  it("keeps a renamed printer's history (found by id) and shows events the relay recorded by code only under the current code", async () => {
    const day = 3 * 24 * 60; // a window of its own, after the fixture's events
    await h.db.orm.insert(printerEvents).values([
      // Before the rename: the relay knew the printer's id, the code was the old one.
      row(h.a.id, PRINTER_A, 'PR-EVT-OLD', day + 1, 'started', 'idle', 'printing', {
        jobName: 'before-rename.3mf',
      }),
      // Recorded by code only (no id known): under the current code it is this printer's …
      row(h.a.id, null, CODE_A, day + 2, 'finished', 'printing', 'finished', { jobName: 'code-only.3mf' }),
      // … under the old code it cannot be told from another printer's: left out.
      row(h.a.id, null, 'PR-EVT-OLD', day + 3, 'failed', 'printing', 'failed', {
        jobName: 'old-code-only.3mf',
      }),
      // Another printer of a's now carries the old code: its events are not this printer's.
      row(h.a.id, 'printer-new-owner', 'PR-EVT-OLD', day + 4, 'started', 'idle', 'printing', {
        jobName: 'new-owner.3mf',
      }),
    ]);
    const from = encodeURIComponent(new Date(T0 + day * MIN).toISOString());
    const to = encodeURIComponent(new Date(T0 + (day + 60) * MIN).toISOString());
    const r = await get(lead, `/api/manage/printers/${PRINTER_A}/events?from=${from}&to=${to}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body as EventsPage).events.map((e) => e.jobName)).toEqual([
      'code-only.3mf',
      'before-rename.3mf',
    ]);
  });
});
