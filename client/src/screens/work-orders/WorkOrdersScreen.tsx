import { useMemo, useState } from 'react';
import { useQuery, useLookup } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { StatusBadge } from '../../components/Badge.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { humanize, isOverdue } from '../../format.ts';
import {
  DUE_FILTERS,
  DUE_LABEL,
  WO_FILTERS,
  filterWorkOrders,
  type DueFilter,
  type WoFilter,
} from './work-order-filters.ts';
import { SearchBox } from '../../components/SearchBox.tsx';

const PRIORITIES = [1, 2, 3, 4, 5] as const;

/** All work orders, most urgent first; filter by status, due date and priority; search code, part, customer. */
export function WorkOrdersScreen() {
  const { docs, loading } = useQuery('work_orders', {});
  const parts = useLookup('parts');
  const [status, setStatus] = useState<WoFilter>('open');
  const [due, setDue] = useState<DueFilter>('any');
  const [priorities, setPriorities] = useState<number[]>([]);
  const [search, setSearch] = useState('');
  const rows = useMemo(
    () =>
      filterWorkOrders(docs, { status, due, priorities, search }, (id) => {
        const p = parts.get(id);
        return p ? `${p.code} ${p.description}` : '';
      }),
    [docs, status, due, priorities, search, parts],
  );
  const togglePriority = (p: number) =>
    setPriorities((ps) => (ps.includes(p) ? ps.filter((x) => x !== p) : [...ps, p]));

  return (
    <div className="page-list">
      <div className="page-head">
        <h1>Work orders</h1>
        <SearchBox
          label="Search work orders"
          placeholder="Search code, part, customer"
          value={search}
          onChange={setSearch}
        />
      </div>
      <div className="filters">
        <div className="chips" role="group" aria-label="Filter">
          {WO_FILTERS.map((f) => (
            <button key={f} className="chip" aria-pressed={f === status} onClick={() => setStatus(f)}>
              {humanize(f)}
            </button>
          ))}
        </div>
        <div className="chips" role="group" aria-label="Due">
          {DUE_FILTERS.map((f) => (
            <button key={f} className="chip" aria-pressed={f === due} onClick={() => setDue(f)}>
              {DUE_LABEL[f]}
            </button>
          ))}
        </div>
        <div className="chips" role="group" aria-label="Priority">
          {PRIORITIES.map((p) => (
            <button
              key={p}
              className="chip chip-prio"
              aria-pressed={priorities.includes(p)}
              onClick={() => togglePriority(p)}
            >
              P{p}
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
            ? 'Loading work orders…'
            : docs.length === 0
              ? 'No work orders on this tablet yet — they appear as they sync.'
              : 'No work order matches these filters.'
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
