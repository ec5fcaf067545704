import { COLLECTIONS, WORK_ORDER_STATUSES, type WorkOrder } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { useFloorWorkOrder, useOperator } from '../../hooks/use-floor.ts';
import { useLookup } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { StatusBadge } from '../../components/Badge.tsx';
import { EditForm } from '../../components/EditForm.tsx';
import type { FieldSpec } from '../../components/FieldInput.tsx';
import { toast } from '../../components/Toast.tsx';
import { formatDateTime, humanize, isOverdue } from '../../format.ts';
import { stepsOf } from '../../floor/station-view.ts';
import { savedMessage } from '../saved-message.ts';
import { OperationCard } from './OperationCard.tsx';
import { NotOnTablet } from '../../components/NotOnTablet.tsx';

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

/** One work order: its routing steps with their trackers and timelines, its notes; leads edit its fields. */
export function WorkOrderScreen({ id }: { id: string }) {
  const { client } = useApp();
  const floor = useFloorWorkOrder(id);
  const operator = useOperator();
  const parts = useLookup('parts');
  const people = useLookup('people');

  if (!floor)
    return (
      <NotOnTablet
        loading={floor === undefined}
        what="work order"
        back="/work-orders"
        backLabel="Work orders"
      />
    );
  const { wo, state } = floor;
  const steps = stepsOf(floor);
  const part = parts.get(wo.partId);
  const notes = steps.flatMap((s) => s.state.notes.map((n) => ({ ...n, op: s.op })));
  notes.sort((a, b) => a.at.localeCompare(b.at));

  return (
    <div className="page" data-testid="work-order">
      <div className="page-head">
        <Link className="btn" href="/work-orders">
          ← Work orders
        </Link>
        <h1>
          {wo.code} · {wo.title}
        </h1>
        <StatusBadge status={state.status} />
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
            warn={isOverdue(wo.dueDate) && state.status !== 'completed'}
          />
          <Info label="Priority" value={`P${wo.priority}`} />
          <Info label="Good / ordered" value={`${state.qtyCompleted} / ${wo.qtyOrdered}`} testId="wo-good" />
          <Info label="Scrapped" value={String(state.qtyScrapped)} testId="wo-scrap" />
        </dl>
      </div>
      <h2>Steps</h2>
      {steps.length === 0 ? (
        <p className="empty">No routing steps on this tablet for this work order.</p>
      ) : null}
      {steps.map((s) => (
        <OperationCard key={s.op.id} step={s} />
      ))}
      <h2>Notes</h2>
      <div className="card" data-testid="wo-notes">
        {wo.notes ? <p className="wo-note">{wo.notes}</p> : null}
        {notes.length === 0 && !wo.notes ? (
          <p className="muted">No notes yet. Add one with “Add note” on a step.</p>
        ) : null}
        <ul className="plain">
          {notes.map((n) => (
            <li key={`${n.op.id}-${n.at}`}>
              <strong>{n.op.code}</strong> · {formatDateTime(n.at)} ·{' '}
              {people.get(n.operatorId)?.displayName ?? 'unknown'}: {n.note}
            </li>
          ))}
        </ul>
      </div>
      {operator.lead ? (
        <details className="card">
          <summary className="btn">Edit work order (lead)</summary>
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
        </details>
      ) : null}
    </div>
  );
}

function Info({
  label,
  value,
  warn,
  testId,
}: {
  label: string;
  value: string;
  warn?: boolean;
  testId?: string;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={warn ? 'overdue' : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
