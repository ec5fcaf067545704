import { useEffect, useState, useSyncExternalStore } from 'react';
import { map } from 'rxjs';
import type { PrintfloorClient } from '../data/client.ts';
import { JOURNAL_COLLECTION, type JournalEntry } from '../data/journal-schema.ts';
import { useObservable } from '../hooks/use-observable.ts';
import { getPwa } from './register.ts';
import {
  formatBytes,
  readStorageInfo,
  requestPersistence,
  usedShare,
  type StorageInfo,
} from './storage-info.ts';
import { onStorageFull, storageFullCount } from './storage-errors.ts';
import './pwa.css';

const PERSIST_TEXT: Record<StorageInfo['persist'], string> = {
  persistent: 'Kept — the browser will not clear this tablet’s data to free space',
  'best-effort':
    'Not guaranteed — the browser may clear data under storage pressure (install the app, then ask again)',
  unsupported: 'Unknown — this browser does not say (an http:// address on the LAN disables it: use HTTPS)',
};

const BUILD: string =
  (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_PRINTFLOOR_BUILD ?? 'dev';

/** Edits not yet acknowledged by the server, newest first (read from the sync journal). */
function usePendingList(client: PrintfloorClient, open: boolean): JournalEntry[] {
  return useObservable<JournalEntry[]>(
    () =>
      open
        ? client.db.collections[JOURNAL_COLLECTION].find({
            selector: { kind: 'pending' },
            sort: [{ at: 'desc' }],
            limit: 500,
          }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as JournalEntry)))
        : null,
    [],
    [client, open],
  );
}

function PendingEdits({ client }: { client: PrintfloorClient }) {
  const [open, setOpen] = useState(false);
  const count = useObservable<number>(() => client.journal.pendingCount$(), 0, [client]);
  const list = usePendingList(client, open);
  return (
    <div data-testid="pending-edits">
      <p>
        <strong data-testid="pending-total">{count}</strong> {count === 1 ? 'edit' : 'edits'} waiting to sync{' '}
        {count > 0 ? (
          <button className="btn" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? 'Hide the list' : 'Show the list'}
          </button>
        ) : null}
      </p>
      {open ? (
        <ul className="pending-list" data-testid="pending-list">
          {list.map((e) => (
            <li key={e.id} data-testid="pending-item">
              <span>{e.collectionName.replace(/_/g, ' ')}</span>
              <code>{e.docId.slice(0, 12)}</code>
              <span className="muted">{new Date(e.at).toLocaleString()}</span>
            </li>
          ))}
          {count > list.length ? <li className="muted">… and {count - list.length} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Settings → storage and app: whether the browser keeps this tablet's data (persistent storage),
 * how much space it uses of its quota, the edits waiting to sync (listed on request), storage-full
 * failures, and the app version with its update state. Mounted on the sync screen.
 */
export function StoragePanel({ client }: { client: PrintfloorClient }) {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { updates } = getPwa();
  const update = useSyncExternalStore(updates.subscribe, updates.getState);
  const [fullCount, setFullCount] = useState(storageFullCount);
  const pending = useObservable<number>(() => client.journal.pendingCount$(), 0, [client]);

  useEffect(() => onStorageFull(setFullCount), []);
  useEffect(() => {
    let live = true;
    void readStorageInfo().then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
    // `pending` re-reads the estimate as the local data grows.
  }, [refresh, pending]);

  const share = info ? usedShare(info) : null;
  return (
    <section className="card" data-testid="storage-panel">
      <h2>Storage and app</h2>
      <dl className="kv">
        <div>
          <dt>Data kept</dt>
          <dd data-testid="persist-state" data-state={info?.persist ?? ''}>
            {info ? PERSIST_TEXT[info.persist] : '…'}
          </dd>
        </div>
        <div>
          <dt>Space used</dt>
          <dd data-testid="storage-usage">
            {info?.usage != null && info.quota
              ? `${formatBytes(info.usage)} of ${formatBytes(info.quota)} available to the app`
              : 'unknown'}
          </dd>
        </div>
        <div>
          <dt>App version</dt>
          <dd data-testid="app-version">
            {BUILD}
            {update.phase === 'ready' ? ' — update ready' : ''}
            {update.offlineReady ? ' · works offline' : ''}
          </dd>
        </div>
      </dl>
      {share !== null ? (
        <div
          className="storage-meter"
          data-high={share > 0.9}
          aria-label={`${Math.round(share * 100)} % used`}
        >
          <span style={{ width: `${Math.max(1, share * 100)}%` }} />
        </div>
      ) : null}
      {share !== null && share > 0.9 ? (
        <p className="field-error" role="alert">
          Storage is almost full. Sync soon and free space on the tablet, or new edits may be refused.
        </p>
      ) : null}
      {fullCount > 0 ? (
        <p className="field-error" role="alert" data-testid="storage-full-count">
          {fullCount} {fullCount === 1 ? 'edit was' : 'edits were'} refused because storage was full (not
          saved; retry them after freeing space).
        </p>
      ) : null}
      <PendingEdits client={client} />
      <div className="btn-row">
        {info?.persist === 'best-effort' ? (
          <button
            className="btn"
            onClick={() => void requestPersistence().then(() => setRefresh((n) => n + 1))}
            data-testid="persist-request"
          >
            Ask to keep the data
          </button>
        ) : null}
        <button className="btn" onClick={() => void updates.check()}>
          Check for an update
        </button>
      </div>
    </section>
  );
}
