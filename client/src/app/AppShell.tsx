import { useApp } from './client-context.ts';
import { usePath } from './router.ts';
import { Link } from '../components/Link.tsx';
import { SyncIndicator } from '../components/SyncIndicator.tsx';
import { ToastHost } from '../components/Toast.tsx';
import { useObservable } from '../hooks/use-observable.ts';
import type { SyncStatus } from '../data/sync-status.ts';
import { Routes } from './Routes.tsx';

const NAV = [
  { href: '/work-orders', label: 'Work orders' },
  { href: '/spools', label: 'Spools' },
  { href: '/printers', label: 'Printers' },
  { href: '/parts', label: 'Parts' },
  { href: '/reference', label: 'Reference' },
] as const;

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

/** The frame of every screen: who/where, the sync indicator, the sections. */
export function AppShell() {
  const { client, session } = useApp();
  const path = usePath();
  const status = useObservable<SyncStatus | null>(() => client.sync.status$, null, [client]);
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" />
          <span>
            Printfloor
            <small>
              {session.tenant.name} · {session.device.name}
            </small>
          </span>
        </div>
        <span className="spacer" />
        <SyncIndicator status={status} />
      </header>
      <nav className="nav" aria-label="Sections">
        {NAV.map((n) => (
          <Link key={n.href} href={n.href} aria-current={path.startsWith(n.href) ? 'page' : undefined}>
            {n.label}
          </Link>
        ))}
      </nav>
      <SyncBanner status={status} />
      <main>
        <Routes path={path} />
      </main>
      <ToastHost />
    </div>
  );
}
