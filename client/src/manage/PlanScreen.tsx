import { useMemo, useState } from 'react';
import { sortOperations, type WorkOrder } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { navigate } from '../app/router.ts';
import { Link } from '../components/Link.tsx';
import { toast } from '../components/Toast.tsx';
import { useQuery } from '../hooks/use-query.ts';
import { nextWorkOrderCode, routingTemplate } from './routing-template.ts';
import { WorkOrderEditor, type OrderDraft } from './WorkOrderEditor.tsx';
import { stepDraftsFromOperations, stepDraftsFromTemplate } from './routing-step-drafts.ts';

function useReference() {
  const parts = useQuery('parts', {});
  const wcs = useQuery('work_centers', {});
  const printers = useQuery('printers', {});
  const wos = useQuery('work_orders', {});
  const ops = useQuery('operations', {});
  return {
    loading: parts.loading || wcs.loading || printers.loading || wos.loading || ops.loading,
    parts: parts.docs,
    workCenters: wcs.docs.filter((w) => w.active),
    printers: printers.docs.filter((p) => p.active).sort((a, b) => a.code.localeCompare(b.code)),
    wos: wos.docs,
    ops: ops.docs,
  };
}

/**
 * /manage/plan[?part=<id>]: a new work order from a part. The part's routing template fills the
 * steps: its stored one, else one derived from its most recent routed order (routing-template.ts).
 */
export function PlanScreen() {
  const ref = useReference();
  const partParam = new URLSearchParams(location.search).get('part') ?? '';
  if (ref.loading) return <p className="muted">Loading…</p>;
  const template = (partId: string) => {
    const part = ref.parts.find((p) => p.id === partId);
    if (!part) return { steps: [], source: null };
    return routingTemplate(part, ref.wos, ref.ops, ref.workCenters);
  };
  const part = ref.parts.find((p) => p.id === partParam);
  const initial: OrderDraft = {
    code: nextWorkOrderCode(ref.wos, new Date().getFullYear()),
    partId: part?.id ?? '',
    title: part ? `1 × ${part.description || part.code}` : '',
    qty: '1',
    dueDate: '',
    priority: '3',
    customerName: '',
    poNumber: '',
    notes: '',
  };
  return (
    <div className="manage-page" data-testid="plan-screen">
      <div className="manage-head">
        <h1>New work order</h1>
        <span className="spacer" />
        <Link className="btn" href="/manage/orders">
          Back to the board
        </Link>
      </div>
      <WorkOrderEditor
        mode="create"
        initial={initial}
        initialSteps={part ? stepDraftsFromTemplate(template(part.id).steps) : []}
        parts={ref.parts}
        workCenters={ref.workCenters}
        printers={ref.printers}
        takenCodes={new Set(ref.wos.map((w) => w.code))}
        templateFor={template}
        onSaved={(wo) => {
          toast(`${wo.code} created`);
          navigate('/manage/orders');
        }}
      />
    </div>
  );
}

/** /manage/edit-order?id=<work order id>: its fields and routing, and release, hold, cancel. */
export function EditOrderScreen() {
  const ref = useReference();
  const [id] = useState(() => new URLSearchParams(location.search).get('id') ?? '');
  const { docs: events } = useQuery('step_events', { selector: { workOrderId: id } }, [id]);
  const wo = ref.wos.find((w) => w.id === id);
  const ops = useMemo(() => sortOperations(ref.ops.filter((o) => o.workOrderId === id)), [ref.ops, id]);
  if (ref.loading) return <p className="muted">Loading…</p>;
  if (!wo) return <p className="empty">No such work order here (yet).</p>;
  const started = new Set(events.map((e) => e.operationId));
  const initial: OrderDraft = {
    code: wo.code,
    partId: wo.partId,
    title: wo.title,
    qty: String(wo.qtyOrdered),
    dueDate: wo.dueDate,
    priority: String(wo.priority),
    customerName: wo.customerName,
    poNumber: wo.poNumber,
    notes: wo.notes,
  };
  return (
    <div className="manage-page" data-testid="edit-order-screen">
      <div className="manage-head">
        <h1>Edit {wo.code}</h1>
        <span className="badge b-info" data-testid="wo-status">
          {wo.status}
          {wo.onHold ? ' · on hold' : ''}
        </span>
        <span className="spacer" />
        <StatusActions wo={wo} />
        <Link className="btn" href={`/manage/trace?wo=${encodeURIComponent(wo.id)}`}>
          Trace materials
        </Link>
        <Link className="btn" href="/manage/orders">
          Back to the board
        </Link>
      </div>
      <WorkOrderEditor
        // A fresh form when the order arrives or another device changes its routing.
        key={`${wo.id}:${ops.map((o) => o.id).join(',')}`}
        mode="edit"
        initial={initial}
        initialSteps={stepDraftsFromOperations(ops, wo.qtyOrdered, started)}
        existing={wo}
        existingOps={ops}
        takenCodes={new Set(ref.wos.filter((w) => w.id !== wo.id).map((w) => w.code))}
        parts={ref.parts}
        workCenters={ref.workCenters}
        printers={ref.printers}
        onSaved={(w) => {
          toast(`${w.code} saved`);
          navigate('/manage/orders');
        }}
      />
    </div>
  );
}

function StatusActions({ wo }: { wo: WorkOrder }) {
  const { client } = useApp();
  const patch = (p: Partial<WorkOrder>, msg: string) =>
    client.writer.patch('work_orders', wo.id, p).then(
      () => toast(`${wo.code}: ${msg}`),
      (e: unknown) => toast(`${wo.code}: not saved (${e instanceof Error ? e.message : String(e)})`),
    );
  if (wo.status === 'completed' || wo.status === 'cancelled') return null;
  return (
    <>
      {wo.status === 'draft' ? (
        <button className="btn" type="button" onClick={() => void patch({ status: 'released' }, 'released')}>
          Release
        </button>
      ) : null}
      <button className="btn" type="button" onClick={() => void patch({ onHold: !wo.onHold }, wo.onHold ? 'hold lifted' : 'on hold')}>
        {wo.onHold ? 'Unhold' : 'Hold'}
      </button>
      <button
        className="btn btn-danger"
        type="button"
        onClick={() => {
          if (window.confirm(`Cancel ${wo.code}? The floor will stop offering its steps.`)) void patch({ status: 'cancelled' }, 'cancelled');
        }}
      >
        Cancel order
      </button>
    </>
  );
}
