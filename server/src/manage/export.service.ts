import type { CollectionName } from '@printfloor/shared';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { wireOf } from '../sync/wire.ts';
import { csvLine } from './csv.ts';
import type { CsvValue } from './csv.ts';
import { exportPage } from './export.repo.ts';

const PAGE = 2_000;

/**
 * CSV of every live document of one collection, written page by page as it is read (a 100,000-row
 * table never sits in memory whole). Each page is its own short tenant-scoped read, and the network
 * write happens between pages, outside any transaction: a slow download must never hold a
 * transaction open (on PGlite, the one connection, that would stall every tablet's sync). Pages
 * follow `seq`; a row edited during the export moves to a higher seq and would come round again,
 * so ids already written are skipped: every document appears once, in the version first read.
 * The header is the schema's field names — the names the CSV import maps on its own; a part's
 * routing template is one JSON cell.
 */
export async function exportCollection(
  db: Executor,
  tenantId: string,
  name: CollectionName,
  write: (chunk: string) => Promise<void>,
): Promise<number> {
  const fields = wireOf(name).fields;
  await write(csvLine(fields));
  const seen = new Set<string>();
  let after = 0;
  for (;;) {
    const rows = await withTenant(db, tenantId, (tx) => exportPage(tx, name, tenantId, after, PAGE));
    let chunk = '';
    for (const r of rows) {
      const id = String(r.id);
      if (seen.has(id)) continue;
      seen.add(id);
      chunk += csvLine(fields.map((f) => cellOf(r[f])));
    }
    if (chunk !== '') await write(chunk);
    if (rows.length < PAGE) return seen.size;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/**
 * A field's CSV cell. A structured field (a part's routing template) is written as JSON text, so a
 * spreadsheet shows it whole and the parts import reads it back (import-columns.ts, routing).
 */
function cellOf(v: unknown): CsvValue {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as CsvValue);
}

/** A report table as CSV text. */
export function tableCsv(header: string[], rows: CsvValue[][]): string {
  return csvLine(header) + rows.map(csvLine).join('');
}
