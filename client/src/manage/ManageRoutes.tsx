import { useEffect, useRef } from 'react';
import { Link } from '../components/Link.tsx';
import { AddTabletPage } from '../account/AddTabletPage.tsx';
import { ManagerGate } from '../account/ManagerGate.tsx';
import { FarmScreen } from './FarmScreen.tsx';
import { WallScreen } from './WallScreen.tsx';
import { OrdersScreen } from './OrdersScreen.tsx';
import { InventoryScreen } from './InventoryScreen.tsx';
import { QualityScreen } from './QualityScreen.tsx';
import { EditOrderScreen, PlanScreen } from './PlanScreen.tsx';
import { TimelineScreen } from './TimelineScreen.tsx';
import { TraceScreen } from './TraceScreen.tsx';
import { PrinterHistoryScreen } from './PrinterHistoryScreen.tsx';
import { ReceiveBatchScreen } from './ReceiveBatchScreen.tsx';
import { TabletsScreen } from './TabletsScreen.tsx';
import { ImportScreen } from './ImportScreen.tsx';
import { ExportScreen } from './import/ExportScreen.tsx';
import { AuditScreen } from './AuditScreen.tsx';
import { UsersScreen } from './UsersScreen.tsx';
import { PrinterConnectionsScreen } from './PrinterConnectionsScreen.tsx';
import { PartsScreen } from './PartsScreen.tsx';
import { RoutingTemplateScreen } from './RoutingTemplateScreen.tsx';
import { useAccount } from '../account/account-store.ts';
import './manage.css';

const TABS = [
  ['/manage/farm', 'Live farm'],
  ['/manage/orders', 'Work orders'],
  ['/manage/parts', 'Parts'],
  ['/manage/inventory', 'Inventory'],
  ['/manage/quality', 'Quality'],
  ['/manage/add-tablet', 'Add tablet'],
  ['/manage/timeline', 'Today'],
  ['/manage/trace', 'Traceability'],
  ['/manage/tablets', 'Tablets'],
  ['/manage/import', 'Import'],
  ['/manage/audit', 'Audit log'],
] as const;
/** Only an admin sees this tab (the server refuses everyone else on /api/admin). */
const ADMIN_TABS = [
  ['/manage/users', 'Users'],
  ['/manage/printer-connections', 'Printer links'],
] as const;

function Page({ path }: { path: string }) {
  const routing = /^\/manage\/parts\/([^/]+)\/routing\/?$/.exec(path);
  if (routing) return <RoutingTemplateScreen partId={decodeURIComponent(routing[1]!)} />;
  switch (path.replace(/\/+$/, '')) {
    case '/manage':
    case '/manage/farm':
      return <FarmScreen />;
    case '/manage/orders':
      return <OrdersScreen />;
    case '/manage/inventory':
      return <InventoryScreen />;
    case '/manage/quality':
      return <QualityScreen />;
    case '/manage/parts':
      return <PartsScreen />;
    case '/manage/plan':
      return <PlanScreen />;
    case '/manage/edit-order':
      return <EditOrderScreen />;
    case '/manage/timeline':
      return <TimelineScreen />;
    case '/manage/trace':
      return <TraceScreen />;
    case '/manage/printer':
      return <PrinterHistoryScreen />;
    case '/manage/receive':
      return <ReceiveBatchScreen />;
    case '/manage/tablets':
      return <TabletsScreen />;
    case '/manage/import':
      return <ImportScreen />;
    case '/manage/export':
      return <ExportScreen />;
    case '/manage/audit':
      return <AuditScreen />;
    case '/manage/users':
      return <UsersScreen />;
    case '/manage/printer-connections':
      return <PrinterConnectionsScreen />;
    case '/manage/add-tablet':
      return <AddTabletPage />;
    default:
      return <p className="empty">No such manager page.</p>;
  }
}

/**
 * Everything under /manage, loaded lazily (the floor's first screen does not pay for it).
 * Gate (issue 7): only a signed-in lead, manager or admin — the real cookie session — gets in;
 * the server enforces the same on every /api/manage call.
 */
export default function ManageRoutes({ path }: { path: string }) {
  return (
    <ManagerGate path={path} bar={!path.startsWith('/manage/wall')}>
      <ManageBody path={path} />
    </ManagerGate>
  );
}

function ManageBody({ path }: { path: string }) {
  const account = useAccount();
  const isAdmin = account.status === 'signed-in' && account.session.user.role === 'admin';
  const nav = useRef<HTMLElement>(null);
  // Where the tabs scroll sideways (a phone), keep the current one in view.
  useEffect(() => {
    nav.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [path]);
  if (path.startsWith('/manage/wall')) return <WallScreen />;
  return (
    <div className="manage">
      <nav className="manage-tabs" aria-label="Manager sections" ref={nav}>
        {[...TABS, ...(isAdmin ? ADMIN_TABS : [])].map(([href, label]) => (
          <Link
            key={href}
            href={href}
            aria-current={
              path === href || (href === '/manage/farm' && path === '/manage') ? 'page' : undefined
            }
          >
            {label}
          </Link>
        ))}
      </nav>
      <Page path={path} />
    </div>
  );
}
