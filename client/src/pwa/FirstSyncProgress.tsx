import { useEffect, useMemo, useState } from 'react';
import { auditTime, combineLatest, map } from 'rxjs';
import { COLLECTION_NAMES } from '@printfloor/shared';
import type { PrintfloorClient } from '../data/client.ts';
import type { SyncStatus } from '../data/sync-status.ts';
import { useObservable } from '../hooks/use-observable.ts';
import { fetchServerCounts, firstSyncProgress } from './first-sync.ts';

const doneKey = (db: string) => `printfloor.firstSyncDone.${db}`;
/** Without server totals, the first sync counts as done once the indicator stays "synced" this long. */
const SETTLE_MS = 2000;

/**
 * A new tablet's first sync: documents so far of the total, per collection, above every screen
 * until the first full sync has finished once on this tablet (remembered per database). The screens
 * stay usable meanwhile: each shows what has arrived.
 */
export function FirstSyncProgress({
  client,
  status,
}: {
  client: PrintfloorClient;
  status: SyncStatus | null;
}) {
  const key = doneKey(client.db.name);
  const [done, setDone] = useState(() => localStorage.getItem(key) === '1');
  const [totals, setTotals] = useState<Record<string, number> | null>(null);
  const local = useObservable<Record<string, number>>(
    () =>
      done
        ? null
        : combineLatest(COLLECTION_NAMES.map((n) => client.db.collections[n].count().$)).pipe(
            auditTime(300),
            map((counts) => Object.fromEntries(COLLECTION_NAMES.map((n, i) => [n, counts[i] ?? 0]))),
          ),
    {},
    [client, done],
  );
  const progress = useMemo(() => firstSyncProgress(COLLECTION_NAMES, local, totals), [local, totals]);

  useEffect(() => {
    if (done) return;
    void fetchServerCounts((p) => client.api.request(p)).then(setTotals);
  }, [client, done, status?.online]);

  const settled = status?.state === 'synced' && status.lastSyncedAt !== null;
  useEffect(() => {
    if (done) return;
    const finish = () => {
      localStorage.setItem(key, '1');
      setDone(true);
    };
    if (progress.complete && settled) return finish();
    if (totals === null && settled) {
      const t = setTimeout(finish, SETTLE_MS);
      return () => clearTimeout(t);
    }
  }, [done, progress.complete, settled, totals, key]);

  if (done || status?.state === 'standby') return null;
  const have = progress.rows.reduce((s, r) => s + r.have, 0);
  return (
    <section className="first-sync" role="status" aria-live="polite" data-testid="first-sync">
      <strong>
        First sync: {have.toLocaleString()}
        {progress.share !== null
          ? ` of ${progress.rows.reduce((s, r) => s + (r.total ?? 0), 0).toLocaleString()} documents (${Math.floor(progress.share * 100)} %)`
          : ' documents so far'}
        {status?.state === 'offline' ? ' — paused, no network' : ''}
      </strong>
      <ul>
        {progress.rows.map((r) => (
          <li
            key={r.name}
            data-testid="first-sync-row"
            data-collection={r.name}
            data-have={r.have}
            data-total={r.total ?? ''}
            data-done={r.total !== null && r.have >= r.total}
          >
            {r.name.replace(/_/g, ' ')} {r.have.toLocaleString()}
            {r.total !== null ? ` / ${r.total.toLocaleString()}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
