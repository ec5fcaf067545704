import type { SimMessage } from './bambu-sim.ts';
import { approach, DemoJob, type DemoPhase } from './demo-job.ts';

const KLIPPER_STATE: Record<DemoPhase, string> = {
  idle: 'standby',
  preparing: 'printing',
  printing: 'printing',
  paused: 'paused',
  finished: 'complete',
  failed: 'cancelled',
};

/**
 * A Klipper printer behind Moonraker's `[mqtt]` component under `{instance}/`: `moonraker/status`
 * online (retained), `klipper/status` with the full subscription first and changed fields after,
 * and answers to `printer.objects.query` on `moonraker/api/response`.
 */
export class MoonrakerSim {
  private readonly job: DemoJob;
  private nozzle = 26;
  private bed = 24;
  private t = 500_000;

  constructor(
    readonly base: string,
    private readonly rnd: () => number,
  ) {
    this.job = new DemoJob(rnd, 900);
  }

  get requestTopic(): string {
    return `${this.base}/moonraker/api/request`;
  }

  start(): SimMessage[] {
    return [
      {
        topic: `${this.base}/moonraker/status`,
        payload: JSON.stringify({ server: 'online' }),
        retain: true,
        qos: 1,
      },
      {
        topic: `${this.base}/klipper/status`,
        payload: JSON.stringify({ eventtime: this.t, status: this.objects() }),
      },
    ];
  }

  /** The JSON-RPC answer to a `printer.objects.query` request. */
  answer(request: string): SimMessage | null {
    let id: unknown = null;
    try {
      id = (JSON.parse(request) as { id?: unknown }).id ?? null;
    } catch {
      return null;
    }
    const result = { eventtime: this.t, status: this.objects() };
    return {
      topic: `${this.base}/moonraker/api/response`,
      payload: JSON.stringify({ jsonrpc: '2.0', result, id }),
    };
  }

  tick(): SimMessage {
    const changed = this.job.step();
    this.t += 1;
    const objects = this.objects();
    const delta: Record<string, unknown> = { extruder: objects.extruder, heater_bed: objects.heater_bed };
    if (changed || this.job.phase === 'printing') {
      delta.print_stats = objects.print_stats;
      delta.display_status = objects.display_status;
    }
    return {
      topic: `${this.base}/klipper/status`,
      payload: JSON.stringify({ eventtime: this.t, status: delta }),
    };
  }

  private objects(): Record<string, Record<string, unknown>> {
    const j = this.job;
    const hot = j.phase === 'preparing' || j.phase === 'printing' || j.phase === 'paused';
    this.nozzle = approach(this.nozzle, hot ? 245 : 26, this.rnd);
    this.bed = approach(this.bed, hot ? 100 : 24, this.rnd, 0.06);
    const frac = j.progress / 100;
    return {
      webhooks: { state: 'ready', state_message: 'Printer is ready' },
      print_stats: {
        filename: j.phase === 'idle' ? '' : `${j.name.replace(/\W+/g, '_')}.gcode`,
        state: KLIPPER_STATE[j.phase],
        print_duration: Math.round(j.progress * 36),
        filament_used: Math.round(j.progress * 52.4 * 10) / 10,
        message: '',
        info: { total_layer: j.totalLayers || null, current_layer: j.phase === 'idle' ? null : j.layer },
      },
      display_status: { progress: frac, message: null },
      extruder: { temperature: this.nozzle, target: hot ? 245 : 0 },
      heater_bed: { temperature: this.bed, target: hot ? 100 : 0 },
    };
  }
}

/** OctoPrint-MQTT under a base topic: last will, temperatures, progress and job events. */
export class OctoPrintSim {
  private readonly job: DemoJob;
  private nozzle = 25;
  private bed = 24;
  private now = 1_700_000_000;

  constructor(
    readonly base: string,
    private readonly rnd: () => number,
  ) {
    this.job = new DemoJob(rnd, 700);
  }

  start(): SimMessage[] {
    const j = this.job;
    // OctoPrint-MQTT publishes its status retained at QoS 1 (LWT_CONNECTED).
    const out: SimMessage[] = [{ topic: `${this.base}/mqtt`, payload: 'connected', retain: true, qos: 1 }];
    out.push(this.event('Connected', { port: '/dev/ttyACM0', baudrate: 115200 }));
    if (j.phase === 'printing')
      out.push(this.event('PrintStarted', this.file()), this.stateChanged('PRINTING', 'Printing'));
    else out.push(this.stateChanged('OPERATIONAL', 'Operational'));
    return out;
  }

  tick(): SimMessage[] {
    const j = this.job;
    const before = j.progress;
    const changed = j.step();
    this.now += 10;
    const hot = j.phase === 'preparing' || j.phase === 'printing' || j.phase === 'paused';
    this.nozzle = approach(this.nozzle, hot ? 215 : 25, this.rnd);
    this.bed = approach(this.bed, hot ? 60 : 24, this.rnd, 0.08);
    const out: SimMessage[] = [
      {
        topic: `${this.base}/temperature/tool0`,
        payload: JSON.stringify({ _timestamp: this.now, actual: this.nozzle, target: hot ? 215 : 0 }),
        retain: true,
      },
      {
        topic: `${this.base}/temperature/bed`,
        payload: JSON.stringify({ _timestamp: this.now, actual: this.bed, target: hot ? 60 : 0 }),
        retain: true,
      },
    ];
    if (changed) out.push(...this.phaseEvents());
    if (j.progress !== before && j.phase === 'printing') {
      const progress = {
        _timestamp: this.now,
        location: 'local',
        path: this.file().path,
        progress: j.progress,
      };
      out.push({ topic: `${this.base}/progress/printing`, payload: JSON.stringify(progress), retain: true });
    }
    return out;
  }

  private phaseEvents(): SimMessage[] {
    switch (this.job.phase) {
      case 'preparing':
        return [this.event('PrintStarted', this.file()), this.stateChanged('STARTING', 'Starting')];
      case 'printing':
        return [this.stateChanged('PRINTING', 'Printing')];
      case 'paused':
        return [this.event('PrintPaused', this.file()), this.stateChanged('PAUSED', 'Paused')];
      case 'finished':
        return [
          this.event('PrintDone', { ...this.file(), time: 3600 }),
          this.stateChanged('OPERATIONAL', 'Operational'),
        ];
      case 'failed':
        return [this.event('PrintCancelled', this.file()), this.stateChanged('OPERATIONAL', 'Operational')];
      case 'idle':
        return [];
    }
  }

  private file() {
    const name = `${this.job.name.replace(/\W+/g, '_')}.gcode`;
    return { name, path: name, origin: 'local', size: 1_250_000 };
  }

  private event(name: string, body: object): SimMessage {
    return {
      topic: `${this.base}/event/${name}`,
      payload: JSON.stringify({ _event: name, _timestamp: this.now, ...body }),
    };
  }

  private stateChanged(id: string, text: string): SimMessage {
    return this.event('PrinterStateChanged', { state_id: id, state_string: text });
  }
}
