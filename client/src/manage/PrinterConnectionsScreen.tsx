import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  fetchPrinterConnections,
  savePrinterConnection,
  type PrinterConnection,
} from '../account/account-api.ts';
import { useAccount } from '../account/account-store.ts';
import './admin-pages.css';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * /manage/printer-connections (admins): host, port, serial and LAN access code of each printer,
 * for the relay. The access code is write-only: the server only says whether one is set.
 */
export function PrinterConnectionsScreen() {
  const account = useAccount();
  const [rows, setRows] = useState<PrinterConnection[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetchPrinterConnections().then(setRows, (err: unknown) => setError(message(err)));
  }, []);
  useEffect(reload, [reload]);
  if (account.status !== 'signed-in') return null;
  const csrf = account.session.csrfToken;

  return (
    <div className="manage-page admin-page" data-testid="printer-connections">
      <div className="manage-head">
        <h1>Printer connections</h1>
      </div>
      {error ? (
        <p className="banner" role="alert">
          {error}
        </p>
      ) : null}
      {rows === null && !error ? <p className="muted">Loading…</p> : null}
      {rows ? (
        <div className="card">
          <table className="mtable admin-table">
            <thead>
              <tr>
                <th>Printer</th>
                <th>Protocol</th>
                <th>Host</th>
                <th>Port</th>
                <th>Serial</th>
                <th>Access code</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) =>
                editing === r.printerId ? (
                  <tr key={r.printerId} data-testid="connection-row" data-code={r.code}>
                    <td colSpan={7}>
                      <ConnectionForm
                        row={r}
                        onCancel={() => setEditing(null)}
                        onSave={async (change) => {
                          setError(null);
                          try {
                            await savePrinterConnection(csrf, r.printerId, change);
                            setEditing(null);
                            reload();
                          } catch (err) {
                            setError(message(err));
                          }
                        }}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={r.printerId} data-testid="connection-row" data-code={r.code}>
                    <td className="admin-nowrap">
                      <b>{r.code}</b>
                    </td>
                    <td>{r.protocol}</td>
                    <td>{r.host ?? <span className="muted">—</span>}</td>
                    <td>{r.port ?? <span className="muted">—</span>}</td>
                    <td>{r.serial || <span className="muted">—</span>}</td>
                    <td data-testid="access-code-state">
                      {r.hasAccessCode ? (
                        <span className="badge b-ok">set</span>
                      ) : (
                        <span className="badge b-mute">not set</span>
                      )}
                    </td>
                    <td>
                      <button className="btn admin-btn" type="button" onClick={() => setEditing(r.printerId)}>
                        Edit
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <p className="muted small">
            The access code is kept encrypted on the server and never shown again; type a new one to replace
            it.
          </p>
        </div>
      ) : null}
    </div>
  );
}

function ConnectionForm({
  row,
  onSave,
  onCancel,
}: {
  row: PrinterConnection;
  onSave: (change: {
    host: string | null;
    port: number | null;
    serial: string;
    accessCode?: string;
  }) => Promise<void>;
  onCancel: () => void;
}) {
  const [host, setHost] = useState(row.host ?? '');
  const [port, setPort] = useState(row.port === null ? '' : String(row.port));
  const [serial, setSerial] = useState(row.serial);
  const [accessCode, setAccessCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave({
      host: host.trim() || null,
      port: port.trim() ? Number(port) : null,
      serial: serial.trim(),
      // Empty keeps the stored code: it is never sent to the page, so it cannot be prefilled.
      ...(accessCode ? { accessCode } : {}),
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={`Connection of ${row.code}`}>
      <b>{row.code}</b>
      <div className="admin-form-row">
        <label className="field">
          Host
          <input value={host} onChange={(e) => setHost(e.target.value)} placeholder="192.168.1.40" />
        </label>
        <label className="field">
          Port
          <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label className="field">
          Serial
          <input value={serial} onChange={(e) => setSerial(e.target.value)} />
        </label>
        <label className="field">
          Access code ({row.hasAccessCode ? 'set; type to replace' : 'not set'})
          <input
            type="password"
            autoComplete="off"
            value={accessCode}
            onChange={(e) => setAccessCode(e.target.value)}
          />
        </label>
        <button className="btn btn-primary admin-btn" type="submit">
          Save connection
        </button>
        <button className="btn admin-btn" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
