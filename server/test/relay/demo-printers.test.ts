import { describe, expect, it } from 'vitest';
import { printerStatusSchema } from '@printfloor/shared';
import { silentLogger } from '../../src/logger.ts';
import { startDemoPrinters, withDemoTopics } from '../../src/relay/demo-printers.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig } from '../../src/relay/relay.types.ts';
import { MemoryStatusStore } from '../../src/relay/status-store.ts';
import { TENANT, waitFor } from './relay-helpers.ts';

/** Shaped like the seeded demo farm: Bambu by serial (no host), OctoPrints without base topics, Klippers. */
const farm: PrinterConfig[] = [
  ...['00M09A100000001', '00M09A100000002', '01P00A100000003'].map((serial, i) => ({
    tenantId: TENANT,
    code: `PR-00${i + 1}`,
    protocol: 'bambu' as const,
    serial,
  })),
  { tenantId: TENANT, code: 'PR-004', protocol: 'octoprint' },
  { tenantId: TENANT, code: 'PR-005', protocol: 'octoprint' },
  { tenantId: TENANT, code: 'PR-006', protocol: 'moonraker' },
  { tenantId: TENANT, code: 'PR-007', protocol: 'moonraker' },
];

describe('demo printers', () => {
  it('bring every simulated printer to life with valid messages and real state changes', async () => {
    const printers = withDemoTopics(farm);
    expect(new Set(printers.filter((p) => p.protocol === 'octoprint').map((p) => p.baseTopic)).size).toBe(2);
    const store = new MemoryStatusStore();
    const relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(printers),
      store,
      brokerPort: null,
    });
    const demo = await startDemoPrinters({ relay, printers, logger: silentLogger, tickMs: 5, seed: 3 });
    try {
      expect(demo.codes).toHaveLength(7);
      await waitFor(
        () => relay.snapshot().every((u) => u.status.state !== 'offline'),
        10_000,
        'every printer online',
      );
      // A few thousand ticks: jobs start, finish, pause …
      await waitFor(() => new Set(store.events.map((e) => e.kind)).has('finished'), 30_000, 'a finished job');
      const kinds = new Set(store.events.map((e) => e.kind));
      expect(kinds).toContain('started');
      const m = relay.metrics();
      expect(m.rejected).toBe(0);
      expect(m.unrouted).toBe(0);
      for (const u of relay.snapshot()) printerStatusSchema.parse(u.status);
      const bambu = relay.snapshot().find((u) => u.status.code === 'PR-001')!.status;
      expect(bambu.trays.map((t) => t.slot)).toEqual(['AMS1-1', 'AMS1-2', 'AMS1-3', 'AMS1-4']);
    } finally {
      await demo.stop();
      await relay.close();
    }
  });
});
