import { useState, type FormEvent } from 'react';
import type { Spool } from '@printfloor/shared';
import { Link } from '../../components/Link.tsx';
import { LevelBadge } from '../../components/Badge.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { formatGrams, formatPercent } from '../../format.ts';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';
import { useQuery } from '../../hooks/use-query.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { useSpoolLedger } from '../spools/use-spool-ledger.ts';
import { ScanToLoadButton } from '../../scan/ScanToLoadButton.tsx';
import { spoolUseFieldId } from './use-station-scans.ts';

/** A loaded spool: colour, code, what is left; with a running step, "record use" against it. */
function LoadedSpool({ spool, step }: { spool: Spool; step: FloorStep | null }) {
  const { commands } = useFloor();
  const operator = useOperator();
  const ledger = useSpoolLedger(spool);
  const [grams, setGrams] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onUse = async (e: FormEvent) => {
    e.preventDefault();
    const g = Number(grams.trim().replace(',', '.'));
    if (!(g > 0)) return setError('Enter the grams used.');
    setError(null);
    await commands.consume(spool, g, {
      workOrderId: step?.wo.id ?? '',
      operationId: step?.op.id ?? '',
      printerId: spool.loadedPrinterId,
      slot: spool.loadedSlot,
    });
    setGrams('');
  };

  return (
    <li
      className={`loaded-spool lvl-${ledger?.level ?? 'ok'}`}
      data-testid="loaded-spool"
      data-code={spool.code}
    >
      <Link className="loaded-spool-main" href={`/spools/${encodeURIComponent(spool.id)}`}>
        <Swatch hex={spool.colorHex} size={44} label={spool.colorName} />
        <span>
          <strong>
            {spool.loadedSlot ? `${spool.loadedSlot} · ` : ''}
            {spool.code}
          </strong>
          <small>
            {spool.material} {spool.colorName}
          </small>
        </span>
        <span className="loaded-spool-grams" data-testid="loaded-remaining">
          {ledger ? `${formatGrams(ledger.remainingG)} · ${formatPercent(ledger.percent)}` : '…'}
        </span>
        {ledger ? <LevelBadge level={ledger.level} /> : null}
      </Link>
      {step && operator.personId ? (
        <form className="inline-form" onSubmit={(e) => void onUse(e)} data-testid="use-form">
          <label className="field">
            Used for {step.op.code} (g)
            <input
              id={spoolUseFieldId(spool.id)}
              inputMode="decimal"
              value={grams}
              onChange={(e) => setGrams(e.target.value)}
              placeholder="e.g. 42"
            />
          </label>
          <button className="btn btn-primary" type="submit">
            Record use
          </button>
          {error ? <span className="field-error">{error}</span> : null}
        </form>
      ) : null}
    </li>
  );
}

/** The spools loaded on a printer; consumption is recorded against `step` (the one running there). */
export function LoadedSpools({ printerId, step }: { printerId: string; step: FloorStep | null }) {
  const { docs, loading } = useQuery('spools', { selector: { loadedPrinterId: printerId } });
  const sorted = [...docs].sort((a, b) => a.loadedSlot.localeCompare(b.loadedSlot));
  return (
    <section className="loaded" aria-label="Loaded spools">
      <h3>Loaded filament</h3>
      <ScanToLoadButton printerId={printerId} />
      {loading ? <p className="muted">Loading…</p> : null}
      {!loading && sorted.length === 0 ? (
        <p className="notice">
          No spool loaded on this printer. <Link href="/spools">Load one from Spools</Link>.
        </p>
      ) : null}
      <ul className="loaded-list">
        {sorted.map((s) => (
          <LoadedSpool key={s.id} spool={s} step={step} />
        ))}
      </ul>
    </section>
  );
}
