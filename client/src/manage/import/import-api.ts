/**
 * The manager's import and export calls (server/src/manage/manage-data.routes.ts). Cookie session:
 * a write carries the session's CSRF token, read from `/api/auth/session` when first needed.
 */

export type ImportKind = 'spools' | 'parts' | 'work_orders' | 'spoolman';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportPreview {
  kind: string;
  rowCount: number;
  columns: { header: string; field: string | null }[];
  fields: { field: string; label: string; required: boolean }[];
  sample: Record<string, unknown>[];
  errors: RowError[];
  errorCount: number;
  valid: boolean;
  writes: Record<string, number>;
  skipped?: number;
}

export interface CsvImportBody {
  csv: string;
  mapping?: Record<string, string>;
}

export interface SpoolmanBody {
  spools: string;
  filaments?: string;
  vendors?: string;
}

export class ImportApiError extends Error {
  override name = 'ImportApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For `import_invalid`: the preview with every row error. */
    readonly preview?: ImportPreview,
  ) {
    super(message);
  }
}

let csrf: string | undefined;

async function csrfToken(): Promise<string> {
  if (csrf) return csrf;
  const res = await fetch('/api/auth/session', { credentials: 'same-origin' });
  if (!res.ok) throw new ImportApiError(res.status, 'unauthenticated', 'Sign in as a manager to import.');
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return csrf;
}

async function post(path: string, body: unknown): Promise<ImportPreview> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-printfloor-csrf': await csrfToken() },
      body: JSON.stringify(body),
    });
  } catch (err) {
    if (err instanceof ImportApiError) throw err;
    throw new ImportApiError(0, 'network', 'The server cannot be reached. Check the network and try again.');
  }
  const parsed = (await res.json().catch(() => null)) as
    (ImportPreview & { error?: { code: string; message: string; details?: unknown } }) | null;
  if (!res.ok || !parsed) {
    const e = parsed?.error;
    if (res.status === 403 && e?.code === 'csrf_failed') csrf = undefined;
    const preview = e?.code === 'import_invalid' ? (e.details as ImportPreview) : undefined;
    throw new ImportApiError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? `HTTP ${res.status}`,
      preview,
    );
  }
  return parsed;
}

export function previewImport(kind: ImportKind, body: CsvImportBody | SpoolmanBody): Promise<ImportPreview> {
  return post(`/api/manage/import/${kind}/preview`, body);
}

export function commitImport(kind: ImportKind, body: CsvImportBody | SpoolmanBody): Promise<ImportPreview> {
  return post(`/api/manage/import/${kind}/commit`, body);
}

/** Replicated collections a manager can export (server: GET /api/manage/export/<name>.csv). */
export const EXPORT_COLLECTIONS = [
  ['work_orders', 'Work orders'],
  ['operations', 'Operations (routing steps)'],
  ['step_events', 'Step events'],
  ['spools', 'Spools'],
  ['spool_movements', 'Spool movements (ledger)'],
  ['printers', 'Printers'],
  ['parts', 'Parts'],
  ['scrap_reasons', 'Scrap reasons'],
  ['downtime_reasons', 'Downtime reasons'],
  ['work_centers', 'Work centres'],
  ['people', 'People'],
] as const;

/** Report tables (server: GET /api/manage/reports/csv/<name>?from&to&tz). */
export const REPORT_TABLES = [
  ['scrap-by-reason', 'Scrap by reason (Pareto)'],
  ['scrap-by-printer', 'Scrap by printer (Pareto)'],
  ['first-pass-yield', 'First-pass yield'],
  ['downtime-by-reason', 'Downtime by reason (Pareto)'],
  ['utilisation', 'Printer utilisation'],
  ['utilisation-per-day', 'Printer utilisation per day'],
  ['usage-per-day', 'Filament use per day'],
  ['stock', 'Stock and reorder points'],
] as const;
