import { approach, DemoJob, type DemoPhase } from './demo-job.ts';

/** What a simulated printer puts on the broker in one tick. */
export interface SimMessage {
  topic: string;
  payload: string;
  retain?: boolean;
  qos?: 0 | 1;
}

const GCODE_STATE: Record<DemoPhase, string> = {
  idle: 'IDLE',
  preparing: 'PREPARE',
  printing: 'RUNNING',
  paused: 'PAUSE',
  finished: 'FINISH',
  failed: 'FAILED',
};
const TRAYS = [
  { type: 'PLA', color: '000000FF', sub: 'PLA Basic' },
  { type: 'PLA', color: 'FFFFFFFF', sub: 'PLA Basic' },
  { type: 'PETG', color: 'F27A1AFF', sub: 'PETG HF' },
  { type: 'PLA', color: '00AE42FF', sub: 'PLA Matte' },
];
const CANCEL = 50348044; // 0x0300400C

/**
 * A Bambu printer on `device/<serial>/report`, speaking like a P1S: a full report (`msg` 0) on
 * start and on `pushall`, deltas (`msg` 1) with only what changed, numbers partly as strings, the
 * AMS block with `ams.ams` complete and the AMS-level fields left out (as the real P1S delta does).
 */
export class BambuSim {
  private readonly job: DemoJob;
  private seq = 1000;
  private nozzle = 28;
  private bed = 25;
  private readonly remain: number[];
  private trayNow = 255;

  constructor(
    readonly serial: string,
    private readonly rnd: () => number,
  ) {
    this.job = new DemoJob(rnd);
    this.remain = TRAYS.map(() => 20 + Math.floor(rnd() * 80));
    if (this.job.phase === 'printing') this.trayNow = Math.floor(rnd() * TRAYS.length);
  }

  get reportTopic(): string {
    return `device/${this.serial}/report`;
  }

  get requestTopic(): string {
    return `device/${this.serial}/request`;
  }

  /** The answer to `pushall`. */
  full(): SimMessage {
    const print = {
      ...this.jobFields(),
      ...this.tempFields(),
      chamber_temper: 27,
      hms: [],
      print_error: this.job.phase === 'failed' ? CANCEL : 0,
      ams: {
        ams: [this.amsUnit()],
        ams_exist_bits: '1',
        tray_exist_bits: 'f',
        tray_now: String(this.trayNow),
        tray_tar: String(this.trayNow),
        version: 4,
        insert_flag: true,
        power_on_flag: false,
      },
      vt_tray: { id: '254', tray_type: '', tray_color: '00000000', remain: 0 },
      wifi_signal: '-52dBm',
      command: 'push_status',
      msg: 0,
      sequence_id: String(this.seq++),
    };
    return { topic: this.reportTopic, payload: JSON.stringify({ print }) };
  }

  /** One tick: a delta with what changed. */
  tick(): SimMessage {
    const changed = this.job.step();
    const phase = this.job.phase;
    const delta: Record<string, unknown> = { ...this.tempFields() };
    if (phase === 'printing' || phase === 'paused' || changed) Object.assign(delta, this.jobFields());
    if (changed && phase === 'preparing') this.trayNow = Math.floor(this.rnd() * TRAYS.length);
    if (changed && phase === 'failed') delta.print_error = CANCEL;
    if (changed && phase === 'idle') delta.print_error = 0;
    if (changed && (phase === 'preparing' || phase === 'idle')) {
      if (phase === 'idle') this.trayNow = 255;
      delta.ams = { ams: [this.amsUnit()], tray_now: String(this.trayNow) };
    } else if (phase === 'printing' && this.rnd() < 0.03 && this.trayNow < TRAYS.length) {
      this.remain[this.trayNow] = Math.max(0, (this.remain[this.trayNow] ?? 0) - 1);
      delta.ams = { ams: [this.amsUnit()] };
    }
    return {
      topic: this.reportTopic,
      payload: JSON.stringify({
        print: { ...delta, command: 'push_status', msg: 1, sequence_id: String(this.seq++) },
      }),
    };
  }

  private jobFields(): Record<string, unknown> {
    const j = this.job;
    return {
      gcode_state: GCODE_STATE[j.phase],
      subtask_name: j.name,
      gcode_file: j.name ? `/data/Metadata/${j.name.replace(/\W+/g, '_')}.gcode` : '',
      mc_percent: j.progress,
      mc_remaining_time: j.phase === 'printing' || j.phase === 'paused' ? j.remainingMinutes : 0,
      layer_num: j.layer,
      total_layer_num: j.totalLayers,
      stg_cur: j.phase === 'paused' ? 6 : j.phase === 'printing' ? 0 : -1,
    };
  }

  private tempFields(): Record<string, unknown> {
    const heating =
      this.job.phase === 'preparing' || this.job.phase === 'printing' || this.job.phase === 'paused';
    const nozzleTarget = heating ? 220 : 0;
    const bedTarget = heating ? 55 : 0;
    this.nozzle = approach(this.nozzle, nozzleTarget || 27, this.rnd);
    this.bed = approach(this.bed, bedTarget || 25, this.rnd, 0.08);
    return {
      nozzle_temper: this.nozzle,
      nozzle_target_temper: nozzleTarget,
      bed_temper: this.bed,
      bed_target_temper: bedTarget,
    };
  }

  private amsUnit(): Record<string, unknown> {
    return {
      id: '0',
      humidity: '4',
      temp: '27.1',
      tray: TRAYS.map((t, i) => ({
        id: String(i),
        tray_type: t.type,
        tray_sub_brands: t.sub,
        tray_color: t.color,
        remain: this.remain[i],
        state: 11,
      })),
    };
  }
}
