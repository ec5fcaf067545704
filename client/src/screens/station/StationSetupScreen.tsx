import { useMemo } from 'react';
import { navigate } from '../../app/router.ts';
import { toast } from '../../components/Toast.tsx';
import { humanize } from '../../format.ts';
import { useFloor, useStationRef } from '../../hooks/use-floor.ts';
import { useQuery } from '../../hooks/use-query.ts';
import type { StationKind } from '../../floor/station.ts';

/** Binds this tablet to the printer or bench it stands at. Device-local: other tablets keep theirs. */
export function StationSetupScreen() {
  const { station } = useFloor();
  const current = useStationRef();
  const { docs: printers, loading: lp } = useQuery('printers', {});
  const { docs: centers, loading: lc } = useQuery('work_centers', { selector: { active: true } });
  const sortedPrinters = useMemo(
    () => [...printers].sort((a, b) => Number(b.active) - Number(a.active) || a.code.localeCompare(b.code)),
    [printers],
  );
  const sortedCenters = useMemo(() => [...centers].sort((a, b) => a.code.localeCompare(b.code)), [centers]);

  const bind = (kind: StationKind, id: string, label: string) => {
    station.bind(kind, id);
    toast(`This tablet is now the station ${label}`);
    navigate('/', { replace: true });
  };
  const isCurrent = (kind: StationKind, id: string) => current?.kind === kind && current.id === id;

  return (
    <div className="page" data-testid="station-setup">
      <h1>Station of this tablet</h1>
      <p className="muted">
        Pick the printer or the bench this tablet stands at. Its home screen then shows what runs there and
        what is next.
      </p>
      <h2>Printers</h2>
      {lp ? <p className="empty">Loading printers…</p> : null}
      {!lp && printers.length === 0 ? (
        <p className="empty">No printers on this tablet yet — they appear once synced.</p>
      ) : null}
      <div className="tiles">
        {sortedPrinters.map((p) => (
          <button
            key={p.id}
            className="tile"
            aria-pressed={isCurrent('printer', p.id)}
            onClick={() => bind('printer', p.id, `${p.code} · ${p.name}`)}
            data-testid="station-printer"
            data-code={p.code}
          >
            <strong>{p.code}</strong>
            <span>{p.name}</span>
            <small>{p.active ? p.location : 'Inactive'}</small>
          </button>
        ))}
      </div>
      <h2>Benches and work centers</h2>
      {lc ? <p className="empty">Loading work centers…</p> : null}
      <div className="tiles">
        {sortedCenters.map((w) => (
          <button
            key={w.id}
            className="tile"
            aria-pressed={isCurrent('work_center', w.id)}
            onClick={() => bind('work_center', w.id, w.name)}
            data-testid="station-center"
            data-code={w.code}
          >
            <strong>{w.name}</strong>
            <small>
              {w.code} · {humanize(w.kind)}
            </small>
          </button>
        ))}
      </div>
      {current ? (
        <button
          className="btn btn-danger"
          style={{ marginTop: 24 }}
          onClick={() => {
            station.clear();
            toast('Station removed from this tablet');
          }}
        >
          Remove the station binding
        </button>
      ) : null}
    </div>
  );
}
