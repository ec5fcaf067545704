import { useState } from 'react';
import { Link } from '../../components/Link.tsx';
import { nextThing } from '../../floor/station-view.ts';
import { useFloorFailure, useOperator, useStation, useStationView } from '../../hooks/use-floor.ts';
import { LivePrinterCard } from '../printers/LivePrinterCard.tsx';
import { LoadedSpools } from './LoadedSpools.tsx';
import { NextThingButton } from './NextThingButton.tsx';
import { RunningStepCard } from './RunningStepCard.tsx';
import { StationQueue } from './StationQueue.tsx';
import { useStationScans } from './use-station-scans.ts';

/**
 * Home = my station (issue 3): what runs here with a live timer, the loaded filament, the one big
 * button for the next thing to do, and the queue of steps ready here.
 */
export function StationScreen() {
  const station = useStation();
  const operator = useOperator();
  const { view, loading } = useStationView(station);
  const failure = useFloorFailure();
  const [completeFor, setCompleteFor] = useState<string | null>(null);
  useStationScans(station, view);

  if (!station) {
    return (
      <div className="page">
        <div className="card hero" data-testid="no-station">
          <h1>This tablet has no station yet</h1>
          <p>
            Bind it to the printer or bench it stands at: its home screen then shows what runs there and what
            is next.
          </p>
          <Link className="btn btn-primary btn-big" href="/station">
            Set up the station
          </Link>
        </div>
      </div>
    );
  }
  if (failure) {
    return (
      <div className="page">
        <div className="card hero" role="alert">
          <h1>The floor did not load</h1>
          <p>{failure}</p>
          <p className="muted">Nothing on this tablet was deleted. Reload; if it persists, call your lead.</p>
          <button className="btn btn-primary btn-big" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
  if (loading || !view) {
    return (
      <div className="page" role="status">
        <p className="empty">Loading the floor…</p>
      </div>
    );
  }
  const next = nextThing(view);
  const runningHere = view.running.find((s) => s.state.status === 'running') ?? view.running[0] ?? null;
  return (
    <div className="station" data-testid="station">
      <div className="station-now">
        <div className="station-title">
          <h1>{station.label}</h1>
          <Link className="btn" href="/station">
            Change station
          </Link>
        </div>
        {!operator.personId ? (
          <p className="notice">
            Nobody is signed in. <Link href="/sign-in">Scan your badge or enter your PIN</Link> to work.
          </p>
        ) : null}
        <NextThingButton
          next={next}
          onComplete={() => next.kind === 'complete' && setCompleteFor(next.step.op.id)}
        />
        {view.running.map((s) => (
          <RunningStepCard key={s.op.id} step={s} panel={completeFor === s.op.id ? 'complete' : null} />
        ))}
      </div>
      {/* The printer and its spools sit above the queue: in landscape they share the right column
          with it, so the running step and the printer are both in view without scrolling. */}
      <div className="station-side">
        {station.printer ? <LivePrinterCard code={station.printer.code} /> : null}
        {station.printer ? <LoadedSpools printerId={station.printer.id} step={runningHere} /> : null}
        <StationQueue queue={view.queue} waiting={view.waiting} />
      </div>
    </div>
  );
}
