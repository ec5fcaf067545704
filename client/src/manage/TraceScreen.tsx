import { useMemo, useState, type FormEvent } from 'react';
import type { Spool, WorkOrder } from '@printfloor/shared';
import { Link } from '../components/Link.tsx';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import { traceSpool, traceWorkOrder } from './aggregates/trace.ts';
import { downloadCsv, toCsv } from './csv.ts';

type Target = { kind: 'wo'; id: string } | { kind: 'spool'; id: string } | null;

function targetFromUrl(): Target {
  const q = new URLSearchParams(location.search);
  const wo = q.get('wo');
  const spool = q.get('spool');
  return wo ? { kind: 'wo', id: wo } : spool ? { kind: 'spool', id: spool } : null;
}

const g = (n: number) => `${Math.round(n).toLocaleString()} g`;
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Used (with the estimated part), entries, and first – last day: the same three cells in both directions. */
function UsageCells({
  use,
}: {
  use: { grams: number; estimatedG: number; entries: number; firstAt: string; lastAt: string };
}) {
  return (
    <>
      <td className="num">
        {g(use.grams)}
        {use.estimatedG > 0 ? <span className="muted small"> ({g(use.estimatedG)} est.)</span> : null}
      </td>
      <td className="num">{use.entries}</td>
      <td className="small">
        {day(use.firstAt)}
        {use.lastAt !== use.firstAt ? ` – ${day(use.lastAt)}` : ''}
      </td>
    </>
  );
}

/**
 * /manage/trace?wo=<id> | ?spool=<id>: which spools and lots went into a work order, and which work
 * orders a spool fed — from the ledger's consumption entries. Switching between the two stays on
 * this page (the selection is state, mirrored into the address for links and reloads).
 */
export function TraceScreen() {
  const [target, setTargetState] = useState<Target>(targetFromUrl);
  const setTarget = (t: Target) => {
    setTargetState(t);
    history.replaceState(
      null,
      '',
      t ? `/manage/trace?${t.kind}=${encodeURIComponent(t.id)}` : '/manage/trace',
    );
  };
  const { docs: movements, loading } = useQuery('spool_movements', { selector: { type: 'consume' } });
  const { docs: ops } = useQuery('operations', {});
  const spools = useLookup('spools');
  const wos = useLookup('work_orders');
  const opOrder = useMemo(() => new Map(ops.map((o) => [o.id, o.workOrderId])), [ops]);
  const [q, setQ] = useState('');

  const find = (e: FormEvent) => {
    e.preventDefault();
    const code = q.trim().toUpperCase();
    const wo = [...wos.values()].find((w) => w.code.toUpperCase() === code);
    const sp = [...spools.values()].find((s) => s.code.toUpperCase() === code);
    if (wo) setTarget({ kind: 'wo', id: wo.id });
    else if (sp) setTarget({ kind: 'spool', id: sp.id });
    else setTarget(null);
  };

  return (
    <div className="manage-page" data-testid="trace">
      <div className="manage-head">
        <h1>Traceability</h1>
        <span className="spacer" />
        <form className="trace-search" onSubmit={find}>
          <input
            aria-label="Work order or spool code"
            placeholder="WO-… or SP-…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="trace-search"
          />
          <button className="btn" type="submit">
            Trace
          </button>
        </form>
      </div>
      {loading ? <p className="muted">Loading…</p> : null}
      {loading ? null : target === null ? (
        <p className="empty">Enter a work order or spool code, or open Trace from a work order or a spool.</p>
      ) : target.kind === 'wo' ? (
        <WorkOrderTrace
          wo={wos.get(target.id)}
          id={target.id}
          onSpool={(id) => setTarget({ kind: 'spool', id })}
          data={{ movements, opOrder, spools }}
        />
      ) : (
        <SpoolTrace
          spool={spools.get(target.id)}
          id={target.id}
          onWo={(id) => setTarget({ kind: 'wo', id })}
          data={{ movements, opOrder, wos }}
        />
      )}
    </div>
  );
}

function WorkOrderTrace(props: {
  wo: WorkOrder | undefined;
  id: string;
  onSpool: (id: string) => void;
  data: {
    movements: Parameters<typeof traceWorkOrder>[1];
    opOrder: Map<string, string>;
    spools: Map<string, Spool>;
  };
}) {
  const { movements, opOrder, spools } = props.data;
  const t = useMemo(
    () => traceWorkOrder(props.id, movements, opOrder, spools),
    [props.id, movements, opOrder, spools],
  );
  const est = t.spools.reduce((s, u) => s + u.estimatedG, 0);
  const rows = t.spools.map((u) => ({ u, s: spools.get(u.spoolId) }));
  return (
    <section data-testid="trace-wo">
      <h2>
        {props.wo ? `${props.wo.code} — ${props.wo.title}` : 'Unknown work order'}{' '}
        <span className="muted small">
          {g(t.grams)} from {t.spools.length} spools in {t.lots.length} lots
          {est > 0 ? ` (${g(est)} estimated)` : ''}
        </span>
      </h2>
      {props.wo ? (
        <p className="small">
          <Link href={`/manage/edit-order?id=${encodeURIComponent(props.wo.id)}`}>Edit the work order</Link> ·{' '}
          <Link href={`/work-orders/${encodeURIComponent(props.wo.id)}`}>its floor page</Link> ·{' '}
          <button
            className="linklike"
            type="button"
            onClick={() =>
              downloadCsv(
                `trace-${props.wo!.code}.csv`,
                toCsv(rows, [
                  { header: 'spool', value: (r) => r.s?.code ?? r.u.spoolId },
                  { header: 'lot', value: (r) => r.s?.lot ?? '' },
                  { header: 'material', value: (r) => r.s?.material ?? '' },
                  { header: 'colour', value: (r) => r.s?.colorName ?? '' },
                  { header: 'grams', value: (r) => r.u.grams },
                  { header: 'estimated_grams', value: (r) => r.u.estimatedG },
                ]),
              )
            }
          >
            Export CSV
          </button>
        </p>
      ) : null}
      {t.spools.length === 0 ? (
        <p className="empty">No consumption recorded against this work order yet.</p>
      ) : (
        <div className="trace-grid">
          <div className="card">
            <h2>Spools</h2>
            <table className="mtable">
              <thead>
                <tr>
                  <th>Spool</th>
                  <th>Material</th>
                  <th>Lot</th>
                  <th className="num">Used</th>
                  <th className="num">Entries</th>
                  <th>When</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ u, s }) => (
                  <tr key={u.spoolId} data-testid="trace-spool" data-code={s?.code ?? ''}>
                    <td>
                      <button className="linklike" type="button" onClick={() => props.onSpool(u.spoolId)}>
                        {s?.code ?? 'unknown spool'}
                      </button>
                    </td>
                    <td>
                      <span className="ptile-dot" style={{ background: s?.colorHex ?? '#ccc' }} />{' '}
                      {s?.material} {s?.colorName}
                    </td>
                    <td>{s?.lot || '—'}</td>
                    <UsageCells use={u} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <h2>Lots</h2>
            <table className="mtable">
              <thead>
                <tr>
                  <th>Lot</th>
                  <th className="num">Used</th>
                  <th>Spools</th>
                </tr>
              </thead>
              <tbody>
                {t.lots.map((l) => (
                  <tr key={l.lot} data-testid="trace-lot">
                    <td>{l.lot || <span className="muted">no lot</span>}</td>
                    <td className="num">{g(l.grams)}</td>
                    <td>{l.spoolIds.map((id) => spools.get(id)?.code ?? id).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function SpoolTrace(props: {
  spool: Spool | undefined;
  id: string;
  onWo: (id: string) => void;
  data: {
    movements: Parameters<typeof traceSpool>[1];
    opOrder: Map<string, string>;
    wos: Map<string, WorkOrder>;
  };
}) {
  const { movements, opOrder, wos } = props.data;
  const fed = useMemo(() => traceSpool(props.id, movements, opOrder), [props.id, movements, opOrder]);
  const s = props.spool;
  const total = fed.reduce((a, f) => a + f.grams, 0);
  return (
    <section data-testid="trace-spool-page">
      <h2>
        {s ? (
          <>
            <span className="ptile-dot" style={{ background: s.colorHex }} /> {s.code} — {s.brand}{' '}
            {s.material} {s.colorName}
            {s.lot ? ` · lot ${s.lot}` : ''}
          </>
        ) : (
          'Unknown spool'
        )}{' '}
        <span className="muted small">
          {g(total)} consumed into {fed.filter((f) => f.workOrderId).length} work orders
        </span>
      </h2>
      {s ? (
        <p className="small">
          <Link href={`/spools/${encodeURIComponent(s.id)}`}>The spool’s page and ledger</Link>
        </p>
      ) : null}
      {fed.length === 0 ? (
        <p className="empty">This spool has fed no work order yet.</p>
      ) : (
        <div className="card">
          <table className="mtable">
            <thead>
              <tr>
                <th>Work order</th>
                <th>Title</th>
                <th>Customer</th>
                <th className="num">Used</th>
                <th className="num">Entries</th>
                <th>When</th>
              </tr>
            </thead>
            <tbody>
              {fed.map((f) => {
                const wo = wos.get(f.workOrderId);
                return (
                  <tr key={f.workOrderId || 'none'} data-testid="trace-fed" data-code={wo?.code ?? ''}>
                    <td>
                      {f.workOrderId ? (
                        <button className="linklike" type="button" onClick={() => props.onWo(f.workOrderId)}>
                          {wo?.code ?? 'unknown work order'}
                        </button>
                      ) : (
                        <span className="muted">no work order (tests, purges)</span>
                      )}
                    </td>
                    <td>{wo?.title ?? ''}</td>
                    <td>{wo?.customerName ?? ''}</td>
                    <UsageCells use={f} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
