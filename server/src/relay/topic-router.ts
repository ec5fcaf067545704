import type { PrinterConfig } from './relay.types.ts';

/** Where a message on the site broker belongs: which printer, and the topic below its base. */
export interface Route {
  code: string;
  /** `status` (native), `report` (Bambu), `event/PrintDone`, `klipper/status`, … */
  subtopic: string;
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, '');

/** The topic prefix a printer publishes under on the site broker; null for native and direct Bambu. */
export function printerBase(cfg: PrinterConfig): string | null {
  switch (cfg.protocol) {
    case 'octoprint':
      return trimSlashes(cfg.baseTopic ?? 'octoPrint');
    case 'moonraker':
      return trimSlashes(cfg.baseTopic ?? cfg.code);
    case 'bambu':
      return cfg.host || !cfg.serial ? null : `device/${cfg.serial}`;
    case 'printfloor':
      return null;
  }
}

/** Topic filters the relay subscribes to on the site broker for these printers. */
export function siteSubscriptions(configs: PrinterConfig[], topicRoot: string): string[] {
  const filters = new Set<string>([`${topicRoot}/printers/+/status`]);
  for (const cfg of configs) {
    const base = printerBase(cfg);
    if (base === null) continue;
    if (cfg.protocol === 'octoprint') filters.add(`${base}/#`);
    if (cfg.protocol === 'moonraker') {
      filters.add(`${base}/klipper/#`);
      filters.add(`${base}/moonraker/status`);
      filters.add(`${base}/moonraker/api/response`);
    }
    if (cfg.protocol === 'bambu') filters.add(`${base}/report`);
  }
  return [...filters].sort();
}

/**
 * Maps topics to printers. Bases must be unique: a second printer claiming a base already taken is
 * reported in `conflicts` and gets no messages (two OctoPrints on the default `octoPrint` would
 * otherwise mix their statuses).
 */
export class TopicRouter {
  private readonly byBase = new Map<string, string>();
  private readonly native = new Set<string>();
  readonly conflicts: string[] = [];

  constructor(
    configs: PrinterConfig[],
    private readonly topicRoot: string,
  ) {
    for (const cfg of configs) {
      const base = printerBase(cfg);
      if (cfg.protocol === 'printfloor') this.native.add(cfg.code);
      if (base === null) continue;
      const owner = this.byBase.get(base);
      if (owner !== undefined)
        this.conflicts.push(`${cfg.code}: topic base "${base}" is already used by ${owner}`);
      else this.byBase.set(base, cfg.code);
    }
  }

  route(topic: string): Route | null {
    const native = this.nativeCode(topic);
    if (native !== null) return this.native.has(native) ? { code: native, subtopic: 'status' } : null;
    const levels = topic.split('/');
    // Longest base first, so `farm/a` wins over `farm` when both are configured.
    for (let i = levels.length - 1; i >= 1; i--) {
      const code = this.byBase.get(levels.slice(0, i).join('/'));
      if (code !== undefined) return { code, subtopic: levels.slice(i).join('/') };
    }
    return null;
  }

  private nativeCode(topic: string): string | null {
    const prefix = `${this.topicRoot}/printers/`;
    if (!topic.startsWith(prefix) || !topic.endsWith('/status')) return null;
    const code = topic.slice(prefix.length, -'/status'.length);
    return code.length > 0 && !code.includes('/') ? code : null;
  }
}
