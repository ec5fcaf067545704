import { useState } from 'react';
import { Link } from '../../components/Link.tsx';
import type { FloorStep } from '../../floor/station-view.ts';
import type { StartPlan } from './step-logic.ts';
import { useStepRecorder } from './use-step-recorder.ts';

interface Props {
  step: FloorStep;
  className?: string;
  children?: React.ReactNode;
  testId?: string;
  /** Extra attributes for tests and the bench (e.g. which step the button starts). */
  data?: Record<string, string>;
}

/**
 * Start with the shared rules: goes at once when it may; asks a lead to confirm an override of the
 * predecessor rule (recorded); warns, without refusing, when the printer already has a step on it;
 * explains a refusal. Everything runs offline.
 */
export function StartStepButton({
  step,
  className = 'btn btn-go',
  children = '▶ Start',
  testId,
  data = {},
}: Props) {
  const { record, planFor, signedIn } = useStepRecorder();
  const [confirm, setConfirm] = useState<{ plan: StartPlan; printerId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dataAttrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));

  if (!signedIn) {
    return (
      <Link
        className={className}
        href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}
        data-testid={testId}
        {...dataAttrs}
      >
        {children}
      </Link>
    );
  }

  const go = (plan: StartPlan, printerId: string, confirmed: boolean) => {
    setError(null);
    if (plan.kind === 'refused') return setError(`Cannot start: ${plan.reason}.`);
    if (!confirmed && (plan.kind === 'confirm-override' || plan.warning !== null))
      return setConfirm({ plan, printerId });
    setConfirm(null);
    record(step, 'start', { type: 'start', printerId, override: plan.kind === 'confirm-override' }).catch(
      (err: unknown) => setError(`Not saved: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  return (
    <>
      <button
        className={className}
        onClick={() => {
          const { plan, printerId } = planFor(step);
          go(plan, printerId, false);
        }}
        data-testid={testId}
        {...dataAttrs}
      >
        {children}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {confirm ? (
        <div
          className="card panel warn-panel"
          role="alertdialog"
          aria-label="Confirm start"
          data-testid="confirm-start"
        >
          {confirm.plan.kind === 'confirm-override' ? (
            <p>Lead override: {confirm.plan.reason}. The override is recorded.</p>
          ) : null}
          {confirm.plan.kind !== 'refused' && confirm.plan.warning ? (
            <p>Careful: the {confirm.plan.warning}.</p>
          ) : null}
          <div className="btn-row">
            <button className="btn btn-go btn-big" onClick={() => go(confirm.plan, confirm.printerId, true)}>
              ▶ Start anyway
            </button>
            <button className="btn" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}
