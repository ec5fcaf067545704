import type { CollectionName } from '@printfloor/shared';
import type { NewDocs } from './import.repo.ts';

/** The shapes an import answers with (CSV and Spoolman alike). */

export interface RowError {
  /** Spreadsheet row (header = 1); 1 for a problem with the header or the mapping. */
  row: number;
  /** The file's column header (or the field's label when the file has no such column). */
  column: string;
  message: string;
}

export interface ImportInput {
  csv: string;
  /** Header → field name, overriding the automatic mapping; `''` ignores the column. */
  mapping?: Record<string, string> | undefined;
}

export interface ImportPreview {
  kind: string;
  rowCount: number;
  columns: { header: string; field: string | null }[];
  fields: { field: string; label: string; required: boolean }[];
  /** The first rows as they would be written (field → value). */
  sample: Record<string, unknown>[];
  errors: RowError[];
  errorCount: number;
  valid: boolean;
  /** Documents per collection a commit writes. */
  writes: Partial<Record<CollectionName, number>>;
  /** Records left out on purpose (a Spoolman spool imported before). */
  skipped?: number;
}

export const SAMPLE_ROWS = 20;
/** At most this many errors are listed (a wrong file can fail in 50,000 places); all are counted. */
export const MAX_LISTED_ERRORS = 500;
export const MAX_IMPORT_ROWS = 50_000;

/** What validation produced: the documents to write, or why not. */
export interface Validated {
  preview: ImportPreview;
  docs: NewDocs;
}

export class ImportRejected extends Error {
  override name = 'ImportRejected';
  constructor(readonly preview: ImportPreview) {
    super(`the file has ${preview.errorCount} error(s); nothing was written`);
  }
}

export interface ImportActor {
  tenantId: string;
  /** Stamped as `updatedBy` / `operatorId` (e.g. `import:<user id>`). */
  by: string;
  deviceId: string;
}

/** Collects row errors, listing the first MAX_LISTED_ERRORS and counting all. */
export class ErrorList {
  readonly listed: RowError[] = [];
  count = 0;
  readonly #badRows = new Set<number>();
  readonly #badCells = new Set<string>();
  add(row: number, column: string, message: string): void {
    this.count++;
    this.#badRows.add(row);
    this.#badCells.add(`${row}\u0000${column}`);
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push({ row, column, message });
  }
  /** Whether row `row` (or, given `column`, that cell) has an error already. */
  has(row: number, column?: string): boolean {
    return column === undefined ? this.#badRows.has(row) : this.#badCells.has(`${row}\u0000${column}`);
  }
  sorted(): RowError[] {
    return [...this.listed].sort((a, b) => a.row - b.row);
  }
}
