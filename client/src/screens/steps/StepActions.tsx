import { useState } from 'react';
import { allowedActions, type StepAction } from '@printfloor/shared';
import { Link } from '../../components/Link.tsx';
import { usePath } from '../../app/router.ts';
import type { StepEventInput } from '../../data/step-commands.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { useOperator } from '../../hooks/use-floor.ts';
import { StartStepButton } from './StartStepButton.tsx';
import { StepActionPanel } from './StepActionPanel.tsx';
import { useStepRecorder } from './use-step-recorder.ts';

export const ACTION_LABEL: Record<StepAction, string> = {
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

const GO = new Set<StepAction>(['start', 'resume', 'complete']);

interface Props {
  step: FloorStep;
  /** Open this panel first (the station's big button opens "complete" directly). */
  initialPanel?: StepAction | null;
  onDone?: () => void;
}

/**
 * The buttons of one step tracker, from the shared rules for the signed-in person's role (skip is a
 * lead's), with the detail panels. Every action writes locally at once and offers its undo.
 */
export function StepActions({ step, initialPanel = null, onDone }: Props) {
  const operator = useOperator();
  const { record } = useStepRecorder();
  const path = usePath();
  const [panel, setPanel] = useState<StepAction | null>(initialPanel);
  const [error, setError] = useState<string | null>(null);

  if (!operator.personId) {
    return (
      <div className="btn-row">
        <Link
          className="btn btn-primary"
          href={`/sign-in?next=${encodeURIComponent(path)}`}
          data-testid="sign-in-to-act"
        >
          Sign in to work on this step
        </Link>
      </div>
    );
  }

  const write = async (action: StepAction, input: StepEventInput) => {
    await record(step, action, input);
    setPanel(null);
    onDone?.();
  };

  const onAction = (a: StepAction) => {
    setError(null);
    if (a === 'resume') {
      write(a, { type: a }).catch((err: unknown) =>
        setError(`Not saved: ${err instanceof Error ? err.message : String(err)}`),
      );
      return;
    }
    setPanel(panel === a ? null : a);
  };

  const actions = allowedActions(step.state.status, operator.role);
  return (
    <div className="step-actions" data-testid="step-actions">
      <div className="btn-row">
        {actions.map((a) =>
          a === 'start' ? (
            <StartStepButton key={a} step={step} />
          ) : (
            <button
              key={a}
              className={`btn ${GO.has(a) ? 'btn-go' : ''}`}
              aria-expanded={a === 'resume' ? undefined : panel === a}
              onClick={() => onAction(a)}
            >
              {ACTION_LABEL[a]}
            </button>
          ),
        )}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {panel ? (
        <StepActionPanel
          key={panel}
          action={panel}
          step={step}
          onSubmit={(input) => write(panel, input)}
          onCancel={() => setPanel(null)}
        />
      ) : null}
    </div>
  );
}
