import type { NextThing } from '../../floor/station-view.ts';
import { StartStepButton } from '../steps/StartStepButton.tsx';
import { useStepRecorder } from '../steps/use-step-recorder.ts';
import { Link } from '../../components/Link.tsx';
import { usePath } from '../../app/router.ts';

/**
 * The one big button of the station: complete what runs, resume what is paused, start the most
 * urgent ready step — or say there is nothing to do.
 */
export function NextThingButton({ next, onComplete }: { next: NextThing; onComplete: () => void }) {
  const { record, signedIn } = useStepRecorder();
  const path = usePath();
  const data: Record<string, string> =
    next.kind === 'idle'
      ? {}
      : { kind: next.kind, 'wo-code': next.step.wo.code, 'op-code': next.step.op.code };
  const attrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  if (next.kind === 'idle') {
    return (
      <div className="next-thing next-idle" data-testid="next-thing" data-kind="idle">
        Nothing to do here right now — scan a work order, or pick one from Work orders.
      </div>
    );
  }
  const what = `${next.step.wo.code} · ${next.step.op.code} ${next.step.op.name}`;
  if (!signedIn) {
    return (
      <Link
        className="btn next-thing"
        href={`/sign-in?next=${encodeURIComponent(path)}`}
        data-testid="next-thing"
        {...attrs}
      >
        Sign in to work — next: {what}
      </Link>
    );
  }
  if (next.kind === 'start') {
    return (
      <StartStepButton step={next.step} className="btn btn-go next-thing" testId="next-thing" data={data}>
        ▶ Start {what}
      </StartStepButton>
    );
  }
  if (next.kind === 'resume') {
    return (
      <button
        className="btn btn-go next-thing"
        data-testid="next-thing"
        {...attrs}
        onClick={() => void record(next.step, 'resume', { type: 'resume' })}
      >
        ▶ Resume {what}
      </button>
    );
  }
  return (
    <button className="btn btn-go next-thing" data-testid="next-thing" {...attrs} onClick={onComplete}>
      ✓ Complete {what}
    </button>
  );
}
