import type { ImportPreview } from './import-api.ts';

const NOUN: Record<string, [string, string]> = {
  spools: ['spool', 'spools'],
  spool_movements: ['ledger entry', 'ledger entries'],
  parts: ['part', 'parts'],
  work_orders: ['work order', 'work orders'],
};

/** "3 spools and 3 ledger entries" */
export function describeWrites(writes: Record<string, number>): string {
  const parts = Object.entries(writes).map(([k, n]) => {
    const [one, many] = NOUN[k] ?? [k, k];
    return `${n.toLocaleString()} ${n === 1 ? one : many}`;
  });
  return parts.length === 0 ? 'nothing' : parts.join(' and ');
}

/** The file's columns and the field each fills; a select per column when the mapping can be changed. */
export function MappingTable({
  preview,
  onChange,
}: {
  preview: ImportPreview;
  onChange?: ((header: string, field: string) => void) | undefined;
}) {
  const label = (f: string | null) => preview.fields.find((x) => x.field === f)?.label ?? f ?? '';
  const missing = preview.fields.filter(
    (f) => f.required && !preview.columns.some((c) => c.field === f.field),
  );
  return (
    <table className="mtable import-mapping" data-testid="import-mapping">
      <thead>
        <tr>
          <th>Column in the file</th>
          <th>Goes to</th>
        </tr>
      </thead>
      <tbody>
        {preview.columns.map((c) => (
          <tr key={c.header} className={c.field === null ? 'import-ignored' : ''}>
            <td>{c.header || <span className="muted">(no header)</span>}</td>
            <td>
              {onChange ? (
                <select
                  aria-label={`Field for column ${c.header}`}
                  value={c.field ?? ''}
                  onChange={(e) => onChange(c.header, e.target.value)}
                >
                  <option value="">— not imported —</option>
                  {preview.fields.map((f) => (
                    <option key={f.field} value={f.field}>
                      {f.label}
                      {f.required ? ' *' : ''}
                    </option>
                  ))}
                </select>
              ) : (
                label(c.field) || '—'
              )}
            </td>
          </tr>
        ))}
        {missing.map((f) => (
          <tr key={f.field} className="row-low">
            <td className="muted">(missing)</td>
            <td>{f.label} * — required</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorTable({ preview }: { preview: ImportPreview }) {
  if (preview.errorCount === 0) return null;
  return (
    <section className="card import-errors">
      <h2>
        {preview.errorCount.toLocaleString()} {preview.errorCount === 1 ? 'problem' : 'problems'} — nothing is
        imported until the file is fixed
      </h2>
      <table className="mtable" data-testid="import-errors">
        <thead>
          <tr>
            <th className="num">Row</th>
            <th>Column</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {preview.errors.map((e, i) => (
            <tr key={i} data-testid="import-error" data-row={e.row}>
              <td className="num">{e.row}</td>
              <td>{e.column || '—'}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.errorCount > preview.errors.length ? (
        <p className="muted">The first {preview.errors.length.toLocaleString()} are listed.</p>
      ) : null}
    </section>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return v.toLocaleString();
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The first rows as they would be written; rows with an error are marked. */
export function SampleTable({ preview }: { preview: ImportPreview }) {
  if (preview.sample.length === 0) return null;
  // A CSV preview shows the fields the file fills; Spoolman's (no field list) every mapped key.
  const mapped = new Set(preview.columns.map((c) => c.field));
  const keys = Object.keys(preview.sample[0]!).filter(
    (k) => k !== 'row' && (preview.fields.length === 0 || mapped.has(k)),
  );
  const label = (k: string) => preview.fields.find((f) => f.field === k)?.label ?? k;
  const bad = new Set(preview.errors.map((e) => e.row));
  return (
    <section className="card import-sample">
      <h2>
        First {preview.sample.length} of {preview.rowCount.toLocaleString()} rows
      </h2>
      <div className="import-scroll">
        <table className="mtable" data-testid="import-sample">
          <thead>
            <tr>
              <th className="num">Row</th>
              {keys.map((k) => (
                <th key={k}>{label(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((r) => (
              <tr key={String(r.row)} className={bad.has(Number(r.row)) ? 'row-low' : ''}>
                <td className="num">{show(r.row)}</td>
                {keys.map((k) =>
                  k.toLowerCase().endsWith('colorhex') && typeof r[k] === 'string' ? (
                    <td key={k}>
                      <span className="ptile-dot" style={{ background: r[k] }} /> {r[k]}
                    </td>
                  ) : (
                    <td key={k} className={typeof r[k] === 'number' ? 'num' : undefined}>
                      {show(r[k])}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
