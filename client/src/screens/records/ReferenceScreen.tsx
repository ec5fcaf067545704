import { Link } from '../../components/Link.tsx';
import { RecordListScreen } from './RecordListScreen.tsx';
import { RECORD_SPECS, type RecordKind } from './record-specs.ts';

const TABS: RecordKind[] = ['scrap_reasons', 'downtime_reasons', 'work_centers', 'people'];

/** Reference data a lead maintains and tablets read: scrap and downtime reasons, work centers, people. */
export function ReferenceScreen({ kind }: { kind: RecordKind }) {
  return (
    <>
      <nav className="more-links" aria-label="More">
        <Link className="btn" href="/parts">
          Parts
        </Link>
        <Link className="btn" href="/station">
          Station setup
        </Link>
        <Link className="btn" href="/sign-in">
          Sign in
        </Link>
        <Link className="btn" href="/sync">
          Sync details
        </Link>
      </nav>
      <div className="page-head" style={{ padding: '12px 16px 0', margin: 0 }}>
        <h1>Reference data</h1>
        <div className="chips" role="tablist">
          {TABS.map((t) => (
            <Link
              key={t}
              className="chip"
              role="tab"
              aria-selected={t === kind}
              aria-pressed={t === kind}
              href={`/reference/${t}`}
            >
              {RECORD_SPECS[t].title}
            </Link>
          ))}
        </div>
      </div>
      <RecordListScreen key={kind} spec={RECORD_SPECS[kind]} heading={false} />
    </>
  );
}
