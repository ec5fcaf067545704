import { useMemo, useState } from 'react';
import { isQrKind, type QrKind } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { navigate } from '../../app/router.ts';
import { Link } from '../../components/Link.tsx';
import { toast } from '../../components/Toast.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { useOperator } from '../../hooks/use-floor.ts';
import { useQuery } from '../../hooks/use-query.ts';
import { KIND_LABEL, type ScanRecord } from '../../scan/dispatch.ts';
import { recordPath } from '../../scan/record-path.ts';
import { KIND_TARGETS, createRxScanLookups, toScanRecord } from '../../scan/rx-lookups.ts';
import '../../scan/scanner.css';
import { SearchBox } from '../../components/SearchBox.tsx';

type Doc = Record<string, unknown>;
type BindKind = Exclude<QrKind, 'op'>;

/**
 * `/bind/<kind>/<code>`: put a scanned, unused label (pre-printed stock) on a record that exists —
 * a spool whose label tore, a printer or part labelled for the first time. The operator picks the
 * record, confirms, and the label's code replaces the record's code (a badge code for a person).
 * The old label stops working, which the confirmation says. Badges are a lead's job.
 */
export function BindScreen({ kind, code }: { kind: string; code: string }) {
  if (!isQrKind(kind) || kind === 'op') {
    return (
      <div className="page">
        <h1>Nothing to bind</h1>
        <p className="notice">Labels of kind “{kind}” cannot be put on a record.</p>
        <Link className="btn" href="/">
          Home
        </Link>
      </div>
    );
  }
  return <BindPicker kind={kind} code={code} />;
}

function BindPicker({ kind, code }: { kind: BindKind; code: string }) {
  const { client } = useApp();
  const operator = useOperator();
  const target = KIND_TARGETS[kind];
  const { docs, loading } = useQuery(target.collection, {});
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<ScanRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = KIND_LABEL[kind];

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (docs as Doc[])
      .map((d) => toScanRecord(kind, d))
      .filter((r) => !needle || `${r.code} ${r.title}`.toLowerCase().includes(needle))
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [docs, q, kind]);

  const here = `/bind/${kind}/${encodeURIComponent(code)}`;
  if (!operator.personId || (kind === 'person' && !operator.lead)) {
    return (
      <div className="page" data-testid="bind-screen">
        <h1>Label {code}</h1>
        <p className="notice" role="alert">
          {kind === 'person'
            ? 'Only a lead puts a badge on a person. Ask your lead to scan the badge.'
            : 'Sign in first: the record keeps who relabelled it.'}{' '}
          <Link href={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link>
        </p>
      </div>
    );
  }

  const confirm = async (r: ScanRecord) => {
    setBusy(true);
    setProblem(null);
    try {
      // Another tablet may have used the label since the scan: never take a code from a live record.
      const owner = await createRxScanLookups(client.db).findRecord(kind, code);
      if (owner && owner.id !== r.id) {
        setProblem(
          owner.deleted
            ? `Label ${code} belonged to a deleted ${label}: use a fresh label.`
            : `Label ${code} is already on ${owner.code} ${owner.title}. Nothing was changed.`,
        );
        return;
      }
      // The patch type is per collection; the field is the label field KIND_TARGETS names for it.
      await client.writer.patch(target.collection as 'spools', r.id, { [target.field]: code });
      toast(`Label ${code} now opens ${label} ${r.title || r.code}`);
      navigate(recordPath({ ...r, code }) ?? '/', { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-list" data-testid="bind-screen">
      <div className="page-head">
        <h1>
          Put label <span className="code-chip">{code}</span> on which {label}?
        </h1>
        <SearchBox label={`Search ${label}s`} value={q} onChange={setQ} />
        <button className="btn" type="button" onClick={() => history.back()}>
          Cancel
        </button>
      </div>
      {chosen ? (
        <div
          className="card bind-confirm"
          role="dialog"
          aria-label="Confirm the label"
          data-testid="bind-confirm"
        >
          <p>
            Put label <strong>{code}</strong> on {label} <strong>{chosen.title || chosen.code}</strong>?
            {chosen.code ? ` Its old label ${chosen.code} will stop working.` : ''}
          </p>
          {problem ? (
            <p className="notice" role="alert" data-testid="bind-problem">
              {problem}
            </p>
          ) : null}
          <div className="actions">
            <button
              className="btn btn-primary btn-big"
              type="button"
              disabled={busy}
              data-testid="bind-confirm-yes"
              onClick={() => void confirm(chosen)}
            >
              Put the label on it
            </button>
            <button className="btn btn-big" type="button" onClick={() => setChosen(null)}>
              Back
            </button>
          </div>
        </div>
      ) : null}
      <div className="vlist-count">{loading ? 'Loading…' : `${rows.length} ${label}s`}</div>
      <VirtualList
        label={`${label}s`}
        items={rows}
        rowHeight={76}
        getKey={(r) => r.id}
        empty={loading ? 'Loading…' : q ? 'No match.' : `No ${label}s on this tablet yet.`}
        renderRow={(r, style) => (
          <button
            type="button"
            className="row bind-row"
            role="listitem"
            style={style}
            data-testid="bind-row"
            data-code={r.code}
            onClick={() => setChosen(r)}
          >
            <div className="main">
              <div className="title">{r.code || '(no code)'}</div>
              <div className="sub">{r.title}</div>
            </div>
            <div className="end">Choose</div>
          </button>
        )}
      />
    </div>
  );
}
