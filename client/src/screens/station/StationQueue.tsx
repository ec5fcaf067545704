import { Link } from '../../components/Link.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { isOverdue } from '../../format.ts';
import { useLookup } from '../../hooks/use-query.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { StartStepButton } from '../steps/StartStepButton.tsx';

/** Steps ready to start at this station, most urgent first; virtualized (thousands stay light). */
export function StationQueue({ queue, waiting }: { queue: FloorStep[]; waiting: number }) {
  const parts = useLookup('parts');
  return (
    <section className="queue" aria-label="Ready here">
      <h2>
        Ready here <span className="count">{queue.length}</span>
        {waiting > 0 ? <small className="muted"> · {waiting} more waiting on a previous step</small> : null}
      </h2>
      <VirtualList
        label="Ready here"
        items={queue}
        rowHeight={92}
        getKey={(s) => s.op.id}
        empty={
          waiting > 0
            ? 'Nothing ready yet: the next steps wait on earlier ones.'
            : 'Nothing queued for this station.'
        }
        renderRow={(s, style) => {
          const part = parts.get(s.wo.partId);
          return (
            <div
              className="row queue-row"
              role="listitem"
              style={style}
              data-testid="queue-row"
              data-wo-code={s.wo.code}
              data-op-code={s.op.code}
            >
              <span className={`prio prio-${s.wo.priority}`} aria-label={`priority ${s.wo.priority}`}>
                P{s.wo.priority}
              </span>
              <Link className="main" href={`/work-orders/${encodeURIComponent(s.wo.id)}`}>
                <div className="title">
                  {s.wo.code} · {s.op.code} {s.op.name}
                </div>
                <div className="sub">
                  {[part ? `${part.code} ${part.description}` : s.wo.title, `${s.wo.qtyOrdered} pcs`].join(
                    ' · ',
                  )}
                  {s.wo.dueDate ? (
                    <span className={isOverdue(s.wo.dueDate) ? 'overdue' : ''}> · due {s.wo.dueDate}</span>
                  ) : null}
                </div>
              </Link>
              <StartStepButton step={s} className="btn btn-go" />
            </div>
          );
        }}
      />
    </section>
  );
}
