import { useState } from 'react';
import { Link } from '../../components/Link.tsx';
import { EXPORT_COLLECTIONS, REPORT_TABLES } from './import-api.ts';
import './import.css';

const day = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** Local midnight of a `YYYY-MM-DD` input, as an ISO instant (the server counts days in `tz`). */
const startOf = (ymd: string) => new Date(`${ymd}T00:00:00`).toISOString();

/** A download arrow as inline SVG (no icon font or emoji: a tablet may lack the glyph). */
function Download() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" className="export-glyph">
      <path d="M12 3v12 M7 10l5 5 5-5 M4 20h16" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

/**
 * /manage/export (issue 6): every table and every report as CSV, straight from the server (the
 * whole history, not only what this browser holds). Plain links: the session cookie authorizes a
 * download, and the server streams big tables. Cells a spreadsheet would run as formulas are
 * neutralised by the server.
 */
export function ExportScreen() {
  const today = new Date();
  const [from, setFrom] = useState(
    day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29)),
  );
  const [to, setTo] = useState(day(today));
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const toExclusive = new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000);
  const range = `from=${encodeURIComponent(startOf(from))}&to=${encodeURIComponent(
    toExclusive.toISOString(),
  )}&tz=${encodeURIComponent(tz)}`;
  return (
    <div className="manage-page export-page" data-testid="export-page">
      <div className="manage-head">
        <h1>Export</h1>
        <span className="spacer" />
        <Link className="btn" href="/manage/import">
          Import…
        </Link>
      </div>
      <section className="card">
        <h2>Tables</h2>
        <p className="muted">
          Every record of the shop, one CSV per table, with the column names the import reads.
        </p>
        <div className="export-grid">
          {EXPORT_COLLECTIONS.map(([name, label]) => (
            <a
              key={name}
              className="btn"
              href={`/api/manage/export/${name}.csv`}
              download={`${name}.csv`}
              data-testid={`export-${name}`}
            >
              <Download /> {label}
            </a>
          ))}
        </div>
      </section>
      <section className="card">
        <h2>Reports</h2>
        <div className="export-range">
          <label className="field">
            From
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            To (inclusive)
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </label>
          <span className="muted">Days in {tz}. At most a year.</span>
        </div>
        <div className="export-grid">
          {REPORT_TABLES.map(([name, label]) => (
            <a
              key={name}
              className="btn"
              href={`/api/manage/reports/csv/${name}?${range}`}
              download={`${name}_${from}_${to}.csv`}
              data-testid={`report-${name}`}
            >
              <Download /> {label}
            </a>
          ))}
        </div>
      </section>
    </div>
  );
}
