import { Fragment } from 'react';
import { Link } from '../components/Link.tsx';
import {
  actorLabel,
  fieldChanges,
  fieldValue,
  showInstant,
  targetView,
  type AuditEntry,
  type Names,
  type RecordLink,
} from './audit-screen.ts';

/**
 * Creations show this many codes; the rest are counted (an import creates hundreds). The server
 * names at least as many of those that carry no code (CREATED_NAMED, server/src/audit/audit-names.ts).
 */
const CREATED_SHOWN = 8;

/** When, in the browser's locale: short date, time to the second. */
export function WhenCell({ at }: { at: string }) {
  return (
    <td className="audit-when" title={at}>
      {showInstant(at)}
    </td>
  );
}

/** The action as the server wrote it (what the filter takes), breakable after its dot. */
export function ActionCell({ action }: { action: string }) {
  const dot = action.indexOf('.');
  return (
    <td className="audit-action">
      {dot < 0 ? (
        action
      ) : (
        <>
          {action.slice(0, dot + 1)}
          <wbr />
          {action.slice(dot + 1)}
        </>
      )}
    </td>
  );
}

/** Who: names, with the raw tokens as the tooltip and the IP below. */
export function ActorCell({ entry, names }: { entry: AuditEntry; names: Names }) {
  return (
    <td className="audit-actor" title={entry.actor}>
      <span data-testid="audit-actor">{actorLabel(entry.actor, names)}</span>
      {entry.ip ? <div className="muted small">{entry.ip}</div> : null}
    </td>
  );
}

function RecordName({ r }: { r: RecordLink }) {
  return r.href ? <Link href={r.href}>{r.label}</Link> : <span>{r.label}</span>;
}

/** What: “Work order WO-2026-0012” linked, or the codes a push created. */
export function TargetCell({ entry, names }: { entry: AuditEntry; names: Names }) {
  const t = targetView(entry, names);
  if (t.kind === 'none') return <td className="audit-target muted">—</td>;
  if (t.kind === 'raw') {
    return (
      <td className="audit-target audit-raw" title={t.raw} data-testid="audit-target">
        {t.raw}
      </td>
    );
  }
  if (t.kind === 'record') {
    return (
      <td className="audit-target" title={t.raw} data-testid="audit-target">
        <span className="audit-noun">{t.noun}</span> <RecordName r={t.record} />
      </td>
    );
  }
  const rest = t.records.length - CREATED_SHOWN;
  return (
    <td
      className="audit-target"
      title={`${t.raw}: ${t.records.map((r) => r.label).join(', ')}`}
      data-testid="audit-target"
    >
      <span className="audit-noun">{t.noun}</span>{' '}
      {t.records.slice(0, CREATED_SHOWN).map((r, i) => (
        <Fragment key={i}>
          {i > 0 ? ', ' : null}
          <span className="audit-code">
            <RecordName r={r} />
          </span>
        </Fragment>
      ))}
      {rest > 0 ? <span className="muted"> and {rest} more</span> : null}
    </td>
  );
}

/** The changed fields, before → after; references by name; a creation by its count. */
export function ChangeCell({ entry, names }: { entry: AuditEntry; names: Names }) {
  const t = entry.action === 'doc.create' ? targetView(entry, names) : undefined;
  if (t?.kind === 'created') {
    return <td className="audit-change muted">{t.records.length} new</td>;
  }
  const rows = fieldChanges(entry.before, entry.after);
  if (rows.length === 0) return <td className="audit-change muted">—</td>;
  return (
    <td className="audit-change">
      <table className="audit-diff" data-testid="audit-diff">
        <tbody>
          {rows.map((r) => {
            const before = fieldValue(r.field, r.before, names);
            const after = fieldValue(r.field, r.after, names);
            return (
              <tr key={r.field} data-field={r.field}>
                <th scope="row">{r.field}</th>
                <td>
                  {before ? <span className="audit-before">{before}</span> : null}
                  {before ? ' ' : null}
                  <span aria-hidden="true" className="audit-arrow">
                    →
                  </span>{' '}
                  <span className="audit-after">{after}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </td>
  );
}
