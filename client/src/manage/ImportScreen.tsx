import { useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ImportApiError, commitImport, previewImport } from './import/import-api.ts';
import type { CsvImportBody, ImportKind, ImportPreview, SpoolmanBody } from './import/import-api.ts';
import { ErrorTable, MappingTable, SampleTable, describeWrites } from './import/ImportPreviewView.tsx';
import './import/import.css';

const KINDS: { kind: ImportKind; label: string; hint: string }[] = [
  { kind: 'spools', label: 'Spools', hint: 'Code, material, colour, net weight … one spool per row.' },
  { kind: 'parts', label: 'Parts', hint: 'Code, description, material, grams and minutes per part.' },
  { kind: 'work_orders', label: 'Work orders', hint: 'Code, part code, quantity, priority, due date.' },
  {
    kind: 'spoolman',
    label: 'Spoolman export',
    hint: "Spoolman's spools export (CSV or JSON); its QR labels keep working.",
  },
];

type SpoolmanFiles = { spools?: string; filaments?: string; vendors?: string };

/**
 * /manage/import (issue 6): pick a file → the server previews it (mapping, row count, first rows,
 * every row's errors) → import. Nothing is written until the whole file is valid; the rows then
 * reach every tablet through sync like any other edit.
 */
export function ImportScreen() {
  const [kind, setKind] = useState<ImportKind>('spools');
  const [fileName, setFileName] = useState('');
  const [csv, setCsv] = useState<string | undefined>();
  const [spoolman, setSpoolman] = useState<SpoolmanFiles>({});
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');

  const bodyOf = (c: string | undefined, m: Record<string, string>, sm: SpoolmanFiles) =>
    kind === 'spoolman'
      ? sm.spools === undefined
        ? undefined
        : ({ spools: sm.spools, filaments: sm.filaments, vendors: sm.vendors } satisfies SpoolmanBody)
      : c === undefined
        ? undefined
        : ({ csv: c, mapping: m } satisfies CsvImportBody);

  const run = async (body: CsvImportBody | SpoolmanBody | undefined) => {
    if (!body) return;
    setBusy(true);
    setProblem('');
    try {
      setPreview(await previewImport(kind, body));
    } catch (err) {
      setPreview(undefined);
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const reset = (k: ImportKind) => {
    setKind(k);
    setCsv(undefined);
    setSpoolman({});
    setMapping({});
    setPreview(undefined);
    setFileName('');
    setProblem('');
  };

  const pickCsv = async (file: File | undefined) => {
    if (!file) return;
    setDone('');
    const text = await file.text();
    setFileName(file.name);
    setCsv(text);
    setMapping({});
    await run(bodyOf(text, {}, spoolman));
  };

  const pickSpoolman = async (part: keyof SpoolmanFiles, file: File | undefined) => {
    if (!file) return;
    setDone('');
    const next = { ...spoolman, [part]: await file.text() };
    if (part === 'spools') setFileName(file.name);
    setSpoolman(next);
    await run(bodyOf(csv, mapping, next));
  };

  const remap = async (header: string, field: string) => {
    const next = { ...mapping, [header]: field };
    setMapping(next);
    await run(bodyOf(csv, next, spoolman));
  };

  const commit = async () => {
    const body = bodyOf(csv, mapping, spoolman);
    if (!body) return;
    setBusy(true);
    setProblem('');
    try {
      const r = await commitImport(kind, body);
      const skipped = r.skipped ? ` (${r.skipped} already imported, skipped)` : '';
      setDone(`Imported ${describeWrites(r.writes)} from ${fileName}${skipped}.`);
      reset(kind);
    } catch (err) {
      if (err instanceof ImportApiError && err.preview) setPreview(err.preview);
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const k = KINDS.find((x) => x.kind === kind)!;
  return (
    <div className="manage-page import-page" data-testid="import-page">
      <div className="manage-head">
        <h1>Import</h1>
        <span className="spacer" />
        <Link className="btn" href="/manage/export">
          Export…
        </Link>
      </div>
      <div className="import-top">
        <section className="card import-pick">
          <h2>1. What is in the file?</h2>
          <div className="import-kinds" role="radiogroup" aria-label="What to import">
            {KINDS.map((x) => (
              <label key={x.kind} className={`chip${x.kind === kind ? ' chip-on' : ''}`}>
                <input
                  type="radio"
                  name="import-kind"
                  value={x.kind}
                  checked={x.kind === kind}
                  onChange={() => reset(x.kind)}
                />
                {x.label}
              </label>
            ))}
          </div>
          <p className="muted">{k.hint}</p>
          <h2>2. Choose the file</h2>
          {kind === 'spoolman' ? (
            <div className="import-files">
              <label className="field">
                Spools export (required)
                <input
                  type="file"
                  accept=".csv,.json,text/csv,application/json"
                  data-testid="import-file"
                  onChange={(e) => void pickSpoolman('spools', e.target.files?.[0])}
                />
              </label>
              <label className="field">
                Filaments export (optional)
                <input
                  type="file"
                  accept=".csv,.json"
                  onChange={(e) => void pickSpoolman('filaments', e.target.files?.[0])}
                />
              </label>
              <label className="field">
                Vendors export (optional)
                <input
                  type="file"
                  accept=".csv,.json"
                  onChange={(e) => void pickSpoolman('vendors', e.target.files?.[0])}
                />
              </label>
            </div>
          ) : (
            <label className="field">
              CSV file (comma or semicolon separated, first row = column names)
              <input
                key={kind}
                type="file"
                accept=".csv,text/csv"
                data-testid="import-file"
                onChange={(e) => void pickCsv(e.target.files?.[0])}
              />
            </label>
          )}
        </section>
        <section className="card import-summary" aria-live="polite">
          <h2>3. Check and import</h2>
          {done ? (
            <p className="notice import-done" data-testid="import-done">
              {done}
            </p>
          ) : null}
          {busy ? <p className="muted">Checking…</p> : null}
          {problem ? (
            <p className="field-error" role="alert" data-testid="import-problem">
              {problem}
            </p>
          ) : null}
          {preview ? (
            <>
              <p data-testid="import-counts">
                <strong>{fileName}</strong>: {preview.rowCount.toLocaleString()} rows
                {preview.skipped ? `, ${preview.skipped} already imported` : ''} ·{' '}
                {preview.valid ? (
                  <span className="badge b-ok">ready</span>
                ) : (
                  <span className="badge b-warn">{preview.errorCount.toLocaleString()} to fix</span>
                )}
              </p>
              <p className="muted">
                {preview.valid
                  ? `Importing writes ${describeWrites(preview.writes)} in one go; tablets receive them with their next sync.`
                  : 'Fix the rows below in the file (or change the mapping) and choose it again. Nothing has been written.'}
              </p>
              <button
                className="btn btn-primary"
                data-testid="import-commit"
                disabled={!preview.valid || busy}
                onClick={() => void commit()}
              >
                Import {preview.valid ? describeWrites(preview.writes) : ''}
              </button>
            </>
          ) : !done && !busy ? (
            <p className="muted">Choose a file to see what it holds before anything is written.</p>
          ) : null}
        </section>
      </div>
      {preview ? (
        <div className="import-detail">
          <section className="card">
            <h2>Columns</h2>
            <MappingTable
              preview={preview}
              onChange={kind === 'spoolman' ? undefined : (h, f) => void remap(h, f)}
            />
          </section>
          <div className="import-right">
            <ErrorTable preview={preview} />
            <SampleTable preview={preview} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
