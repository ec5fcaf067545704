import { useMemo, useState } from 'react';
import type { LedgerState, Spool, StockLevel } from '@printfloor/shared';
import { useLookup, useQuery } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { LevelBadge, StatusBadge } from '../../components/Badge.tsx';
import { Meter } from '../../components/Meter.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { formatGrams, formatPercent } from '../../format.ts';
import { useSpoolLedger } from './use-spool-ledger.ts';
import { useSpoolLedgers } from './use-spool-ledgers.ts';
import { SearchBox } from '../../components/SearchBox.tsx';

export const SPOOL_FILTERS = ['in use', 'low', 'loaded', 'empty', 'all'] as const;
export type SpoolFilter = (typeof SPOOL_FILTERS)[number];
const LABEL: Record<SpoolFilter, string> = {
  'in use': 'In use',
  low: 'Low stock',
  loaded: 'Loaded',
  empty: 'Empty',
  all: 'All',
};
const LOW: ReadonlySet<StockLevel> = new Set(['low', 'critical', 'empty']);

/** The list's filter: "in use" hides empty and disposed spools; "low" is low, critical or empty by the ledger. */
export function spoolMatches(
  s: Spool,
  level: StockLevel | undefined,
  filter: SpoolFilter,
  needle: string,
): boolean {
  if (filter === 'in use' && s.status !== 'active') return false;
  if (filter === 'low' && (s.status === 'disposed' || !LOW.has(level ?? 'ok'))) return false;
  if (filter === 'loaded' && s.loadedPrinterId === '') return false;
  if (filter === 'empty' && s.status === 'active' && level !== 'empty') return false;
  if (!needle) return true;
  return [s.code, s.material, s.colorName, s.brand, s.location, s.lot].some((x) =>
    x.toLowerCase().includes(needle),
  );
}

const byCode = new Intl.Collator().compare;

interface RowProps {
  spool: Spool;
  /** The ledger from the index; null while the index is still reading every movement. */
  indexed: LedgerState | null;
  where: string;
  style: { top: number; height: number };
}

/**
 * One spool row. Until the ledger index has loaded (it reads all movements once), the row folds its
 * own spool's ledger through an indexed query, so the first screenful shows exact grams at once.
 */
function SpoolRow({ spool: s, indexed, where, style }: RowProps) {
  const own = useSpoolLedger(indexed ? null : s);
  const l = indexed ?? own ?? undefined;
  return (
    <Link
      className={`row spool-row lvl-${l?.level ?? 'ok'}`}
      role="listitem"
      style={style}
      href={`/spools/${encodeURIComponent(s.id)}`}
      data-testid="spool-row"
      data-level={l?.level}
    >
      <Swatch hex={s.colorHex} size={44} label={s.colorName} />
      <div className="main">
        <div className="title">
          {s.code} · {s.material} {s.colorName}
        </div>
        <div className="sub">{[s.brand, where].filter(Boolean).join(' · ')}</div>
      </div>
      <div className="stock">
        <div data-testid="spool-remaining">
          {l ? formatGrams(l.remainingG) : '…'} · {l ? formatPercent(l.percent) : ''}
        </div>
        {l ? <Meter percent={l.percent} level={l.level} /> : null}
      </div>
      {s.status !== 'active' ? <StatusBadge status={s.status} /> : l ? <LevelBadge level={l.level} /> : null}
    </Link>
  );
}

/** Spools with what is left on them (the ledger's fold), colour, status and where they are. */
export function SpoolsScreen() {
  const { docs: spools, loading: spoolsLoading } = useQuery('spools', {});
  const printers = useLookup('printers');
  const { ledgers, version, failure } = useSpoolLedgers();
  const [filter, setFilter] = useState<SpoolFilter>('in use');
  const [q, setQ] = useState('');
  // Only the level filters wait for every ledger; the rest list at once (rows fold their own).
  const needsLevel = filter === 'low' || filter === 'empty';
  const loading = spoolsLoading || (needsLevel && version < 0 && failure === null);
  // Sorted once per change of the spools, not on every keystroke of the search.
  const sorted = useMemo(() => [...spools].sort((a, b) => byCode(a.code, b.code)), [spools]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    // The level is folded only where the filter needs it; each spool's fold is cached until its
    // ledger changes (version), so typing in the search does not refold anything.
    if (needsLevel && version < 0) return [];
    return sorted.filter((s) =>
      spoolMatches(s, needsLevel ? ledgers.get(s.id, s.netWeightG).level : undefined, filter, needle),
    );
    // `version` is the ledgers' change signal: the object stays, its contents move on.
  }, [sorted, ledgers, version, filter, needsLevel, q]);

  const where = (s: Spool) => {
    const printer = printers.get(s.loadedPrinterId);
    return printer
      ? `on ${printer.code}${s.loadedSlot ? ` ${s.loadedSlot}` : ''}`
      : s.loadedPrinterId
        ? 'on an unknown printer'
        : s.location;
  };
  return (
    <div className="page-list">
      <div className="page-head">
        <h1>Spools</h1>
        <SearchBox
          label="Search spools"
          placeholder="Search code, material, colour, place"
          value={q}
          onChange={setQ}
        />
        <Link className="btn btn-primary" href="/spools/new" data-testid="receive-spool">
          + Receive spool
        </Link>
      </div>
      <div className="chips" role="group" aria-label="Filter">
        {SPOOL_FILTERS.map((f) => (
          <button key={f} className="chip" aria-pressed={f === filter} onClick={() => setFilter(f)}>
            {LABEL[f]}
          </button>
        ))}
      </div>
      <div
        className="vlist-count"
        data-testid="spool-count"
        data-ledgers={version >= 0 ? 'ready' : 'loading'}
      >
        {failure
          ? `Could not read the spool ledgers: ${failure}`
          : loading
            ? 'Loading…'
            : `${rows.length} of ${spools.length} spools`}
      </div>
      <VirtualList
        label="Spools"
        items={rows}
        rowHeight={84}
        getKey={(s) => s.id}
        empty={
          loading
            ? 'Loading spools…'
            : spools.length === 0
              ? 'No spools on this tablet yet — receive one, or wait for the sync.'
              : 'No spool matches.'
        }
        renderRow={(s, style) => (
          <SpoolRow
            spool={s}
            indexed={version >= 0 ? ledgers.get(s.id, s.netWeightG) : null}
            where={where(s)}
            style={style}
          />
        )}
      />
    </div>
  );
}
