import { useMemo } from 'react';
import {
  COLLECTIONS,
  foldWorkOrder,
  groupEventsByOperation,
  sortOperations,
  WORK_ORDER_STATUSES,
  type WorkOrder,
} from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { useDoc, useLookup, useQuery } from '../../hooks/use-query.ts';
import { useNow } from '../../hooks/use-now.ts';
import { Link } from '../../components/Link.tsx';
import { StatusBadge } from '../../components/Badge.tsx';
import { EditForm } from '../../components/EditForm.tsx';
import type { FieldSpec } from '../../components/FieldInput.tsx';
import { toast } from '../../components/Toast.tsx';
import { humanize, isOverdue } from '../../format.ts';
import { savedMessage } from '../saved-message.ts';
import { OperationCard } from './OperationCard.tsx';

const FIELDS: FieldSpec[] = [
  { key: 'title', label: 'Title', kind: 'text', wide: true },
  {
    key: 'status',
    label: 'Status',
    kind: 'select',
    options: WORK_ORDER_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
  },
  { key: 'priority', label: 'Priority (1 = highest)', kind: 'int' },
  { key: 'dueDate', label: 'Due date', kind: 'date' },
  { key: 'qtyOrdered', label: 'Quantity ordered', kind: 'int' },
  { key: 'onHold', label: 'On hold', kind: 'bool' },
  { key: 'customerName', label: 'Customer', kind: 'text' },
  { key: 'poNumber', label: 'PO number', kind: 'text' },
  { key: 'materialHint', label: 'Material', kind: 'text' },
  { key: 'notes', label: 'Notes', kind: 'textarea' },
];

/** One work order: its routing steps with their trackers and timelines, and its editable fields. */
export function WorkOrderScreen({ id }: { id: string }) {
  const { client } = useApp();
  const wo = useDoc('work_orders', id);
  const { docs: ops } = useQuery('operations', { selector: { workOrderId: id } });
  const { docs: events } = useQuery('step_events', { selector: { workOrderId: id } });
  const parts = useLookup('parts');
  const anyRunning = events.some((e) => e.type === 'start' || e.type === 'resume');
  const now = useNow(1000, anyRunning);
  const sorted = useMemo(() => sortOperations(ops), [ops]);
  const state = useMemo(
    () => (wo ? foldWorkOrder(sorted, groupEventsByOperation(events), wo.qtyOrdered, now, wo.status) : null),
    [sorted, events, wo, now],
  );

  if (wo === undefined) return <p className="page empty">Loading…</p>;
  if (wo === null) {
    return (
      <div className="page">
        <Link className="btn" href="/work-orders">
          ← Work orders
        </Link>
        <p className="empty">
          This work order is not on this tablet (yet). It appears here once it has synced.
        </p>
      </div>
    );
  }
  const part = parts.get(wo.partId);
  const stepStates = sorted.map((o) => state?.stepStates[o.id]).filter((s) => s !== undefined);

  return (
    <div className="page" data-testid="work-order">
      <div className="page-head">
        <Link className="btn" href="/work-orders">
          ← Work orders
        </Link>
        <h1>
          {wo.code} · {wo.title}
        </h1>
        <StatusBadge status={wo.status} />
        {wo.onHold ? <StatusBadge status="on_hold" /> : null}
      </div>
      <div className="card">
        <dl className="kv">
          <Info
            label="Part"
            value={
              part ? `${part.code} · ${part.description}` : wo.partId ? 'unknown part (not synced yet)' : '—'
            }
          />
          <Info label="Customer" value={wo.customerName || '—'} />
          <Info label="PO" value={wo.poNumber || '—'} />
          <Info
            label="Due"
            value={wo.dueDate || '—'}
            warn={isOverdue(wo.dueDate) && wo.status !== 'completed'}
          />
          <Info label="Priority" value={`P${wo.priority}`} />
          <Info label="Good / ordered" value={`${wo.qtyCompleted} / ${wo.qtyOrdered}`} />
          <Info label="Scrapped" value={String(wo.qtyScrapped)} />
        </dl>
      </div>
      <h2>Steps</h2>
      {sorted.length === 0 ? (
        <p className="empty">No routing steps on this tablet for this work order.</p>
      ) : null}
      {sorted.map((op, i) => (
        <OperationCard
          key={op.id}
          op={op}
          index={i}
          workOrder={wo}
          events={events.filter((e) => e.operationId === op.id)}
          stepStates={stepStates}
          now={now}
        />
      ))}
      <h2>Edit work order</h2>
      <div className="card">
        <EditForm<WorkOrder>
          fields={FIELDS}
          value={wo}
          schema={COLLECTIONS.work_orders.schema}
          testId="wo-form"
          onSave={async (patch) => {
            await client.writer.patch('work_orders', wo.id, patch);
            toast(savedMessage());
          }}
        />
      </div>
    </div>
  );
}

function Info({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={warn ? 'overdue' : undefined}>{value}</dd>
    </div>
  );
}
