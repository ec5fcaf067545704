import { generateAssets } from './demo-assets.ts';
import { DemoContext } from './demo-context.ts';
import type { DemoFarm } from './demo-context.ts';
import { DemoSpoolStock } from './demo-spools.ts';
import { DemoWork } from './demo-work.ts';

export type { DemoFarm } from './demo-context.ts';

export const DEMO_SEED = 20260501;

/**
 * The demo farm: 12 printers, 40 spools with their ledgers, 25 work orders with 3–5 operations and
 * their step events, parts, reasons, work centers and people. Pure and deterministic: the same
 * seed and `now` give the same farm (ids included, so seeding twice changes nothing). Times are
 * relative to `now`, so the floor looks alive whenever it is loaded.
 */
export function generateDemoFarm(opts: { now: Date; seed?: number }): DemoFarm {
  const ctx = new DemoContext(opts.seed ?? DEMO_SEED, opts.now);
  const assets = generateAssets(ctx);
  const operatorIds = assets.people
    .filter((p) => p.role === 'operator' || p.role === 'lead')
    .map((p) => p.id);
  const stock = new DemoSpoolStock(ctx, assets.printers, operatorIds);
  const work = new DemoWork(ctx, assets, stock);
  return {
    ...assets,
    spools: stock.spools,
    spool_movements: stock.movements,
    work_orders: work.workOrders,
    operations: work.operations,
    step_events: work.events,
  };
}
