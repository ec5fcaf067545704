import { useApp } from '../app/client-context.ts';
import { useObservable } from '../hooks/use-observable.ts';
import type { JournalEntry } from '../data/journal-schema.ts';
import type { SyncStatus } from '../data/sync-status.ts';
import { formatAgo } from '../format.ts';
import { StoragePanel } from '../pwa/StoragePanel.tsx';

function Entries({
  title,
  entries,
  onDismiss,
}: {
  title: string;
  entries: JournalEntry[];
  onDismiss: (id: string) => void;
}) {
  return (
    <>
      <h2>{title}</h2>
      {entries.length === 0 ? <p className="muted">None.</p> : null}
      {entries.map((e) => (
        <div className="card" key={e.id} data-testid="journal-entry">
          <strong>
            {e.collectionName} · {e.docId.slice(0, 12)}
          </strong>{' '}
          <span className="muted">{formatAgo(e.at)}</span>
          <p style={{ margin: '6px 0' }}>{e.summary}</p>
          <button className="btn" onClick={() => onDismiss(e.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </>
  );
}

/** Sync details: connection, what is waiting, what the server refused, which edits clashed. */
export function SyncScreen() {
  const { client, session, signOut } = useApp();
  const status = useObservable<SyncStatus | null>(() => client.sync.status$, null, [client]);
  const rejected = useObservable<JournalEntry[]>(() => client.journal.open$('rejected'), [], [client]);
  const clashes = useObservable<JournalEntry[]>(() => client.journal.open$('clash'), [], [client]);
  const dismiss = (id: string) => void client.journal.dismiss(id);

  return (
    <div className="page">
      <h1>Sync</h1>
      <div className="card">
        <dl className="kv">
          <div>
            <dt>Connection</dt>
            <dd>
              {status
                ? status.online
                  ? status.streamConnected
                    ? 'Online, live'
                    : 'Online'
                  : 'Offline'
                : '…'}
            </dd>
          </div>
          <div>
            <dt>Edits waiting</dt>
            <dd data-testid="pending-count">{status?.pending ?? '…'}</dd>
          </div>
          <div>
            <dt>Last synced</dt>
            <dd>{status?.lastSyncedAt ? formatAgo(status.lastSyncedAt) : 'never'}</dd>
          </div>
          <div>
            <dt>Shop</dt>
            <dd>{session.tenant.name}</dd>
          </div>
          <div>
            <dt>This tablet</dt>
            <dd>{session.device.name}</dd>
          </div>
        </dl>
        {status?.lastFailure ? (
          <p className="field-error">
            Last problem: {status.lastFailure.message} ({status.lastFailure.code},{' '}
            {status.lastFailure.collection}) — retried automatically.
          </p>
        ) : null}
      </div>
      <Entries title="Refused by the server" entries={rejected} onDismiss={dismiss} />
      <Entries title="Edited on two devices (merged)" entries={clashes} onDismiss={dismiss} />
      {/* Issue 9: persistent storage, space used, edits waiting (listed), app version and updates. */}
      <StoragePanel client={client} />
      <h2>Device</h2>
      <button
        className="btn btn-danger"
        onClick={() => {
          if (
            status &&
            status.pending > 0 &&
            !confirm(`${status.pending} edits have not synced yet. They stay on this tablet. Continue?`)
          )
            return;
          signOut();
        }}
      >
        Enrol again
      </button>
    </div>
  );
}
