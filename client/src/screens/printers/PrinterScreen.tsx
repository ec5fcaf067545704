import { Link } from '../../components/Link.tsx';
import { toast } from '../../components/Toast.tsx';
import { useDoc, useLookup } from '../../hooks/use-query.ts';
import { useFloor, useFloorVersion, useOperator } from '../../hooks/use-floor.ts';
import { buildStationView } from '../../floor/station-view.ts';
import { slotsOf } from '../../floor/slots.ts';
import { humanize } from '../../format.ts';
import { useMemo } from 'react';
import { LoadedSpools } from '../station/LoadedSpools.tsx';
import { RunningStepCard } from '../station/RunningStepCard.tsx';
import { LivePrinterCard } from './LivePrinterCard.tsx';
import { NotOnTablet } from '../../components/NotOnTablet.tsx';

/** One printer, read-only: what runs on it now, what is queued for it, the filament loaded. */
export function PrinterScreen({ id }: { id: string }) {
  const printer = useDoc('printers', id);
  const centers = useLookup('work_centers');
  const { index, station } = useFloor();
  const operator = useOperator();
  const version = useFloorVersion();
  const wc = printer?.workCenterId ?? '';
  const view = useMemo(
    () =>
      version < 0
        ? null
        : buildStationView(
            index.workOrdersAt({ printerId: id, workCenterId: wc }),
            { kind: 'printer', id },
            wc,
          ),
    [index, id, wc, version],
  );

  if (!printer)
    return (
      <NotOnTablet loading={printer === undefined} what="printer" back="/printers" backLabel="Printers" />
    );
  return (
    <div className="page" data-testid="printer">
      <div className="page-head">
        <Link className="btn" href="/printers">
          ← Printers
        </Link>
        <h1>
          {printer.code} · {printer.name}
        </h1>
        <button
          className="btn"
          onClick={() => {
            station.bind('printer', printer.id);
            toast(`This tablet is now the station ${printer.code}`);
          }}
        >
          Make this tablet's station
        </button>
        {operator.lead ? (
          <Link className="btn" href={`/printers/${encodeURIComponent(printer.id)}/edit`}>
            Edit
          </Link>
        ) : null}
      </div>
      <div className="card">
        <dl className="kv">
          <div>
            <dt>Model</dt>
            <dd>
              {printer.brand} {printer.model}
            </dd>
          </div>
          <div>
            <dt>Connection</dt>
            <dd>{humanize(printer.protocol)}</dd>
          </div>
          <div>
            <dt>Location</dt>
            <dd>{printer.location || '—'}</dd>
          </div>
          <div>
            <dt>Work center</dt>
            <dd>{centers.get(printer.workCenterId)?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>Slots</dt>
            <dd>{slotsOf(printer).join(', ')}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{printer.active ? 'Active' : 'Inactive'}</dd>
          </div>
        </dl>
        {printer.notes ? <p className="notice">{printer.notes}</p> : null}
      </div>
      {printer.active ? <LivePrinterCard code={printer.code} /> : null}
      <h2>Running now</h2>
      {view === null ? <p className="empty">Loading…</p> : null}
      {view && view.running.length === 0 ? <p className="muted">Nothing runs on this printer.</p> : null}
      {view?.running.map((s) => (
        <RunningStepCard key={s.op.id} step={s} panel={null} />
      ))}
      <LoadedSpools
        printerId={printer.id}
        step={view?.running.find((s) => s.state.status === 'running') ?? null}
      />
      <h2>Queued for this printer</h2>
      {view && view.queue.length === 0 ? <p className="muted">Nothing queued.</p> : null}
      <ul className="plain">
        {view?.queue.slice(0, 20).map((s) => (
          <li key={s.op.id}>
            <Link href={`/work-orders/${encodeURIComponent(s.wo.id)}`}>
              P{s.wo.priority} · {s.wo.code} · {s.op.code} {s.op.name}
              {s.wo.dueDate ? ` · due ${s.wo.dueDate}` : ''}
            </Link>
          </li>
        ))}
      </ul>
      {view && view.queue.length > 20 ? <p className="muted">…and {view.queue.length - 20} more.</p> : null}
    </div>
  );
}
