import type { Part } from '@printfloor/shared';
import { Link } from '../../components/Link.tsx';
import { useLookup } from '../../hooks/use-query.ts';

/**
 * The part's stored routing template on the floor, read-only: the steps a new work order of this
 * part starts from (edited in the manager view, /manage/parts/<id>/routing; a lead gets the link).
 */
export function PartRouting({ part, lead }: { part: Part; lead: boolean }) {
  const workCenters = useLookup('work_centers');
  const printers = useLookup('printers');
  return (
    <section data-testid="part-routing">
      <h2>Routing template</h2>
      {part.routing.length === 0 ? (
        <p className="muted">No stored template: new work orders copy the steps of the last one.</p>
      ) : (
        <div className="card">
          <ol className="plain">
            {part.routing.map((s, i) => (
              <li key={`${i}-${s.code}`} data-testid="part-routing-step">
                <strong>
                  {s.code || `OP${(i + 1) * 10}`} {s.name}
                </strong>
                <span className="muted">
                  {' · '}
                  {workCenters.get(s.workCenterId)?.name ?? 'any work center'}
                  {s.printerId ? ` · ${printers.get(s.printerId)?.code ?? 'unknown printer'}` : ''}
                  {` · setup ${s.plannedSetupMinutes} min · ${s.runMinutesPerUnit} min per part`}
                </span>
                {s.notes ? <div>{s.notes}</div> : null}
              </li>
            ))}
          </ol>
        </div>
      )}
      {lead ? (
        <Link className="btn" href={`/manage/parts/${encodeURIComponent(part.id)}/routing`}>
          Edit the routing template
        </Link>
      ) : null}
    </section>
  );
}
