import { createServer } from 'node:http';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const docs = Array.from({ length: 1000 }, (_, i) => ({ id: `doc-${i}`, updatedAt: '2026-05-01T08:00:00.000Z', updatedBy: 'bench-tablet', serverUpdatedAt: '2026-05-01T08:00:00.000Z', code: 'WO-2026-00001', partId: 'part-1', title: '12 × Camera mount bracket', qtyOrdered: 12, qtyCompleted: 0, qtyScrapped: 0, status: 'released', onHold: false, priority: 3, dueDate: '2026-05-20', customerName: 'Kestrel Drones', poNumber: 'PO-40000', lineRef: '10', materialHint: 'PETG', notes: '', createdAt: '2026-05-01T07:00:00.000Z', _deleted: false }));
const body = JSON.stringify({ documents: docs, checkpoint: { seq: 1 } });
const srv = createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); });
await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
const app = new Hono();
app.get('/', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
const hs = await new Promise<any>((r) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r(s)); });
const N = 60;
for (const [name, port] of [['node', (srv.address() as any).port], ['hono', hs.address().port], ['node', (srv.address() as any).port], ['hono', hs.address().port]] as const) {
  let s = performance.now();
  for (let i = 0; i < N; i++) JSON.parse(await (await fetch(`http://127.0.0.1:${port}/`)).text());
  console.log(name, ((performance.now() - s) / N).toFixed(2));
}
srv.close(); hs.close();
