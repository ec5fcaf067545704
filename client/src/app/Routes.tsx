import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { matchPath, navigate } from './router.ts';
import { WorkOrdersScreen } from '../screens/work-orders/WorkOrdersScreen.tsx';
import { WorkOrderScreen } from '../screens/work-orders/WorkOrderScreen.tsx';
import { SpoolsScreen } from '../screens/spools/SpoolsScreen.tsx';
import { SpoolScreen } from '../screens/spools/SpoolScreen.tsx';
import { ReceiveSpoolScreen } from '../screens/spools/ReceiveSpoolScreen.tsx';
import { RecordListScreen } from '../screens/records/RecordListScreen.tsx';
import { RecordScreen } from '../screens/records/RecordScreen.tsx';
import { ReferenceScreen } from '../screens/records/ReferenceScreen.tsx';
import { RECORD_SPECS, isRecordKind } from '../screens/records/record-specs.ts';
import { SyncScreen } from '../screens/SyncScreen.tsx';
import { QrScreen } from '../screens/QrScreen.tsx';
import { StationScreen } from '../screens/station/StationScreen.tsx';
import { StationSetupScreen } from '../screens/station/StationSetupScreen.tsx';
import { SignInScreen } from '../screens/operator/SignInScreen.tsx';
import { SetPinScreen } from '../screens/operator/SetPinScreen.tsx';
import { PrintersScreen } from '../screens/printers/PrintersScreen.tsx';
import { PrinterScreen } from '../screens/printers/PrinterScreen.tsx';
import { PartScreen } from '../screens/parts/PartScreen.tsx';
import { ScanScreen } from '../scan/ScanScreen.tsx';

// Manager view (issue 6, client/src/manage/): lazy, so the floor's first screen does not load it.
const ManageRoutes = lazy(() => import('../manage/ManageRoutes.tsx'));
const manage = (path: string) => (
  <Suspense fallback={<p className="muted">Loading…</p>}>
    <ManageRoutes path={path} />
  </Suspense>
);

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

type Route = [pattern: string, render: (p: Record<string, string>) => ReactNode];

/** First match wins: fixed paths (`/spools/new`) come before their `:id` siblings. */
const ROUTES: Route[] = [
  ['/', () => <StationScreen />],
  ['/station', () => <StationSetupScreen />],
  ['/sign-in', () => <SignInScreen />],
  ['/pin', () => <SetPinScreen />],
  ['/scan', () => <ScanScreen />],
  ['/work-orders', () => <WorkOrdersScreen />],
  ['/work-orders/:id', (p) => <WorkOrderScreen id={p.id!} />],
  ['/spools', () => <SpoolsScreen />],
  ['/spools/new', () => <ReceiveSpoolScreen />],
  ['/spools/:id', (p) => <SpoolScreen id={p.id!} />],
  ['/printers', () => <PrintersScreen />],
  ['/printers/new', () => <RecordScreen spec={RECORD_SPECS.printers} id="new" />],
  ['/printers/:id', (p) => <PrinterScreen id={p.id!} />],
  ['/printers/:id/edit', (p) => <RecordScreen spec={RECORD_SPECS.printers} id={p.id!} />],
  ['/parts', () => <RecordListScreen spec={RECORD_SPECS.parts} />],
  ['/parts/new', () => <RecordScreen spec={RECORD_SPECS.parts} id="new" />],
  ['/parts/:id', (p) => <PartScreen id={p.id!} />],
  ['/parts/:id/edit', (p) => <RecordScreen spec={RECORD_SPECS.parts} id={p.id!} />],
  ['/reference', () => <ReferenceScreen kind="scrap_reasons" />],
  ['/reference/:kind', (p) => (isRecordKind(p.kind!) ? <ReferenceScreen kind={p.kind} /> : <NotFound />)],
  [
    '/reference/:kind/:id',
    (p) => (isRecordKind(p.kind!) ? <RecordScreen spec={RECORD_SPECS[p.kind]} id={p.id!} /> : <NotFound />),
  ],
  ['/sync', () => <SyncScreen />],
  ['/q/:kind/:code', (p) => <QrScreen kind={p.kind!} code={p.code!} />],
  // Manager view (issue 6).
  ['/manage', () => manage('/manage')],
  ['/manage/:page', (p) => manage(`/manage/${p.page!}`)],
];

function NotFound() {
  return (
    <div className="page">
      <h1>Nothing here</h1>
      <p>This screen does not exist.</p>
    </div>
  );
}

export function Routes({ path }: { path: string }) {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return <>{render(params)}</>;
  }
  return <NotFound />;
}
