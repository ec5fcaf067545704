import { useState } from 'react';
import { COLLECTIONS, type Part, type WorkCenter } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { Link } from '../components/Link.tsx';
import { toast } from '../components/Toast.tsx';
import { useQuery } from '../hooks/use-query.ts';
import { derivedTemplate, sameSteps, type RoutingTemplate, type TemplateSource } from './routing-template.ts';
import { stepDraftsFromTemplate, stepsError, toTemplateStep } from './routing-step-drafts.ts';
import { RoutingStepsTable } from './RoutingStepsTable.tsx';

/**
 * /manage/parts/<id>/routing: the part's stored routing template, which every new work order of
 * the part starts from (PlanScreen). Saved with the normal replicated write (`parts.routing`), so
 * it syncs to the server and every tablet like any edit. A part without one starts the form from
 * the derived template (its last routed order, or one print step), to be saved as is or edited.
 */
export function RoutingTemplateScreen({ partId }: { partId: string }) {
  const parts = useQuery('parts', { selector: { id: partId } }, [partId]);
  const wcs = useQuery('work_centers', {});
  const printers = useQuery('printers', {});
  const wos = useQuery('work_orders', { selector: { partId } }, [partId]);
  const ops = useQuery('operations', {});
  if (parts.loading || wcs.loading || printers.loading || wos.loading || ops.loading) {
    return <p className="muted">Loading…</p>;
  }
  const part = parts.docs[0];
  if (!part) return <p className="empty">No such part here (yet).</p>;
  const workCenters = wcs.docs.filter((w) => w.active);
  const derived = derivedTemplate(part, wos.docs, ops.docs, workCenters);
  return (
    <div className="manage-page" data-testid="routing-template-screen">
      <div className="manage-head">
        <h1>
          Routing template · {part.code}
          {part.description ? <span className="muted"> — {part.description}</span> : null}
        </h1>
        <span className="spacer" />
        <Link className="btn" href={`/manage/plan?part=${encodeURIComponent(part.id)}`}>
          New work order
        </Link>
        <Link className="btn" href="/manage/parts">
          All parts
        </Link>
      </div>
      <TemplateForm
        // A fresh form when the stored template changes (saved here or synced from elsewhere).
        key={JSON.stringify(part.routing)}
        part={part}
        derived={derived}
        workCenters={workCenters}
        printers={printers.docs.filter((p) => p.active).sort((a, b) => a.code.localeCompare(b.code))}
      />
    </div>
  );
}

/** What a new work order of a part without a stored template gets, as a sentence. */
function fallbackText(source: TemplateSource): string {
  switch (source.kind) {
    case 'work_order':
      return `new work orders copy the steps of ${source.code}, its last routed order.`;
    case 'default':
      return "new work orders get one print step from the part's print minutes.";
    case 'part':
      return '';
  }
}

function TemplateForm(props: {
  part: Part;
  derived: RoutingTemplate;
  workCenters: readonly WorkCenter[];
  printers: readonly { id: string; code: string; name: string }[];
}) {
  const { client } = useApp();
  const { part, derived } = props;
  const stored = part.routing.length > 0;
  const start = () => stepDraftsFromTemplate(stored ? part.routing : derived.steps);
  const [steps, setSteps] = useState(start);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = steps.map(toTemplateStep);
  const unchanged = stored && sameSteps(part.routing, current);

  const save = async (routing: typeof current, done: string) => {
    setBusy(true);
    try {
      COLLECTIONS.parts.schema.shape.routing.parse(routing);
      await client.writer.patch('parts', part.id, { routing });
      toast(`${part.code}: ${done}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const onSave = () => {
    const err = stepsError(steps, { allowEmpty: true });
    setError(err);
    if (err === null)
      void save(
        current,
        current.length > 0 ? `routing template saved (${current.length} steps)` : 'routing template cleared',
      );
  };

  return (
    <section className="card" data-testid="template-editor">
      <div className="manage-head">
        <h2>Steps</h2>
        <span className="muted small" data-testid="template-status">
          {stored
            ? `Stored template, ${part.routing.length} step${part.routing.length === 1 ? '' : 's'}: new work orders of ${part.code} start from it`
            : `No stored template yet: ${fallbackText(derived.source)} The steps below start from there; save them to make them the part's template.`}
        </span>
      </div>
      <RoutingStepsTable
        steps={steps}
        setSteps={setSteps}
        workCenters={props.workCenters}
        printers={props.printers}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="template-actions">
        <span className="muted small">
          Run minutes are per part: a work order for N parts plans N × them; setup once.
        </span>
        <span className="spacer" />
        {stored ? (
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() => {
              if (
                window.confirm(
                  `Clear the routing template of ${part.code}? New work orders then copy its last order's steps.`,
                )
              )
                void save([], 'routing template cleared');
            }}
          >
            Clear template
          </button>
        ) : null}
        <button type="button" className="btn" disabled={busy} onClick={() => setSteps(start())}>
          Undo changes
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="template-save"
          disabled={busy || unchanged}
          onClick={onSave}
        >
          {unchanged ? 'Saved' : 'Save template'}
        </button>
      </div>
    </section>
  );
}
