import { COLLECTIONS, SPOOL_STATUSES, type Spool } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { useDoc } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { LevelBadge, StatusBadge } from '../../components/Badge.tsx';
import { EditForm } from '../../components/EditForm.tsx';
import type { FieldSpec } from '../../components/FieldInput.tsx';
import { Meter } from '../../components/Meter.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { toast } from '../../components/Toast.tsx';
import { formatDateTime, formatGrams, formatPercent, humanize } from '../../format.ts';
import { useOperator } from '../../hooks/use-floor.ts';
import { savedMessage } from '../saved-message.ts';
import { LedgerList } from './LedgerList.tsx';
import { SpoolActions } from './SpoolActions.tsx';
import { useSpoolLedger } from './use-spool-ledger.ts';
import { NotOnTablet } from '../../components/NotOnTablet.tsx';

const FIELDS: FieldSpec[] = [
  { key: 'material', label: 'Material', kind: 'text' },
  { key: 'colorName', label: 'Colour name', kind: 'text' },
  { key: 'colorHex', label: 'Colour', kind: 'color' },
  { key: 'brand', label: 'Brand', kind: 'text' },
  { key: 'diameterMm', label: 'Diameter', kind: 'number', unit: 'mm' },
  { key: 'netWeightG', label: 'Net weight when new', kind: 'number', unit: 'g' },
  { key: 'tareWeightG', label: 'Empty spool weight', kind: 'number', unit: 'g' },
  { key: 'lot', label: 'Lot', kind: 'text' },
  {
    key: 'status',
    label: 'Status',
    kind: 'select',
    options: SPOOL_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
  },
  { key: 'notes', label: 'Notes', kind: 'textarea' },
];

function Where({ spool }: { spool: Spool }) {
  const printer = useDoc('printers', spool.loadedPrinterId);
  if (!spool.loadedPrinterId) return <>{spool.location || '—'}</>;
  return (
    <Link href={`/printers/${encodeURIComponent(spool.loadedPrinterId)}`}>
      on {printer ? printer.code : 'unknown printer'}
      {spool.loadedSlot ? ` · ${spool.loadedSlot}` : ''}
    </Link>
  );
}

/** One spool: what is left (the ledger's fold), what to do with it, and the full ledger. */
export function SpoolScreen({ id }: { id: string }) {
  const { client } = useApp();
  const operator = useOperator();
  const spool = useDoc('spools', id);
  const ledger = useSpoolLedger(spool ?? null);

  if (!spool)
    return <NotOnTablet loading={spool === undefined} what="spool" back="/spools" backLabel="Spools" />;
  return (
    <div className="page" data-testid="spool">
      <div className="page-head">
        <Link className="btn" href="/spools">
          ← Spools
        </Link>
        <Swatch hex={spool.colorHex} size={56} label={spool.colorName} />
        <h1>
          {spool.code} · {spool.material} {spool.colorName}
        </h1>
        {spool.status !== 'active' ? <StatusBadge status={spool.status} /> : null}
        {ledger ? <LevelBadge level={ledger.level} /> : null}
      </div>
      <div className={`card spool-hero lvl-${ledger?.level ?? 'ok'}`}>
        <div>
          <div className="big-number" data-testid="remaining">
            {ledger ? formatGrams(ledger.remainingG) : '…'}
          </div>
          <div className="muted">
            {ledger ? `${formatPercent(ledger.percent)} of ${formatGrams(spool.netWeightG)}` : ''}
            {ledger?.estimated ? ' · estimated since the last weigh-in' : ''}
          </div>
        </div>
        <div className="spool-meter">
          {ledger ? <Meter percent={ledger.percent} level={ledger.level} /> : null}
        </div>
        <dl className="kv">
          <div>
            <dt>Where</dt>
            <dd data-testid="spool-where">
              <Where spool={spool} />
            </dd>
          </div>
          <div>
            <dt>Brand</dt>
            <dd>{spool.brand || '—'}</dd>
          </div>
          <div>
            <dt>Empty spool</dt>
            <dd>{formatGrams(spool.tareWeightG)}</dd>
          </div>
          <div>
            <dt>Last weighed</dt>
            <dd>{ledger?.lastWeighInAt ? formatDateTime(ledger.lastWeighInAt) : 'never'}</dd>
          </div>
        </dl>
      </div>
      {ledger ? <SpoolActions spool={spool} ledger={ledger} /> : null}
      <h2>Ledger</h2>
      <LedgerList movements={ledger?.movements ?? []} />
      {operator.lead ? (
        <details className="card">
          <summary className="btn">Edit spool details (lead)</summary>
          <EditForm<Spool>
            fields={FIELDS}
            value={spool}
            schema={COLLECTIONS.spools.schema}
            onSave={async (patch) => {
              await client.writer.patch('spools', spool.id, patch);
              toast(savedMessage());
            }}
          />
        </details>
      ) : null}
    </div>
  );
}
