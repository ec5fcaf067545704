import { useMemo, useState } from 'react';
import { useQuery, useLookup } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { StatusBadge } from '../../components/Badge.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { humanize, isOverdue } from '../../format.ts';
import { WO_FILTERS, filterWorkOrders, type WoFilter } from './work-order-filters.ts';

/** All work orders, most urgent first; search by code, title, customer, PO or part. */
export function WorkOrdersScreen() {
  const { docs, loading } = useQuery('work_orders', {});
  const parts = useLookup('parts');
  const [filter, setFilter] = useState<WoFilter>('open');
  const [q, setQ] = useState('');
  const rows = useMemo(
    () => filterWorkOrders(docs, filter, q, (id) => parts.get(id)?.code ?? ''),
    [docs, filter, q, parts],
  );

  return (
    <div className="page-list">
      <div className="page-head">
        <h1>Work orders</h1>
        <input
          className="search"
          type="search"
          placeholder="Search code, part, customer"
          aria-label="Search work orders"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <div className="chips" role="group" aria-label="Filter">
          {WO_FILTERS.map((f) => (
            <button key={f} className="chip" aria-pressed={f === filter} onClick={() => setFilter(f)}>
              {humanize(f)}
            </button>
          ))}
        </div>
      </div>
      <div className="vlist-count">
        {loading ? 'Loading…' : `${rows.length} of ${docs.length} work orders`}
      </div>
      <VirtualList
        label="Work orders"
        items={rows}
        rowHeight={84}
        getKey={(w) => w.id}
        empty={
          loading
            ? 'Loading…'
            : docs.length === 0
              ? 'No work orders on this tablet yet — they appear as they sync.'
              : 'No match.'
        }
        renderRow={(w, style) => (
          <Link
            className="row"
            role="listitem"
            style={style}
            href={`/work-orders/${encodeURIComponent(w.id)}`}
            data-testid="wo-row"
          >
            <span className={`prio prio-${w.priority}`} aria-label={`priority ${w.priority}`}>
              P{w.priority}
            </span>
            <div className="main">
              <div className="title">
                {w.code} · {w.title}
              </div>
              <div className="sub">
                {[parts.get(w.partId)?.code, w.customerName].filter(Boolean).join(' · ')}
                {w.dueDate ? (
                  <span className={isOverdue(w.dueDate) && w.status !== 'completed' ? 'overdue' : ''}>
                    {' '}
                    · due {w.dueDate}
                  </span>
                ) : null}
              </div>
            </div>
            <div className="end">
              <StatusBadge status={w.onHold ? 'on_hold' : w.status} />
              <div>
                {w.qtyCompleted} / {w.qtyOrdered}
              </div>
            </div>
          </Link>
        )}
      />
    </div>
  );
}
