import { useMemo } from 'react';
import { canStart, foldStep } from '@printfloor/shared';
import { StepBadge } from '../../components/Badge.tsx';
import { formatDuration } from '../../format.ts';
import { useLookup } from '../../hooks/use-query.ts';
import { useNow } from '../../hooks/use-now.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { StepActions } from '../steps/StepActions.tsx';
import { StepSummary, StepTimeline } from './StepTimeline.tsx';

/** One routing step: its tracker state, the actions it allows now, its summary and timeline. */
export function OperationCard({ step }: { step: FloorStep }) {
  const printers = useLookup('printers');
  const centers = useLookup('work_centers');
  const running = step.state.status === 'running';
  const now = useNow(1000, running);
  const state = useMemo(
    () => (running ? foldStep(step.state.timeline, now) : step.state),
    [running, step.state, now],
  );
  const { op } = step;
  const printer = printers.get(op.printerId);
  const startCheck = canStart(step.index, step.stepStates, 'operator');
  return (
    <section
      className="card op-card"
      id={`op-${op.id}`}
      data-testid="operation"
      data-op-code={op.code}
      data-status={state.status}
      aria-label={`Step ${op.sequence} ${op.name}`}
    >
      <div className="page-head op-head">
        <h3>
          {op.code} · {op.name}
        </h3>
        <StepBadge status={state.status} />
        {state.runningMs > 0 ? (
          <strong className="timer-small">{formatDuration(state.runningMs)}</strong>
        ) : null}
      </div>
      <p className="muted op-meta">
        {[
          centers.get(op.workCenterId)?.name,
          printer ? `${printer.code} ${printer.name}` : op.printerId ? 'unknown printer' : '',
          `planned ${op.plannedSetupMinutes + op.plannedRunMinutes} min`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {state.status === 'pending' && !startCheck.ok ? (
        <p className="muted">Waiting: {startCheck.reason}.</p>
      ) : null}
      <StepActions step={{ ...step, state }} />
      <StepSummary state={state} />
      {state.timeline.length > 0 ? <StepTimeline events={state.timeline} /> : null}
    </section>
  );
}
