import type { NodeTablet } from '../support/node-client.ts';
import { stepEvent as clientStepEvent } from '../../client/src/data/step-commands.ts';
import { consume, weighIn } from '../../client/src/data/spool-commands.ts';
import type { Doc, RawTablet } from './raw-tablet.ts';
import { nextAction, type Farm } from './workload.ts';

/** Every record and edit the floor made, kept to check the server against at the end. */
export class Ledger {
  /** Append-only records by id: their collection and body as the tablet wrote it. */
  readonly records = new Map<
    string,
    { collection: 'step_events' | 'spool_movements'; doc: Doc; tablet: string }
  >();
  edits = 0;
  actions = 0;
  offlineSpells = 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OperatorOptions {
  farm: Farm;
  ledger: Ledger;
  /** Mean pause between two actions of one operator. */
  thinkMs: number;
  /** Chance per action that the tablet's Wi-Fi drops next, for 3–15 s. */
  cutChance: number;
  until: () => boolean;
}

/** An operator at a raw-protocol tablet: works, and keeps working through the tablet's network cuts. */
export async function rawOperator(name: string, t: RawTablet, o: OperatorOptions): Promise<void> {
  while (!o.until()) {
    await sleep(o.thinkMs * (0.5 + Math.random()));
    if (o.until()) break;
    const a = nextAction(name, o.farm, (id) => t.get('work_orders', id));
    t.write(a.collection, a.doc);
    o.ledger.actions++;
    if (a.kind === 'append')
      o.ledger.records.set(a.doc.id, { collection: a.collection, doc: a.doc, tablet: name });
    else o.ledger.edits++;
    if (!t.offline && Math.random() < o.cutChance)
      void cut(
        () => t.setOffline(true),
        () => t.setOffline(false),
        o,
      );
  }
}

async function cut(down: () => void, up: () => void, o: OperatorOptions): Promise<void> {
  o.ledger.offlineSpells++;
  down();
  await sleep(3000 + Math.random() * 12_000);
  up();
}

/** An operator at a tablet running the app's real data layer (RxDB, journal, replication). */
export async function rxOperator(name: string, t: NodeTablet, o: OperatorOptions): Promise<void> {
  const { writer } = t.client;
  while (!o.until()) {
    await sleep(o.thinkMs * (0.5 + Math.random()));
    if (o.until()) break;
    const r = Math.random();
    o.ledger.actions++;
    if (r < 0.45) {
      const op = o.farm.operations[Math.floor(Math.random() * o.farm.operations.length)]!;
      const type = Math.random() < 0.5 ? 'start' : 'complete';
      const ev = await writer.append(
        'step_events',
        clientStepEvent(op.workOrderId, op.id, {
          type,
          printerId: op.printerId,
          qtyGood: type === 'complete' ? 2 : 0,
        }),
      );
      o.ledger.records.set(ev.id, { collection: 'step_events', doc: ev, tablet: name });
    } else if (r < 0.85) {
      const spool = o.farm.spools[Math.floor(Math.random() * o.farm.spools.length)]!;
      const m =
        Math.random() < 0.85
          ? await consume(writer, spool.id, Math.round(Math.random() * 2000) / 100)
          : await weighIn(writer, spool, 200 + Math.round(Math.random() * 80000) / 100);
      o.ledger.records.set(m.id, { collection: 'spool_movements', doc: m, tablet: name });
    } else {
      const wo = o.farm.workOrders[Math.floor(Math.random() * o.farm.workOrders.length)]!;
      await writer.patch(
        'work_orders',
        wo.id,
        Math.random() < 0.5
          ? { priority: 1 + Math.floor(Math.random() * 5) }
          : { notes: `checked by ${name} at ${new Date().toISOString()}` },
      );
      o.ledger.edits++;
    }
    if (!t.network.offline && Math.random() < o.cutChance) {
      void cut(
        () => t.network.setOffline(true),
        () => t.network.setOffline(false),
        o,
      );
    }
  }
}
