import { useEffect, type ReactNode } from 'react';
import { matchPath, navigate } from './router.ts';
import { WorkOrdersScreen } from '../screens/work-orders/WorkOrdersScreen.tsx';
import { WorkOrderScreen } from '../screens/work-orders/WorkOrderScreen.tsx';
import { SpoolsScreen } from '../screens/spools/SpoolsScreen.tsx';
import { SpoolScreen } from '../screens/spools/SpoolScreen.tsx';
import { RecordListScreen } from '../screens/records/RecordListScreen.tsx';
import { RecordScreen } from '../screens/records/RecordScreen.tsx';
import { ReferenceScreen } from '../screens/records/ReferenceScreen.tsx';
import { RECORD_SPECS, isRecordKind } from '../screens/records/record-specs.ts';
import { SyncScreen } from '../screens/SyncScreen.tsx';
import { QrScreen } from '../screens/QrScreen.tsx';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

type Route = [pattern: string, render: (p: Record<string, string>) => ReactNode];

const ROUTES: Route[] = [
  ['/', () => <Redirect to="/work-orders" />],
  ['/work-orders', () => <WorkOrdersScreen />],
  ['/work-orders/:id', (p) => <WorkOrderScreen id={p.id!} />],
  ['/spools', () => <SpoolsScreen />],
  ['/spools/:id', (p) => <SpoolScreen id={p.id!} />],
  ['/printers', () => <RecordListScreen spec={RECORD_SPECS.printers} />],
  ['/printers/:id', (p) => <RecordScreen spec={RECORD_SPECS.printers} id={p.id!} />],
  ['/parts', () => <RecordListScreen spec={RECORD_SPECS.parts} />],
  ['/parts/:id', (p) => <RecordScreen spec={RECORD_SPECS.parts} id={p.id!} />],
  ['/reference', () => <ReferenceScreen kind="scrap_reasons" />],
  ['/reference/:kind', (p) => (isRecordKind(p.kind!) ? <ReferenceScreen kind={p.kind} /> : <NotFound />)],
  [
    '/reference/:kind/:id',
    (p) => (isRecordKind(p.kind!) ? <RecordScreen spec={RECORD_SPECS[p.kind]} id={p.id!} /> : <NotFound />),
  ],
  ['/sync', () => <SyncScreen />],
  ['/q/:kind/:code', (p) => <QrScreen kind={p.kind!} code={p.code!} />],
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
