import { useMemo } from 'react';
import { COLLECTIONS, SPOOL_STATUSES, foldSpoolLedger, type Spool } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { useDoc, useLookup, useQuery } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { LevelBadge } from '../../components/Badge.tsx';
import { EditForm } from '../../components/EditForm.tsx';
import type { FieldSpec } from '../../components/FieldInput.tsx';
import { Meter } from '../../components/Meter.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { toast } from '../../components/Toast.tsx';
import { formatGrams, formatPercent, humanize } from '../../format.ts';
import { savedMessage } from '../saved-message.ts';
import { LedgerList } from './LedgerList.tsx';
import { SpoolActions } from './SpoolActions.tsx';

const FIELDS: FieldSpec[] = [
  { key: 'material', label: 'Material', kind: 'text' },
  { key: 'colorName', label: 'Colour name', kind: 'text' },
  { key: 'colorHex', label: 'Colour', kind: 'color' },
  { key: 'brand', label: 'Brand', kind: 'text' },
  { key: 'diameterMm', label: 'Diameter', kind: 'number', unit: 'mm' },
  { key: 'netWeightG', label: 'Net weight when new', kind: 'number', unit: 'g' },
  { key: 'tareWeightG', label: 'Empty spool weight', kind: 'number', unit: 'g' },
  { key: 'lot', label: 'Lot', kind: 'text' },
  { key: 'location', label: 'Location', kind: 'text' },
  {
    key: 'status',
    label: 'Status',
    kind: 'select',
    options: SPOOL_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
  },
  { key: 'notes', label: 'Notes', kind: 'textarea' },
];

/** One spool: what is left (the ledger's fold), record consumption or a weigh-in, the full ledger. */
export function SpoolScreen({ id }: { id: string }) {
  const { client } = useApp();
  const spool = useDoc('spools', id);
  const { docs: moves } = useQuery('spool_movements', { selector: { spoolId: id } });
  const printers = useLookup('printers');
  const ledger = useMemo(() => (spool ? foldSpoolLedger(moves, spool.netWeightG) : null), [moves, spool]);

  if (spool === undefined) return <p className="page empty">Loading…</p>;
  if (spool === null || !ledger) {
    return (
      <div className="page">
        <Link className="btn" href="/spools">
          ← Spools
        </Link>
        <p className="empty">This spool is not on this tablet (yet). It appears here once it has synced.</p>
      </div>
    );
  }
  const printer = printers.get(spool.loadedPrinterId);
  return (
    <div className="page" data-testid="spool">
      <div className="page-head">
        <Link className="btn" href="/spools">
          ← Spools
        </Link>
        <Swatch hex={spool.colorHex} size={48} label={spool.colorName} />
        <h1>
          {spool.code} · {spool.material} {spool.colorName}
        </h1>
        <LevelBadge level={ledger.level} />
      </div>
      <div className="card" style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'center' }}>
        <div>
          <div className="big-number" data-testid="remaining">
            {formatGrams(ledger.remainingG)}
          </div>
          <div className="muted">
            {formatPercent(ledger.percent)} of {formatGrams(spool.netWeightG)}
            {ledger.estimated ? ' · estimated since last weigh-in' : ''}
          </div>
        </div>
        <div style={{ flex: '1 1 220px' }}>
          <Meter percent={ledger.percent} level={ledger.level} />
        </div>
        <dl className="kv" style={{ flex: '2 1 320px' }}>
          <div>
            <dt>Where</dt>
            <dd>{printer ? `${printer.code} ${spool.loadedSlot}` : spool.location || '—'}</dd>
          </div>
          <div>
            <dt>Brand</dt>
            <dd>{spool.brand || '—'}</dd>
          </div>
          <div>
            <dt>Empty spool</dt>
            <dd>{formatGrams(spool.tareWeightG)}</dd>
          </div>
        </dl>
      </div>
      <SpoolActions spool={spool} />
      <h2>Ledger</h2>
      <LedgerList movements={ledger.movements} />
      <h2>Edit spool</h2>
      <div className="card">
        <EditForm<Spool>
          fields={FIELDS}
          value={spool}
          schema={COLLECTIONS.spools.schema}
          onSave={async (patch) => {
            await client.writer.patch('spools', spool.id, patch);
            toast(savedMessage());
          }}
        />
      </div>
    </div>
  );
}
