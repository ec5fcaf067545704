import { useState } from 'react';
import {
  allowedActions,
  canStart,
  type Operation,
  type StepAction,
  type StepEvent,
  type StepState,
  type WorkOrder,
} from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { useLookup } from '../../hooks/use-query.ts';
import { StepBadge } from '../../components/Badge.tsx';
import { toast } from '../../components/Toast.tsx';
import { recordStepEvent, type StepEventInput } from '../../data/step-commands.ts';
import { formatDuration } from '../../format.ts';
import { savedMessage } from '../saved-message.ts';
import { StepActionPanel } from './StepActionPanel.tsx';
import { StepTimeline } from './StepTimeline.tsx';

/** The role this tablet acts with until operators sign in (issue 3): no lead-only actions. */
const ROLE = 'operator' as const;

const LABEL: Record<StepAction, string> = {
  start: '▶ Start',
  pause: '❚❚ Pause',
  resume: '▶ Resume',
  complete: '✓ Complete',
  skip: 'Skip',
  scrap: 'Report scrap',
  qc: 'QC result',
  downtime: 'Downtime',
  note: 'Add note',
};

/** Actions that go straight to the log; the others open a panel that asks for details first. */
const IMMEDIATE = new Set<StepAction>(['start', 'resume']);

interface Props {
  op: Operation;
  index: number;
  workOrder: WorkOrder;
  events: StepEvent[];
  stepStates: StepState[];
  now: number;
}

/** One routing step: its tracker state, the actions it allows now, and its event timeline. */
export function OperationCard({ op, index, workOrder, events, stepStates }: Props) {
  const { client } = useApp();
  const printers = useLookup('printers');
  const centers = useLookup('work_centers');
  const [panel, setPanel] = useState<StepAction | null>(null);
  const state = stepStates[index];
  if (!state) return null;
  const startCheck = canStart(index, stepStates, ROLE);
  const actions = allowedActions(state.status, ROLE);
  const printer = printers.get(op.printerId);

  const record = async (input: StepEventInput) => {
    await recordStepEvent(client.db, client.writer, workOrder.id, op.id, {
      printerId: op.printerId,
      ...input,
    });
    setPanel(null);
    toast(savedMessage());
  };

  const onAction = (a: StepAction) => {
    if (IMMEDIATE.has(a)) void record({ type: a });
    else setPanel(panel === a ? null : a);
  };

  return (
    <section
      className="card"
      data-testid="operation"
      data-op-code={op.code}
      aria-label={`Step ${op.sequence} ${op.name}`}
    >
      <div className="page-head" style={{ marginBottom: 6 }}>
        <h3 style={{ margin: 0, flex: '1 1 auto', fontSize: '1.25rem' }}>
          {op.sequence} · {op.name}
        </h3>
        <StepBadge status={state.status} />
        {state.runningMs > 0 ? <strong>{formatDuration(state.runningMs)}</strong> : null}
      </div>
      <p className="muted" style={{ margin: '0 0 10px' }}>
        {[
          centers.get(op.workCenterId)?.name,
          printer ? `${printer.code} ${printer.name}` : op.printerId ? 'unknown printer' : '',
          `planned ${op.plannedSetupMinutes + op.plannedRunMinutes} min`,
        ]
          .filter(Boolean)
          .join(' · ')}
        {state.qtyGood || state.qtyScrap ? ` · good ${state.qtyGood} · scrap ${state.qtyScrap}` : ''}
      </p>
      <div className="btn-row">
        {actions.map((a) => {
          const blocked = a === 'start' && !startCheck.ok;
          return (
            <button
              key={a}
              className={`btn ${a === 'start' || a === 'resume' || a === 'complete' ? 'btn-go' : ''}`}
              disabled={blocked}
              aria-expanded={IMMEDIATE.has(a) ? undefined : panel === a}
              onClick={() => onAction(a)}
            >
              {LABEL[a]}
            </button>
          );
        })}
      </div>
      {state.status === 'pending' && !startCheck.ok ? (
        <p className="muted">Cannot start yet: {startCheck.reason}.</p>
      ) : null}
      {panel ? (
        <StepActionPanel
          action={panel}
          workOrder={workOrder}
          state={state}
          onSubmit={record}
          onCancel={() => setPanel(null)}
        />
      ) : null}
      {events.length > 0 ? <StepTimeline events={state.timeline} /> : null}
    </section>
  );
}
