import { useMemo } from 'react';
import { Link } from '../../components/Link.tsx';
import { StatusBadge, StepBadge } from '../../components/Badge.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { useDoc, useLookup } from '../../hooks/use-query.ts';
import { useFloor, useFloorVersion, useOperator } from '../../hooks/use-floor.ts';
import { stepsOf } from '../../floor/station-view.ts';
import { PartRouting } from './PartRouting.tsx';
import { NotOnTablet } from '../../components/NotOnTablet.tsx';

/** One part, read-only: its data, and its open work orders with the step running or next on each. */
export function PartScreen({ id }: { id: string }) {
  const part = useDoc('parts', id);
  const printers = useLookup('printers');
  const { index } = useFloor();
  const operator = useOperator();
  const version = useFloorVersion();
  const orders = useMemo(() => {
    if (version < 0) return null;
    return index
      .workOrdersOfPart(id)
      .filter((f) => f.state.status === 'released' || f.state.status === 'in_progress')
      .sort((a, b) => a.wo.priority - b.wo.priority || a.wo.code.localeCompare(b.wo.code));
  }, [index, id, version]);

  if (!part) return <NotOnTablet loading={part === undefined} what="part" back="/parts" backLabel="Parts" />;
  return (
    <div className="page" data-testid="part">
      <div className="page-head">
        <Link className="btn" href="/parts">
          ← Parts
        </Link>
        {part.colorHex ? <Swatch hex={part.colorHex} size={44} /> : null}
        <h1>
          {part.code} · {part.description}
        </h1>
        {operator.lead ? (
          <Link className="btn" href={`/parts/${encodeURIComponent(part.id)}/edit`}>
            Edit
          </Link>
        ) : null}
      </div>
      <div className="card">
        <dl className="kv">
          <div>
            <dt>Drawing · revision</dt>
            <dd>
              {part.drawingNumber || '—'} · rev {part.revision || '—'}
            </dd>
          </div>
          <div>
            <dt>Material</dt>
            <dd>{part.material || '—'}</dd>
          </div>
          <div>
            <dt>Filament per part</dt>
            <dd>{part.gramsPerPart} g</dd>
          </div>
          <div>
            <dt>Print time per part</dt>
            <dd>{part.printMinutes} min</dd>
          </div>
        </dl>
        {part.notes ? <p>{part.notes}</p> : null}
      </div>
      <PartRouting part={part} lead={operator.lead} />
      <h2>Open work orders</h2>
      {orders === null ? <p className="empty">Loading…</p> : null}
      {orders && orders.length === 0 ? <p className="muted">No open work order for this part.</p> : null}
      <ul className="plain cards">
        {orders?.map((f) => {
          const steps = stepsOf(f);
          const cur =
            steps.find((s) => s.op.id === f.state.currentStepId) ??
            steps.find((s) => s.op.id === f.state.nextStepId);
          const printerId = cur?.state.printerId ?? cur?.op.printerId ?? '';
          return (
            <li key={f.wo.id} className="card">
              <Link href={`/work-orders/${encodeURIComponent(f.wo.id)}`}>
                <strong>
                  P{f.wo.priority} · {f.wo.code}
                </strong>{' '}
                · {f.state.qtyCompleted}/{f.wo.qtyOrdered}
              </Link>{' '}
              <StatusBadge status={f.state.status} />
              {cur ? (
                <div className="muted">
                  {cur.op.code} {cur.op.name} <StepBadge status={cur.state.status} />
                  {printerId ? ` on ${printers.get(printerId)?.code ?? 'unknown printer'}` : ''}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
