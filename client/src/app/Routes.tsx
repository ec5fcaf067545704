import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { matchPath, navigate } from './router.ts';
import { lazyScreen } from '../pwa/lazy-screen.tsx';
import { RECORD_SPECS, isRecordKind } from '../screens/records/record-specs.ts';
import { StationScreen } from '../screens/station/StationScreen.tsx';

// Fast start (issue 9): every screen but the station loads on first use (client/src/pwa/lazy-screen.tsx);
// the service worker precaches the chunks, so they open offline too.
const WorkOrdersScreen = lazyScreen(
  () => import('../screens/work-orders/WorkOrdersScreen.tsx'),
  'WorkOrdersScreen',
);
const WorkOrderScreen = lazyScreen(
  () => import('../screens/work-orders/WorkOrderScreen.tsx'),
  'WorkOrderScreen',
);
const SpoolsScreen = lazyScreen(() => import('../screens/spools/SpoolsScreen.tsx'), 'SpoolsScreen');
const SpoolScreen = lazyScreen(() => import('../screens/spools/SpoolScreen.tsx'), 'SpoolScreen');
const ReceiveSpoolScreen = lazyScreen(
  () => import('../screens/spools/ReceiveSpoolScreen.tsx'),
  'ReceiveSpoolScreen',
);
const RecordListScreen = lazyScreen(
  () => import('../screens/records/RecordListScreen.tsx'),
  'RecordListScreen',
);
const RecordScreen = lazyScreen(() => import('../screens/records/RecordScreen.tsx'), 'RecordScreen');
const ReferenceScreen = lazyScreen(() => import('../screens/records/ReferenceScreen.tsx'), 'ReferenceScreen');
const SyncScreen = lazyScreen(() => import('../screens/SyncScreen.tsx'), 'SyncScreen');
const QrScreen = lazyScreen(() => import('../screens/QrScreen.tsx'), 'QrScreen');
const StationSetupScreen = lazyScreen(
  () => import('../screens/station/StationSetupScreen.tsx'),
  'StationSetupScreen',
);
const SignInScreen = lazyScreen(() => import('../screens/operator/SignInScreen.tsx'), 'SignInScreen');
const SetPinScreen = lazyScreen(() => import('../screens/operator/SetPinScreen.tsx'), 'SetPinScreen');
const PrintersScreen = lazyScreen(() => import('../screens/printers/PrintersScreen.tsx'), 'PrintersScreen');
const PrinterScreen = lazyScreen(() => import('../screens/printers/PrinterScreen.tsx'), 'PrinterScreen');
const PartScreen = lazyScreen(() => import('../screens/parts/PartScreen.tsx'), 'PartScreen');
const ScanScreen = lazyScreen(() => import('../scan/ScanScreen.tsx'), 'ScanScreen');
const BindScreen = lazyScreen(() => import('../screens/records/BindScreen.tsx'), 'BindScreen');

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
  ['/bind/:kind/:code', (p) => <BindScreen kind={p.kind!} code={p.code!} />],
  // Manager view (issue 6).
  ['/manage', () => manage('/manage')],
  ['/manage/:page', (p) => manage(`/manage/${p.page!}`)],
  ['/manage/parts/:id/routing', (p) => manage(`/manage/parts/${encodeURIComponent(p.id!)}/routing`)],
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
