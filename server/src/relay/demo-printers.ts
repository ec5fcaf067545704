import type { MqttClient } from 'mqtt';
import type { Logger } from '../logger.ts';
import { BambuSim, type SimMessage } from './demo/bambu-sim.ts';
import { seeded } from './demo/demo-job.ts';
import { MoonrakerSim, OctoPrintSim } from './demo/klipper-octoprint-sim.ts';
import type { PrinterConfig, Relay } from './relay.types.ts';
import { printerBase } from './topic-router.ts';

/**
 * Every OctoPrint printer without a base topic of its own gets `octoPrint/<code>`: OctoPrint-MQTT's
 * default base is one shared `octoPrint`, which only works for a single printer per broker.
 */
export function withDemoTopics(configs: PrinterConfig[]): PrinterConfig[] {
  return configs.map((c) =>
    c.protocol === 'octoprint' && !c.baseTopic ? { ...c, baseTopic: `octoPrint/${c.code}` } : c,
  );
}

export interface DemoPrinters {
  /** Codes of the printers being simulated. */
  codes: string[];
  stop(): Promise<void>;
}

type Sim =
  | { kind: 'bambu'; sim: BambuSim }
  | { kind: 'moonraker'; sim: MoonrakerSim }
  | { kind: 'octoprint'; sim: OctoPrintSim };

function simFor(cfg: PrinterConfig, rnd: () => number): Sim | null {
  const base = printerBase(cfg);
  if (cfg.protocol === 'bambu' && cfg.serial && !cfg.host)
    return { kind: 'bambu', sim: new BambuSim(cfg.serial, rnd) };
  if (cfg.protocol === 'moonraker' && base) return { kind: 'moonraker', sim: new MoonrakerSim(base, rnd) };
  if (cfg.protocol === 'octoprint' && base) return { kind: 'octoprint', sim: new OctoPrintSim(base, rnd) };
  return null; // direct Bambu printers and native publishers are real machines, not simulated
}

/**
 * `pnpm start -- --demo`: simulated printers publishing the Bambu, Moonraker and OctoPrint formats
 * through the relay's broker (the embedded one, or the site broker), one message per printer per
 * tick, so a new user sees a live farm. Pass the same (`withDemoTopics`) configs the relay uses.
 */
export async function startDemoPrinters(opts: {
  relay: Pick<Relay, 'openClient'>;
  printers: PrinterConfig[];
  logger: Logger;
  tickMs?: number;
  seed?: number;
}): Promise<DemoPrinters> {
  const rnd = seeded(opts.seed ?? 7);
  const sims = new Map<string, Sim>();
  for (const cfg of opts.printers) {
    const sim = simFor(cfg, rnd);
    if (sim) sims.set(cfg.code, sim);
  }
  const client: MqttClient = opts.relay.openClient(
    `printfloor-demo-${Math.random().toString(36).slice(2, 8)}`,
  );
  const send = (messages: SimMessage[]) => {
    for (const m of messages)
      client.publish(m.topic, m.payload, { qos: m.qos ?? 0, retain: m.retain ?? false });
  };
  const requests = new Map<string, Sim>();
  for (const s of sims.values()) {
    if (s.kind === 'bambu') requests.set(s.sim.requestTopic, s);
    if (s.kind === 'moonraker') requests.set(s.sim.requestTopic, s);
  }
  client.on('message', (topic, payload) => {
    const s = requests.get(topic);
    if (s?.kind === 'bambu' && payload.toString().includes('pushall')) send([s.sim.full()]);
    if (s?.kind === 'moonraker') {
      const answer = s.sim.answer(payload.toString());
      if (answer) send([answer]);
    }
  });
  client.on('connect', () => {
    if (requests.size > 0) client.subscribe([...requests.keys()], { qos: 0 });
  });
  await new Promise<void>((resolve) =>
    client.connected ? resolve() : client.once('connect', () => resolve()),
  );

  for (const s of sims.values()) {
    if (s.kind === 'bambu') send([s.sim.full()]);
    else send(s.sim.start());
  }
  const timer = setInterval(() => {
    if (!client.connected) return;
    for (const s of sims.values()) {
      if (s.kind === 'octoprint') send(s.sim.tick());
      else send([s.sim.tick()]);
    }
  }, opts.tickMs ?? 1000);
  timer.unref();
  opts.logger.info('demo printers publishing', { printers: sims.size });

  return {
    codes: [...sims.keys()],
    async stop() {
      clearInterval(timer);
      await client.endAsync().catch(() => undefined);
    },
  };
}
