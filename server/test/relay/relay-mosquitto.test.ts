import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { printerStatusSchema } from '@printfloor/shared';
import { silentLogger } from '../../src/logger.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig, Relay } from '../../src/relay/relay.types.ts';
import { MemoryStatusStore } from '../../src/relay/status-store.ts';
import {
  fixture,
  mqttClient,
  MOSQUITTO_URL,
  statusOf,
  TENANT,
  uniquePrefix,
  waitFor,
} from './relay-helpers.ts';

/** The relay against the real Mosquitto on 127.0.0.1:1883, every topic under a prefix of this run. */
describe('relay through the site broker (Mosquitto)', () => {
  const prefix = uniquePrefix('mq');
  const root = `${prefix}/printfloor/v1`;
  const serial = `PFT${prefix.slice(-8).toUpperCase()}`;
  const printers: PrinterConfig[] = [
    { tenantId: TENANT, code: 'PR-BB', protocol: 'bambu', serial, model: 'X1C' },
    { tenantId: TENANT, code: 'PR-OP', protocol: 'octoprint', baseTopic: `${prefix}/octoPrint` },
    { tenantId: TENANT, code: 'PR-MR', protocol: 'moonraker', baseTopic: `${prefix}/voron` },
    { tenantId: TENANT, code: 'PR-NA', protocol: 'printfloor' },
  ];
  const store = new MemoryStatusStore();
  const requests: { topic: string; payload: string }[] = [];
  let relay: Relay;
  let farm: MqttClient;

  beforeAll(async () => {
    farm = await mqttClient(MOSQUITTO_URL);
    farm.on('message', (topic, payload) => requests.push({ topic, payload: payload.toString() }));
    await farm.subscribeAsync([`device/${serial}/request`, `${prefix}/voron/moonraker/api/request`]);
    relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(printers),
      mqttUrl: MOSQUITTO_URL,
      topicRoot: root,
      store,
      minIntervalMs: 20,
      clientId: prefix,
    });
    await waitFor(() => relay.links()[0]?.connected, 5000, 'relay connected');
  });

  afterAll(async () => {
    await relay?.close();
    // Leave no retained messages behind on the shared broker.
    for (const p of printers) await farm.publishAsync(`${root}/status/${p.code}`, '', { retain: true });
    await farm?.endAsync();
  });

  const pub = (topic: string, payload: string) => farm.publishAsync(topic, payload);

  it('asks a Bambu printer for a full report and Moonraker for a snapshot when it connects', async () => {
    await waitFor(() => requests.find((r) => r.topic === `device/${serial}/request`), 5000, 'pushall');
    expect(JSON.parse(requests.find((r) => r.topic === `device/${serial}/request`)!.payload)).toEqual({
      pushing: { sequence_id: '0', command: 'pushall' },
    });
    const query = await waitFor(
      () => requests.find((r) => r.topic.endsWith('/moonraker/api/request')),
      5000,
      'query',
    );
    expect(JSON.parse(query.payload)).toMatchObject({ method: 'printer.objects.query' });
  });

  it('Bambu: a full report, then the real P1S deltas merged into it', async () => {
    await pub(`device/${serial}/report`, fixture('bambu-p1p-full-noams.json'));
    await statusOf(relay, 'PR-BB', (s) => s.state === 'finished' && s.bedTemp === 23.125);
    for (const f of ['bambu-p1s-delta-1.json', 'bambu-p1s-delta-2.json'])
      await pub(`device/${serial}/report`, fixture(f));
    await pub(
      `device/${serial}/report`,
      JSON.stringify({ print: JSON.parse(fixture('bambu-p1s-delta-ams.json')) as unknown }),
    );
    const s = await statusOf(relay, 'PR-BB', (x) => x.bedTemp === 29.53125);
    expect(s.trays.map((t) => t.slot)).toEqual(['AMS1-1', 'AMS1-2', 'AMS1-3', 'AMS1-4', 'EXT']);
    expect(s).toMatchObject({ state: 'finished', jobName: 'sensor_altanlås_v2_v3', source: 'bambu' });
    // A new job on the same printer is a recorded "started".
    await pub(`device/${serial}/report`, fixture('bambu-hms-error-running.json'));
    const running = await statusOf(relay, 'PR-BB', (x) => x.state === 'printing');
    expect(running.errors[0]?.code).toBe('HMS_0C00_0300_0003_0007');
    await waitFor(
      () => store.events.find((e) => e.printerCode === 'PR-BB' && e.kind === 'started'),
      5000,
      'started event',
    );
  });

  it('OctoPrint: temperatures, a job, and finished latched over OPERATIONAL', async () => {
    const base = `${prefix}/octoPrint`;
    await pub(`${base}/mqtt`, 'connected');
    await pub(`${base}/temperature/tool0`, fixture('octoprint-temperature-tool0.json'));
    await pub(`${base}/temperature/bed`, fixture('octoprint-temperature-bed.json'));
    await pub(`${base}/event/PrintStarted`, fixture('octoprint-event-printstarted.json'));
    await pub(`${base}/progress/printing`, fixture('octoprint-progress.json'));
    const printing = await statusOf(relay, 'PR-OP', (s) => s.state === 'printing' && s.progress === 23);
    expect(printing).toMatchObject({ nozzleTemp: 65.3, bedTarget: 65, jobName: 'test.gco' });
    await pub(`${base}/event/PrintDone`, fixture('built/built-octoprint-event-printdone.json'));
    await pub(
      `${base}/event/PrinterStateChanged`,
      fixture('built/built-octoprint-event-printerstatechanged-operational.json'),
    );
    await statusOf(relay, 'PR-OP', (s) => s.state === 'finished');
    await pub(`${base}/mqtt`, 'disconnected');
    await statusOf(relay, 'PR-OP', (s) => s.state === 'offline');
  });

  it('Moonraker: status deltas deep-merged, offline from its last will', async () => {
    const base = `${prefix}/voron`;
    await pub(`${base}/moonraker/status`, fixture('moonraker-server-online.json'));
    await pub(`${base}/klipper/status`, fixture('built/built-moonraker-status-full-printing.json'));
    await pub(`${base}/klipper/status`, fixture('built/built-moonraker-status-delta-temp.json'));
    const s = await statusOf(relay, 'PR-MR', (x) => x.nozzleTemp === 215.3);
    expect(s).toMatchObject({ state: 'printing', progress: 25, layer: 31, bedTemp: 60.02 });
    await pub(`${base}/moonraker/status`, fixture('moonraker-server-offline.json'));
    await statusOf(relay, 'PR-MR', (x) => x.state === 'offline');
  });

  it('native topic: validated statuses in, garbage counted as rejected', async () => {
    const before = relay.metrics().rejected;
    await pub(`${root}/printers/PR-NA/status`, '{"state":"melting"}');
    await pub(
      `${root}/printers/PR-NA/status`,
      JSON.stringify({ state: 'printing', progress: 12.5, jobName: 'gear.gcode' }),
    );
    const s = await statusOf(relay, 'PR-NA', (x) => x.state === 'printing');
    expect(s).toMatchObject({ progress: 12.5, jobName: 'gear.gcode', source: 'printfloor' });
    expect(relay.metrics().rejected).toBe(before + 1);
  });

  it('republishes each normalized status, retained, for other consumers', async () => {
    const consumer = await mqttClient(MOSQUITTO_URL);
    const got = new Map<string, unknown>();
    consumer.on(
      'message',
      (topic, payload) => payload.length > 0 && got.set(topic, JSON.parse(payload.toString())),
    );
    await consumer.subscribeAsync(`${root}/status/+`);
    const republished = await waitFor(() => got.get(`${root}/status/PR-NA`), 5000, 'retained status');
    expect(printerStatusSchema.parse(republished)).toMatchObject({ code: 'PR-NA', state: 'printing' });
    await consumer.endAsync();
  });
});
