import { Link } from './Link.tsx';

/**
 * What a record's page shows before its document is read (`loading`) or when this tablet does not
 * hold it: a scanned label or a link can name a record that has not synced here yet.
 */
export function NotOnTablet({
  loading,
  what,
  back,
  backLabel,
}: {
  loading: boolean;
  /** "spool", "work order", … */
  what: string;
  back: string;
  backLabel: string;
}) {
  if (loading) return <p className="page empty">Loading…</p>;
  return (
    <div className="page">
      <Link className="btn" href={back}>
        ← {backLabel}
      </Link>
      <p className="empty">This {what} is not on this tablet (yet). It appears here once it has synced.</p>
    </div>
  );
}
