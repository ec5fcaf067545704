import { useMemo, useState } from 'react';
import type { WorkOrder } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { Link } from '../components/Link.tsx';
import { toast } from '../components/Toast.tsx';
import { useNow } from '../hooks/use-now.ts';
import {
  duplicateCodes,
  orderRisk,
  remainingPlannedMinutes,
  routingProgress,
  type OrderRisk,
} from './aggregates/order-risk.ts';
import { downloadCsv, toCsv } from './csv.ts';
import { OrderDragHandle } from './OrderDragHandle.tsx';
import { useOrderRows, type OrderRow } from './use-manage-data.ts';

type Column = 'draft' | 'released' | 'in_progress' | 'on_hold' | 'completed';
const COLUMNS: [Column, string][] = [
  ['draft', 'Draft'],
  ['released', 'Released'],
  ['in_progress', 'In progress'],
  ['on_hold', 'On hold'],
  ['completed', 'Completed'],
];
const RISK_LABEL: Record<OrderRisk, string> = {
  late: 'Late',
  at_risk: 'At risk',
  on_track: 'On track',
  none: '',
};

interface Card extends OrderRow {
  column: Column | null;
  risk: OrderRisk;
  minutesLeft: number;
  progress: number;
}

function toCard(r: OrderRow, now: number): Card {
  const status = r.state.status;
  const minutesLeft = remainingPlannedMinutes(r.ops, r.state.stepStates);
  return {
    ...r,
    column: status === 'cancelled' ? null : r.wo.onHold && status !== 'completed' ? 'on_hold' : status,
    risk: orderRisk({ status, dueDate: r.wo.dueDate, remainingMinutes: minutesLeft, now }),
    minutesLeft,
    progress: routingProgress(r.ops, r.state.stepStates),
  };
}

const ORDER_CSV = [
  { header: 'code', value: (c: Card) => c.wo.code },
  { header: 'title', value: (c: Card) => c.wo.title },
  { header: 'customer', value: (c: Card) => c.wo.customerName },
  { header: 'status', value: (c: Card) => c.state.status },
  { header: 'on_hold', value: (c: Card) => c.wo.onHold },
  { header: 'priority', value: (c: Card) => c.wo.priority },
  { header: 'due', value: (c: Card) => c.wo.dueDate },
  { header: 'risk', value: (c: Card) => c.risk },
  { header: 'planned_minutes_left', value: (c: Card) => Math.round(c.minutesLeft) },
  { header: 'steps_done_pct', value: (c: Card) => Math.round(c.progress * 100) },
  { header: 'qty_ordered', value: (c: Card) => c.wo.qtyOrdered },
  { header: 'qty_good', value: (c: Card) => c.state.qtyCompleted },
  { header: 'qty_scrap', value: (c: Card) => c.state.qtyScrapped },
];

/** /manage/orders: a board by status, late and at-risk flagged, with the planner's actions. */
export function OrdersScreen() {
  const now = useNow(30_000);
  const { rows, loading } = useOrderRows(now);
  const [showDone, setShowDone] = useState(false);
  const cards = useMemo(
    () =>
      rows
        .map((r) => toCard(r, now))
        .sort(
          (a, b) => a.wo.priority - b.wo.priority || (a.wo.dueDate || '9').localeCompare(b.wo.dueDate || '9'),
        ),
    [rows, now],
  );
  const late = cards.filter((c) => c.risk === 'late').length;
  const atRisk = cards.filter((c) => c.risk === 'at_risk').length;
  const twice = useMemo(() => duplicateCodes(cards.map((c) => c.wo.code)), [cards]);
  return (
    <div className="manage-page" data-testid="orders-board">
      <div className="manage-head">
        <h1>Work orders</h1>
        <span className="badge b-bad" data-testid="late-count">
          {late} late
        </span>
        <span className="badge b-warn" data-testid="at-risk-count">
          {atRisk} at risk
        </span>
        {twice.size > 0 ? (
          <span className="badge b-bad" data-testid="duplicate-codes" title="Rename one of each pair">
            {twice.size} {twice.size === 1 ? 'code' : 'codes'} used twice
          </span>
        ) : null}
        <span className="spacer" />
        <label className="inline-select">
          <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} /> Show
          completed
        </label>
        <button className="btn" onClick={() => downloadCsv('work-orders.csv', toCsv(cards, ORDER_CSV))}>
          Export CSV
        </button>
        <Link className="btn btn-primary" href="/manage/plan" data-testid="new-wo">
          New work order
        </Link>
      </div>
      {loading ? <p className="muted">Loading…</p> : null}
      <div className="board">
        {COLUMNS.filter(([c]) => showDone || c !== 'completed').map(([col, label]) => {
          const list = cards.filter((c) => c.column === col);
          return (
            <section key={col} className="board-col" data-testid={`col-${col}`}>
              <h2>
                {label} <span className="muted">{list.length}</span>
              </h2>
              {list.map((c) => (
                <OrderCard key={c.wo.id} card={c} duplicate={twice.has(c.wo.code.trim())} />
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function OrderCard({ card, duplicate }: { card: Card; duplicate: boolean }) {
  const { client } = useApp();
  const { wo, state } = card;
  const patch = (p: Partial<WorkOrder>, msg: string) =>
    client.writer.patch('work_orders', wo.id, p).then(
      () => toast(`${wo.code}: ${msg}`),
      (e: unknown) => toast(`${wo.code}: not saved (${e instanceof Error ? e.message : String(e)})`),
    );
  const open = state.status !== 'completed' && state.status !== 'cancelled';
  return (
    <article
      className={`wo-card risk-${card.risk}`}
      data-testid="wo-card"
      data-code={wo.code}
      data-risk={card.risk}
      data-priority={wo.priority}
    >
      <header>
        {open ? (
          <OrderDragHandle
            code={wo.code}
            priority={wo.priority}
            onPriority={(p) => void patch({ priority: p }, `priority ${p}`)}
          />
        ) : null}
        <Link href={`/work-orders/${wo.id}`} className="wo-code">
          {wo.code}
        </Link>
        <span className={`prio prio-${wo.priority}`} title="Priority (1 = highest)">
          P{wo.priority}
        </span>
        {duplicate ? (
          <span
            className="badge b-bad"
            data-testid="duplicate-code"
            title="Another work order has this code (picked on two devices offline): rename one"
          >
            Code used twice
          </span>
        ) : null}
        {card.risk === 'late' || card.risk === 'at_risk' ? (
          <span className={`badge ${card.risk === 'late' ? 'b-bad' : 'b-warn'}`} data-testid="risk">
            {RISK_LABEL[card.risk]}
          </span>
        ) : null}
      </header>
      <p className="wo-title">{wo.title}</p>
      <p className="muted small">
        {wo.customerName || 'No customer'} · due {wo.dueDate || '—'} · {Math.round(card.minutesLeft / 6) / 10}{' '}
        h planned left
      </p>
      <div className="steps" aria-label={`${Math.round(card.progress * 100)}% of steps done`}>
        {card.ops.map((op) => (
          <span
            key={op.id}
            className={`stepdot s-${state.stepStates[op.id]?.status ?? 'pending'}`}
            title={`${op.sequence} ${op.name}: ${state.stepStates[op.id]?.status ?? 'pending'}`}
          />
        ))}
        <span className="muted small">
          {state.qtyCompleted}/{wo.qtyOrdered}
          {state.qtyScrapped ? ` · ${state.qtyScrapped} scrap` : ''}
        </span>
        <span className="wo-links small">
          <Link href={`/manage/edit-order?id=${encodeURIComponent(wo.id)}`}>Edit</Link>
          {' · '}
          <Link href={`/manage/trace?wo=${encodeURIComponent(wo.id)}`}>Trace</Link>
        </span>
      </div>
      {open ? (
        <div className="wo-actions">
          {wo.status === 'draft' ? (
            <button className="btn btn-small" onClick={() => void patch({ status: 'released' }, 'released')}>
              Release
            </button>
          ) : null}
          <button
            className="btn btn-small"
            onClick={() => void patch({ onHold: !wo.onHold }, wo.onHold ? 'hold lifted' : 'on hold')}
          >
            {wo.onHold ? 'Unhold' : 'Hold'}
          </button>
          <button
            className="btn btn-small"
            aria-label="Raise priority"
            disabled={wo.priority <= 1}
            onClick={() => void patch({ priority: wo.priority - 1 }, `priority ${wo.priority - 1}`)}
          >
            ↑
          </button>
          <button
            className="btn btn-small"
            aria-label="Lower priority"
            disabled={wo.priority >= 5}
            onClick={() => void patch({ priority: wo.priority + 1 }, `priority ${wo.priority + 1}`)}
          >
            ↓
          </button>
          <button
            className="btn btn-small btn-danger"
            onClick={() => {
              if (window.confirm(`Cancel ${wo.code}? The floor will stop offering its steps.`))
                void patch({ status: 'cancelled' }, 'cancelled');
            }}
          >
            Cancel
          </button>
        </div>
      ) : null}
    </article>
  );
}
