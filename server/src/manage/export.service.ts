import type { CollectionName } from '@printfloor/shared';
import type { Executor } from '../db/executor.ts';
import { scopeToTenant } from '../db/tenant-scope.ts';
import { wireOf } from '../sync/wire.ts';
import { csvLine } from './csv.ts';
import type { CsvValue } from './csv.ts';
import { exportPage } from './export.repo.ts';

const PAGE = 2_000;

/**
 * CSV of every live document of one collection, written page by page as it is read (a 100,000-row
 * table never sits in memory whole). One read-only REPEATABLE READ transaction: every page sees the
 * same snapshot, so a row edited during the export appears once, as it was when the export began.
 * The header is the schema's field names — the names the CSV import maps on its own.
 */
export async function exportCollection(
  db: Executor,
  tenantId: string,
  name: CollectionName,
  write: (chunk: string) => Promise<void>,
): Promise<number> {
  const fields = wireOf(name).fields;
  return db.transaction(
    async (tx) => {
      await scopeToTenant(tx, tenantId);
      await write(csvLine(fields));
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = await exportPage(tx, name, tenantId, after, PAGE);
        if (rows.length === 0) return count;
        let chunk = '';
        for (const r of rows) chunk += csvLine(fields.map((f) => r[f] as CsvValue));
        await write(chunk);
        count += rows.length;
        after = Number(rows[rows.length - 1]!.seq);
        if (rows.length < PAGE) return count;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** A report table as CSV text. */
export function tableCsv(header: string[], rows: CsvValue[][]): string {
  return csvLine(header) + rows.map(csvLine).join('');
}
