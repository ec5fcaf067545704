import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { printerStatusSchema } from '@printfloor/shared';
import { silentLogger } from '../../src/logger.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig, Relay } from '../../src/relay/relay.types.ts';
import {
  collect,
  fixture,
  mqttClient,
  MOSQUITTO_URL,
  OwnMosquitto,
  statusOf,
  TENANT,
  uniquePrefix,
  waitFor,
} from './relay-helpers.ts';

/** Malformed and random payloads: bad JSON, wrong types, huge numbers, unknown fields, binary. */
const junk: fc.Arbitrary<Buffer | string> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"print":',
    '{"print":{"command":"push_status","mc_percent":{}}}',
    '{"status":[]}',
    '\u0000',
    'null',
  ),
  fc
    .dictionary(
      fc.constantFrom('print', 'status', 'state', 'progress', 'actual', 'server', 'eventtime', 'x'),
      fc.jsonValue(),
    )
    .map((o) => JSON.stringify(o)),
  fc
    .record({
      print: fc.dictionary(
        fc.constantFrom('command', 'msg', 'gcode_state', 'mc_percent', 'hms', 'ams'),
        fc.jsonValue(),
      ),
    })
    .map((o) => JSON.stringify(o)),
  fc.constant(JSON.stringify({ state: 'printing', progress: 1e308, layer: -5 })),
);

describe('robustness: 10,000 malformed payloads on every subscribed topic', () => {
  const prefix = uniquePrefix('fuzz');
  const root = `${prefix}/printfloor/v1`;
  const serial = `PFF${prefix.slice(-8).toUpperCase()}`;
  const printers: PrinterConfig[] = [
    { tenantId: TENANT, code: 'PR-BB', protocol: 'bambu', serial },
    { tenantId: TENANT, code: 'PR-OP', protocol: 'octoprint', baseTopic: `${prefix}/op` },
    { tenantId: TENANT, code: 'PR-MR', protocol: 'moonraker', baseTopic: `${prefix}/mr` },
    { tenantId: TENANT, code: 'PR-NA', protocol: 'printfloor' },
    { tenantId: TENANT, code: 'PR-GOOD', protocol: 'printfloor' },
  ];
  const topics = [
    `device/${serial}/report`,
    `${prefix}/op/event/PrinterStateChanged`,
    `${prefix}/op/event/PrintDone`,
    `${prefix}/op/progress/printing`,
    `${prefix}/op/temperature/tool0`,
    `${prefix}/op/mqtt`,
    `${prefix}/mr/klipper/status`,
    `${prefix}/mr/klipper/state/print_stats/state`,
    `${prefix}/mr/moonraker/status`,
    `${prefix}/mr/moonraker/api/response`,
    `${root}/printers/PR-NA/status`,
    `${root}/printers/PR-UNKNOWN/status`,
  ];
  let relay: Relay;
  let pub: MqttClient;

  beforeAll(async () => {
    relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(printers),
      mqttUrl: MOSQUITTO_URL,
      topicRoot: root,
      minIntervalMs: 20,
    });
    await waitFor(() => relay.links()[0]?.connected, 5000, 'relay connected');
    pub = await mqttClient(MOSQUITTO_URL);
  });
  afterAll(async () => {
    await relay?.close();
    for (const p of printers) await pub.publishAsync(`${root}/status/${p.code}`, '', { retain: true });
    await pub?.endAsync();
  });

  it('stays up, counts them, and the other printers keep updating', async () => {
    // Give each fuzzed printer a real state first, so garbage has something to corrupt.
    await pub.publishAsync(`device/${serial}/report`, fixture('bambu-x1c-full-ams.json'));
    await pub.publishAsync(
      `${prefix}/mr/klipper/status`,
      fixture('built/built-moonraker-status-full-printing.json'),
    );
    await statusOf(relay, 'PR-BB', (s) => s.state === 'finished');
    await statusOf(relay, 'PR-MR', (s) => s.state === 'printing'); // both arrived before counting starts
    const feed = collect(relay);
    const base = relay.metrics();
    const payloads = fc.sample(junk, { numRuns: 10_000, seed: 20250614 });
    let notJson = 0;
    for (let i = 0; i < payloads.length; i++) {
      const p = payloads[i]!;
      try {
        JSON.parse(p.toString());
      } catch {
        notJson++;
      }
      pub.publish(topics[i % topics.length]!, p);
      // Meanwhile a well-behaved printer keeps reporting.
      if (i % 500 === 0)
        pub.publish(`${root}/printers/PR-GOOD/status`, JSON.stringify({ state: 'printing', layer: i / 500 }));
    }
    const goodMessages = 20;
    await waitFor(
      () => relay.metrics().received - base.received >= payloads.length + goodMessages,
      30_000,
      'all messages received',
    );
    const m = relay.metrics();
    const received = m.received - base.received;
    expect(received).toBe(payloads.length + goodMessages);
    expect(
      m.applied +
        m.ignored +
        m.rejected +
        m.unrouted -
        (base.applied + base.ignored + base.rejected + base.unrouted),
    ).toBe(received);
    expect(m.rejected - base.rejected).toBeGreaterThanOrEqual(notJson);
    expect(m.unrouted - base.unrouted).toBeGreaterThanOrEqual(Math.floor(payloads.length / topics.length)); // PR-UNKNOWN
    // The good printer kept updating through the flood, in order, up to its last message.
    await waitFor(() => feed.latest('PR-GOOD')?.layer === goodMessages - 1, 5000, 'good printer latest');
    const layers = feed.updates.filter((u) => u.status.code === 'PR-GOOD').map((u) => u.status.layer);
    expect(layers).toEqual([...layers].sort((a, b) => (a ?? 0) - (b ?? 0)));
    // Whatever the garbage did, every status the relay holds is still a valid status.
    for (const u of relay.snapshot()) printerStatusSchema.parse(u.status);
    // And the relay still works for the fuzzed printers.
    await pub.publishAsync(`device/${serial}/report`, fixture('bambu-hms-error-running.json'));
    await statusOf(relay, 'PR-BB', (s) => s.state === 'printing' && s.progress === 22);
    feed.stop();
  });
});

describe('offline detection and broker restarts', () => {
  it('a printer that goes silent is offline within the timeout (+5 s)', async () => {
    const prefix = uniquePrefix('silence');
    const serial = `PFS${prefix.slice(-8).toUpperCase()}`;
    const relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve([{ tenantId: TENANT, code: 'PR-SIL', protocol: 'bambu', serial }]),
      mqttUrl: MOSQUITTO_URL,
      topicRoot: `${prefix}/pf`,
      offlineAfterMs: 1500,
    });
    const pub = await mqttClient(MOSQUITTO_URL);
    try {
      await waitFor(() => relay.links()[0]?.connected, 5000, 'relay connected');
      await pub.publishAsync(`device/${serial}/report`, fixture('bambu-hms-error-running.json'));
      await statusOf(relay, 'PR-SIL', (s) => s.state === 'printing');
      const silentSince = Date.now();
      const off = await statusOf(relay, 'PR-SIL', (s) => s.state === 'offline', 1500 + 5000);
      expect(Date.now() - silentSince).toBeGreaterThanOrEqual(1400);
      expect(off).toMatchObject({ jobName: 'CyberBrick Gridfinity Organizer Box', progress: 22 });
      expect(off.stateDetail).toMatch(/no message for \d+ s/);
    } finally {
      await relay.close();
      await pub.publishAsync(`${prefix}/pf/status/PR-SIL`, '', { retain: true }); // leave no retained status behind
      await pub.endAsync();
    }
  });

  it('the broker restarted mid-run: the relay reconnects and resubscribes by itself', async () => {
    const broker = await OwnMosquitto.start();
    const relay = await startRelay({
      logger: silentLogger,
      printers: () =>
        Promise.resolve([
          { tenantId: TENANT, code: 'PR-A', protocol: 'printfloor' },
          { tenantId: TENANT, code: 'PR-M', protocol: 'moonraker', baseTopic: 'voron' },
        ]),
      mqttUrl: broker.url,
      reconnect: { minMs: 100, maxMs: 500 },
    });
    try {
      await waitFor(() => relay.links()[0]?.connected, 5000, 'relay connected');
      let pub = await mqttClient(broker.url);
      await pub.publishAsync(
        'printfloor/v1/printers/PR-A/status',
        JSON.stringify({ state: 'printing', progress: 10 }),
      );
      await statusOf(relay, 'PR-A', (s) => s.progress === 10);
      await pub.endAsync();

      await broker.down();
      // Everything behind the lost broker is offline: nobody can vouch for it.
      await statusOf(
        relay,
        'PR-A',
        (s) => s.state === 'offline' && s.stateDetail === 'relay lost the MQTT broker',
        5000,
      );
      await broker.up();
      await waitFor(() => relay.links()[0]?.connected, 10_000, 'relay reconnected');

      pub = await mqttClient(broker.url);
      await pub.publishAsync(
        'printfloor/v1/printers/PR-A/status',
        JSON.stringify({ state: 'printing', progress: 11 }),
      );
      await pub.publishAsync(
        'voron/klipper/status',
        fixture('built/built-moonraker-status-full-printing.json'),
      );
      await statusOf(relay, 'PR-A', (s) => s.state === 'printing' && s.progress === 11, 5000);
      await statusOf(relay, 'PR-M', (s) => s.state === 'printing', 5000);
      expect(relay.metrics().reconnects).toBeGreaterThan(0);
      await pub.endAsync();
    } finally {
      await relay.close();
      await broker.stop();
    }
  });
});
