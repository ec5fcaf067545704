import { useSyncExternalStore } from 'react';
import { useApp } from './client-context.ts';
import { usePath } from './router.ts';
import { Link } from '../components/Link.tsx';
import { SyncIndicator } from '../components/SyncIndicator.tsx';
import { ToastHost, toast } from '../components/Toast.tsx';
import { UndoBar } from '../components/UndoBar.tsx';
import { Icon } from '../components/Icon.tsx';
import { useObservable } from '../hooks/use-observable.ts';
import { sharedSyncStatus } from '../pwa/shared-status.ts';
import { FirstSyncProgress } from '../pwa/FirstSyncProgress.tsx';
import { useFloor, useStation } from '../hooks/use-floor.ts';
import { useQuery } from '../hooks/use-query.ts';
import type { SyncStatus } from '../data/sync-status.ts';
import { OperatorMenu } from '../screens/operator/OperatorMenu.tsx';
import { findByBadge } from '../screens/operator/sign-in.ts';
import { useAppScanner } from '../scan/use-app-scanner.ts';
import { AppScanOffer } from '../scan/AppScanOffer.tsx';
import { useScanTarget } from '../scan/scan-targets.ts';
import { Routes } from './Routes.tsx';

const NAV = [
  { href: '/', label: 'Station', match: (p: string) => p === '/' || p.startsWith('/station') },
  { href: '/work-orders', label: 'Work orders', short: 'Orders' },
  { href: '/spools', label: 'Spools' },
  { href: '/printers', label: 'Printers' },
  { href: '/parts', label: 'Parts', wide: true },
  { href: '/reference', label: 'More' },
  // Manager view (issue 6); wide screens only: managers sit at desks and wall screens.
  { href: '/manage', label: 'Manage', wide: true },
] as const;

/** Above the shell's "open the record" fallback, below any screen's own target-first flow. */
const BADGE_PRIORITY = 5;

function SyncBanner({ status }: { status: SyncStatus | null }) {
  if (!status) return null;
  const problems: string[] = [];
  if (status.state === 'blocked')
    problems.push(`Sync blocked: ${status.lastFailure?.message ?? 'refused by the server'}`);
  if (status.rejected > 0) problems.push(`${status.rejected} edit(s) refused by the server`);
  if (status.clashes > 0) problems.push(`${status.clashes} edit clash(es) resolved automatically`);
  if (problems.length === 0) return null;
  return (
    <div className="banner" role="alert" data-testid="sync-banner">
      <span>{problems.join(' · ')}</span>
      <Link className="btn" href="/sync">
        Review
      </Link>
    </div>
  );
}

/** A badge scanned anywhere signs that person in (issue 4: scan a badge to switch operator). */
function useBadgeSwitch() {
  const { operators } = useFloor();
  const { docs: people } = useQuery('people', { selector: { active: true } });
  useScanTarget(
    (text) => {
      const person = findByBadge(people, text);
      if (!person) return false;
      operators.signIn(person.id, 'badge');
      toast(`${person.displayName} signed in`);
      return true;
    },
    { priority: BADGE_PRIORITY },
  );
}

/** The station this tablet is bound to, on every screen; a tap opens the station setup. */
function StationChip() {
  const station = useStation();
  return (
    <Link className={`chip-top ${station ? '' : 'chip-warn'}`} href="/station" data-testid="station-chip">
      <Icon name="station" />
      <span>
        {station ? station.label : 'No station'}
        <small>
          {station ? (station.ref.kind === 'printer' ? 'printer station' : 'bench station') : 'tap to set up'}
        </small>
      </span>
    </Link>
  );
}

/** The frame of every screen: where and who, the sync indicator, the sections, undo and scans. */
export function AppShell() {
  const { client, session } = useApp();
  const path = usePath();
  // Issue 9: a tab that does not replicate shows the replicating tab's state (client/src/pwa/shared-status.ts).
  const status = useObservable<SyncStatus | null>(
    () => sharedSyncStatus({ status$: client.sync.status$, channelName: client.db.name }),
    null,
    [client],
  );
  const { offer, dismissOffer } = useAppScanner();
  const { undo } = useFloor();
  const undoOpen = useSyncExternalStore(undo.latest.subscribe, undo.latest.get) !== null;
  useBadgeSwitch();
  return (
    <div className={`shell${undoOpen ? ' has-undo' : ''}`}>
      <header className="topbar">
        <div className="brand" title={`${session.tenant.name} · ${session.device.name}`}>
          <img src="/favicon.svg" alt="Printfloor" />
        </div>
        <StationChip />
        <OperatorMenu />
        <span className="spacer" />
        <Link className="chip-top scan-btn" href="/scan" aria-label="Scan a label">
          <Icon name="scan" /> <span className="scan-label">Scan</span>
        </Link>
        <SyncIndicator status={status} />
      </header>
      <nav className="nav" aria-label="Sections">
        {NAV.map((n) => {
          const current = 'match' in n ? n.match(path) : path.startsWith(n.href);
          return (
            <Link
              key={n.href}
              href={n.href}
              aria-current={current ? 'page' : undefined}
              aria-label={n.label}
              className={'wide' in n ? 'nav-wide' : undefined}
            >
              {'short' in n ? (
                <>
                  <span className="nav-long">{n.label}</span>
                  <span className="nav-short" aria-hidden>
                    {n.short}
                  </span>
                </>
              ) : (
                n.label
              )}
            </Link>
          );
        })}
      </nav>
      <SyncBanner status={status} />
      {/* Issue 9: a new tablet's first sync, documents so far of the total per collection. */}
      <FirstSyncProgress client={client} status={status} />
      <main>
        <Routes path={path} />
      </main>
      <UndoBar />
      <ToastHost />
      {offer ? <AppScanOffer offer={offer} onDone={dismissOffer} /> : null}
    </div>
  );
}
