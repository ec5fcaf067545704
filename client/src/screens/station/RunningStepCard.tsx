import { useMemo } from 'react';
import { foldStep, type StepAction } from '@printfloor/shared';
import { Link } from '../../components/Link.tsx';
import { StepBadge } from '../../components/Badge.tsx';
import { formatDateTime, formatDuration } from '../../format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useLookup } from '../../hooks/use-query.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { StepActions } from '../steps/StepActions.tsx';

/** The step running (or paused) here: live timer, work order, part, quantities, its actions. */
export function RunningStepCard({ step, panel }: { step: FloorStep; panel: StepAction | null }) {
  const now = useNow(1000, step.state.status === 'running');
  const live = useMemo(() => foldStep(step.state.timeline, now), [step.state.timeline, now]);
  const parts = useLookup('parts');
  const people = useLookup('people');
  const part = parts.get(step.wo.partId);
  const starter = live.operatorIds[0] ? people.get(live.operatorIds[0])?.displayName : undefined;
  return (
    <section
      className={`card running-card st-${live.status}`}
      data-testid="running-step"
      data-op-code={step.op.code}
      data-wo-code={step.wo.code}
    >
      <div className="running-head">
        <StepBadge status={live.status} />
        <span className="timer" aria-label="running time" data-testid="timer">
          {formatDuration(live.runningMs)}
        </span>
        {live.status === 'paused' ? (
          <span className="muted">paused {formatDuration(live.pausedMs)}</span>
        ) : null}
      </div>
      <h2 className="running-title">
        <Link href={`/work-orders/${encodeURIComponent(step.wo.id)}`}>{step.wo.code}</Link> · {step.op.code}{' '}
        {step.op.name}
      </h2>
      <dl className="kv">
        <div>
          <dt>Part</dt>
          <dd>{part ? `${part.code} · ${part.description}` : step.wo.title}</dd>
        </div>
        <div>
          <dt>Quantity</dt>
          <dd>
            {step.wo.qtyOrdered} ordered · {live.qtyGood} good · {live.qtyScrap} scrap
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            {live.startedAt ? formatDateTime(live.startedAt) : '—'}
            {starter ? ` by ${starter}` : ''}
          </dd>
        </div>
      </dl>
      <StepActions key={panel ?? 'none'} step={step} initialPanel={panel} />
    </section>
  );
}
