import { useMemo, useState } from 'react';
import { useQuery } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import type { RecordSpec } from './record-specs.ts';
import { SearchBox } from '../../components/SearchBox.tsx';

type Doc = Record<string, unknown>;

/** A searchable, virtualized list of one kind of record, with a button to add one. */
export function RecordListScreen({ spec, heading }: { spec: RecordSpec; heading?: boolean }) {
  const { docs, loading } = useQuery(spec.name, {});
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = (docs as Doc[]).filter(
      (d) => !needle || `${spec.primary(d)} ${spec.secondary(d)}`.toLowerCase().includes(needle),
    );
    return all.sort((a, b) => spec.sortKey(a).localeCompare(spec.sortKey(b)));
  }, [docs, q, spec]);

  return (
    <div className="page-list">
      <div className="page-head">
        {heading === false ? null : <h1>{spec.title}</h1>}
        <SearchBox label={`Search ${spec.title.toLowerCase()}`} value={q} onChange={setQ} />
        <Link className="btn btn-primary" href={`${spec.basePath}/new`}>
          + New {spec.singular}
        </Link>
      </div>
      <div className="vlist-count">{loading ? 'Loading…' : `${rows.length} ${spec.title.toLowerCase()}`}</div>
      <VirtualList
        label={spec.title}
        items={rows}
        rowHeight={76}
        getKey={(d) => String(d.id)}
        empty={loading ? 'Loading…' : q ? 'No match.' : `No ${spec.title.toLowerCase()} yet.`}
        renderRow={(d, style) => (
          <Link
            className="row"
            role="listitem"
            style={style}
            href={`${spec.basePath}/${encodeURIComponent(String(d.id))}`}
          >
            <div className="main">
              <div className="title">{spec.primary(d) || '(unnamed)'}</div>
              <div className="sub">{spec.secondary(d)}</div>
            </div>
            <div className="end">{spec.end(d)}</div>
          </Link>
        )}
      />
    </div>
  );
}
