import { useEffect, useState, useSyncExternalStore } from 'react';
import { filter, merge, type Observable } from 'rxjs';
import type { CollectionName } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { ReportFeed, type FeedState, type ReportFeedOptions } from './report-feed.ts';

/**
 * A server report (`/api/manage/reports/…`) for a manager page, refreshed while tablets write:
 * any change to the `watch` collections — a document written or replicated into this browser's
 * database (every tab sees those), or the server's change stream naming the collection (covers a
 * write of this browser once its push lands) — pokes the feed, which refetches debounced. Also
 * refreshes every `refreshMs` (a sliding window moves with the clock) and when the browser is back
 * online. See report-feed.ts for the timing and fallback rules.
 */
export function useServerReport<T>(
  key: string,
  url: () => string,
  watch: readonly CollectionName[],
  opts: Omit<ReportFeedOptions<T>, 'fetch'> & { refreshMs?: number },
): FeedState<T> {
  const { client } = useApp();
  const [feed] = useState(() => new ReportFeed<T>(opts));
  const state = useSyncExternalStore(feed.subscribe, feed.getState);

  // `url` is rebuilt every render; the key names its parameters.
  useEffect(() => feed.setRequest(key, url), [feed, key]);
  useEffect(() => () => feed.stop(), [feed]);

  const watchKey = watch.join(',');
  useEffect(() => {
    const names = watchKey.split(',') as CollectionName[];
    const local: Observable<unknown>[] = names.map((n) => client.db.collections[n].$ as Observable<unknown>);
    const server = client.sync.stream.messages$.pipe(
      filter((m) => m === 'RESYNC' || names.includes(m.collection)),
    );
    const sub = merge(...local, server).subscribe(() => feed.poke());
    const online = () => feed.retryNow();
    globalThis.addEventListener?.('online', online);
    const tick = opts.refreshMs ? setInterval(() => feed.poke(), opts.refreshMs) : undefined;
    return () => {
      sub.unsubscribe();
      globalThis.removeEventListener?.('online', online);
      clearInterval(tick);
    };
  }, [client, feed, watchKey, opts.refreshMs]);

  return state;
}

/** The browser's IANA time zone: the server buckets days on the manager's wall clock. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
