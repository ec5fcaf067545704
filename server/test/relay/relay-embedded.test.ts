import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig, Relay } from '../../src/relay/relay.types.ts';
import { fixture, memoryLogger, mqttClient, statusOf, TENANT, waitFor } from './relay-helpers.ts';

const printers: PrinterConfig[] = [
  { tenantId: TENANT, code: 'PR-NA', protocol: 'printfloor' },
  { tenantId: TENANT, code: 'PR-MR', protocol: 'moonraker', baseTopic: 'voron' },
  { tenantId: TENANT, code: 'PR-BB', protocol: 'bambu', serial: '01S00EMBEDDED01' },
];

describe('relay on the embedded broker (no MQTT_URL)', () => {
  let relay: Relay;

  beforeAll(async () => {
    relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(printers),
      brokerPort: 0,
      minIntervalMs: 20,
    });
    await waitFor(() => relay.links()[0]?.connected, 5000, 'in-process connection');
  });
  afterAll(() => relay?.close());

  it('listens on TCP for publishers on the network', async () => {
    const port = relay.brokerPort();
    expect(port).toBeGreaterThan(0);
    const publisher = await mqttClient(`mqtt://127.0.0.1:${port}`);
    await publisher.publishAsync(
      'printfloor/v1/printers/PR-NA/status',
      JSON.stringify({ state: 'paused', stateDetail: 'door open' }),
    );
    await statusOf(relay, 'PR-NA', (s) => s.state === 'paused' && s.stateDetail === 'door open');
    await publisher.endAsync();
  });

  it('takes in-process publishers (the demo simulator) and republishes retained to TCP subscribers', async () => {
    const sim = relay.openClient('sim-test');
    await new Promise<void>((r) => sim.once('connect', () => r()));
    await sim.publishAsync(
      'voron/klipper/status',
      fixture('built/built-moonraker-status-full-printing.json'),
    );
    await sim.publishAsync('device/01S00EMBEDDED01/report', fixture('bambu-x1c-full-ams.json'));
    await statusOf(relay, 'PR-MR', (s) => s.state === 'printing');
    await statusOf(relay, 'PR-BB', (s) => s.state === 'finished' && s.trays.length === 13);
    const consumer = await mqttClient(`mqtt://127.0.0.1:${relay.brokerPort()}`);
    const got: string[] = [];
    consumer.on('message', (t) => got.push(t));
    await consumer.subscribeAsync('printfloor/v1/status/#');
    await waitFor(
      () => ['PR-MR', 'PR-BB', 'PR-NA'].every((c) => got.includes(`printfloor/v1/status/${c}`)),
      5000,
      'retained',
    );
    await consumer.endAsync();
    await sim.endAsync();
  });
});

describe('reload', () => {
  it('picks up added printers (new subscriptions) and drops removed ones', async () => {
    let configs: PrinterConfig[] = [{ tenantId: TENANT, code: 'PR-A', protocol: 'printfloor' }];
    const relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(configs),
      brokerPort: null,
    });
    const sim = relay.openClient('sim-reload');
    try {
      await new Promise<void>((r) => sim.once('connect', () => r()));
      configs = [{ tenantId: TENANT, code: 'PR-K', protocol: 'moonraker', baseTopic: 'k1' }];
      await Promise.all([relay.reload(), relay.reload()]);
      expect(relay.snapshot().map((u) => u.status.code)).toEqual(['PR-K']);
      await waitFor(() => relay.links()[0]?.connected, 5000);
      await sim.publishAsync('k1/klipper/status', fixture('built/built-moonraker-status-full-printing.json'));
      await statusOf(relay, 'PR-K', (s) => s.state === 'printing');
      const before = relay.metrics().unrouted;
      await sim.publishAsync('printfloor/v1/printers/PR-A/status', JSON.stringify({ state: 'idle' }));
      await waitFor(() => relay.metrics().unrouted === before + 1, 5000, 'unrouted');
    } finally {
      await sim.endAsync();
      await relay.close();
    }
  });
});

describe('embedded broker port already taken (Mosquitto on 1883)', () => {
  it('says so in one line and keeps working in-process', async () => {
    const logger = memoryLogger();
    const relay = await startRelay({
      logger,
      printers: () => Promise.resolve(printers),
      brokerPort: 1883,
      brokerHost: '127.0.0.1',
    });
    try {
      expect(relay.brokerPort()).toBeNull();
      const warnings = logger.lines.filter((l) => l.level === 'warn' || l.level === 'error');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toMatch(
        /MQTT port 1883 on 127\.0\.0\.1 is already in use.*in-process only.*MQTT_URL/,
      );
      const sim = relay.openClient('sim-taken');
      await new Promise<void>((r) => sim.once('connect', () => r()));
      await sim.publishAsync('printfloor/v1/printers/PR-NA/status', JSON.stringify({ state: 'idle' }));
      await statusOf(relay, 'PR-NA', (s) => s.state === 'idle');
      await sim.endAsync();
    } finally {
      await relay.close();
    }
  });
});
