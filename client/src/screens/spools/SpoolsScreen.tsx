import { useMemo, useState } from 'react';
import type { StockLevel } from '@printfloor/shared';
import { useLookup, useQuery } from '../../hooks/use-query.ts';
import { Link } from '../../components/Link.tsx';
import { LevelBadge } from '../../components/Badge.tsx';
import { Meter } from '../../components/Meter.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { formatGrams, formatPercent, humanize } from '../../format.ts';
import { useSpoolLedgers } from './use-spool-ledgers.ts';

const FILTERS = ['all', 'low', 'loaded'] as const;
type Filter = (typeof FILTERS)[number];
const LOW: ReadonlySet<StockLevel> = new Set(['low', 'critical', 'empty']);

/** Spools with what is left on them (the ledger's fold), colour, and where they are. */
export function SpoolsScreen() {
  const { docs: spools, loading } = useQuery('spools', {});
  const printers = useLookup('printers');
  const nets = useMemo(() => new Map(spools.map((s) => [s.id, s.netWeightG])), [spools]);
  const ledgers = useSpoolLedgers(nets);
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return spools
      .filter((s) => s.status !== 'disposed' || filter === 'all')
      .filter((s) => filter !== 'low' || LOW.has(ledgers.get(s.id)?.level ?? 'ok'))
      .filter((s) => filter !== 'loaded' || s.loadedPrinterId !== '')
      .filter(
        (s) =>
          !needle ||
          [s.code, s.material, s.colorName, s.brand, s.location].some((x) =>
            x.toLowerCase().includes(needle),
          ),
      )
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [spools, ledgers, filter, q]);

  return (
    <div className="page-list">
      <div className="page-head">
        <h1>Spools</h1>
        <input
          className="search"
          type="search"
          placeholder="Search spools"
          aria-label="Search spools"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <div className="chips" role="group" aria-label="Filter">
          {FILTERS.map((f) => (
            <button key={f} className="chip" aria-pressed={f === filter} onClick={() => setFilter(f)}>
              {f === 'low' ? 'Low stock' : humanize(f)}
            </button>
          ))}
        </div>
      </div>
      <div className="vlist-count">{loading ? 'Loading…' : `${rows.length} of ${spools.length} spools`}</div>
      <VirtualList
        label="Spools"
        items={rows}
        rowHeight={84}
        getKey={(s) => s.id}
        empty={
          loading
            ? 'Loading…'
            : spools.length === 0
              ? 'No spools on this tablet yet — they appear as they sync.'
              : 'No match.'
        }
        renderRow={(s, style) => {
          const l = ledgers.get(s.id);
          const printer = printers.get(s.loadedPrinterId);
          return (
            <Link
              className="row"
              role="listitem"
              style={style}
              href={`/spools/${encodeURIComponent(s.id)}`}
              data-testid="spool-row"
            >
              <Swatch hex={s.colorHex} size={44} label={s.colorName} />
              <div className="main">
                <div className="title">
                  {s.code} · {s.material} {s.colorName}
                </div>
                <div className="sub">
                  {[
                    s.brand,
                    printer ? `on ${printer.code}${s.loadedSlot ? ` ${s.loadedSlot}` : ''}` : s.location,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </div>
              <div className="stock">
                <div data-testid="spool-remaining">
                  {l ? formatGrams(l.remainingG) : '—'} · {l ? formatPercent(l.percent) : ''}
                </div>
                {l ? <Meter percent={l.percent} level={l.level} /> : null}
              </div>
              {l ? <LevelBadge level={l.level} /> : null}
            </Link>
          );
        }}
      />
    </div>
  );
}
