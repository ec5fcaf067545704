import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { BambuLink, bambuRequestTopic, PushallLimiter } from './bambu-link.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { MqttLink } from './mqtt-link.ts';
import { PrinterHub } from './printer-hub.ts';
import type {
  LinkInfo,
  PrinterConfig,
  Relay,
  RelayListener,
  RelayMetrics,
  RelayOptions,
  RelayUpdate,
} from './relay.types.ts';
import { MemoryStatusStore } from './status-store.ts';
import { PgStatusStore } from './pg-status-store.ts';
import { printerBase, siteSubscriptions, TopicRouter } from './topic-router.ts';
import { BAMBU_PUSHALL } from '@printfloor/shared';

export type { Relay, RelayOptions, PrinterConfig, RelayUpdate } from './relay.types.ts';

type Defaulted =
  | 'brokerPort'
  | 'brokerHost'
  | 'offlineAfterMs'
  | 'minIntervalMs'
  | 'persistEveryMs'
  | 'topicRoot'
  | 'reconnect'
  | 'pushallMinIntervalMs'
  | 'clientId';
/** The options with every default filled in. */
type Settings = RelayOptions & { [K in Defaulted]-?: Exclude<RelayOptions[K], undefined> };

const DEFAULTS: Pick<Settings, Defaulted> = {
  brokerPort: 1883,
  brokerHost: '127.0.0.1',
  offlineAfterMs: 60_000,
  minIntervalMs: 250,
  persistEveryMs: 30_000,
  topicRoot: 'printfloor/v1',
  reconnect: { minMs: 1000, maxMs: 30_000 },
  pushallMinIntervalMs: 60_000,
  clientId: 'printfloor-relay',
};

/** Direct Bambu printers have their own connection; everything else comes through the site broker. */
const isDirectBambu = (cfg: PrinterConfig): cfg is PrinterConfig & { host: string; serial: string } =>
  cfg.protocol === 'bambu' && !!cfg.host && !!cfg.serial;

/** The Moonraker query whose answer is a full snapshot (`klipper/status` itself is not retained). */
const MOONRAKER_QUERY = JSON.stringify({
  jsonrpc: '2.0',
  method: 'printer.objects.query',
  params: {
    objects: {
      print_stats: null,
      display_status: null,
      virtual_sdcard: ['progress'],
      extruder: ['temperature', 'target'],
      heater_bed: ['temperature', 'target'],
      webhooks: null,
    },
  },
  id: 'printfloor-relay',
});

/**
 * Starts the printer relay: the site broker connection (or an embedded aedes broker), one TLS
 * connection per direct Bambu printer, and the hub that turns their messages into coalesced,
 * persisted, republished statuses. Resolves once the configured printers are loaded.
 */
export async function startRelay(opts: RelayOptions): Promise<Relay> {
  // Sound: stripUndefined leaves only set options, so every defaulted key ends up defined.
  const o = { ...DEFAULTS, ...stripUndefined(opts) } as Settings;
  const broker = opts.mqttUrl
    ? null
    : await startEmbeddedBroker({ port: o.brokerPort, host: o.brokerHost, logger: o.logger });
  const relay = new PrinterRelay(o, broker);
  await relay.restore();
  await relay.reload();
  return relay;
}

class PrinterRelay implements Relay {
  readonly closed: Promise<void>;
  private markClosed!: () => void;
  private readonly store;
  private readonly hub: PrinterHub;
  private readonly site: MqttLink;
  private readonly bambu = new Map<string, BambuLink>();
  private readonly pushall: PushallLimiter;
  private readonly suffix = Math.random().toString(36).slice(2, 8);
  private router: TopicRouter;
  private filters: string[] = [];
  /** Reloads run one after another: two at once could open the same Bambu connection twice. */
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: Settings,
    private readonly broker: EmbeddedBroker | null,
  ) {
    this.closed = new Promise<void>((resolve) => (this.markClosed = resolve));
    this.store = o.store ?? (o.db ? new PgStatusStore(o.db) : new MemoryStatusStore());
    this.pushall = new PushallLimiter(o.pushallMinIntervalMs);
    this.router = new TopicRouter([], o.topicRoot);
    this.hub = new PrinterHub({
      logger: o.logger,
      store: this.store,
      offlineAfterMs: o.offlineAfterMs,
      minIntervalMs: o.minIntervalMs,
      persistEveryMs: o.persistEveryMs,
      linkStep: o.linkStep,
      onStateChange: o.onStateChange,
      onEmit: (u) => this.republish(u),
      onRequestFull: (cfg) => this.requestFull(cfg),
    });
    this.site = new MqttLink({
      name: 'site',
      logger: o.logger,
      reconnect: o.reconnect,
      create: () => this.newClient(`${o.clientId}-${this.suffix}`),
      onConnect: (client) => this.onSiteConnect(client),
      onMessage: (topic, payload) => {
        const route = this.router.route(topic);
        if (route) this.hub.ingest(route.code, route.subtopic, payload, topic);
        else this.hub.ingest('', '', payload, topic); // counted as unrouted
      },
      onDown: () => this.hub.markOffline(this.siteCodes(), 'relay lost the MQTT broker'),
      onError: () => void this.hub.metrics.connectionErrors++,
      onReconnect: () => void this.hub.metrics.reconnects++,
    });
  }

  async restore(): Promise<void> {
    try {
      this.hub.restore(await this.store.loadSnapshots());
    } catch (err) {
      this.o.logger.warn('relay could not load persisted printer statuses', { error: err });
    }
  }

  private newClient(clientId: string, extra: IClientOptions = {}): MqttClient {
    const options: IClientOptions = {
      clientId,
      clean: true,
      keepalive: 30,
      connectTimeout: 10_000,
      reconnectPeriod: 0,
      resubscribe: false,
      // While the broker is away, a stale status is worth nothing: do not queue QoS 0 publishes.
      queueQoSZero: false,
      ...extra,
    };
    return this.broker ? this.broker.client(options) : connect(this.o.mqttUrl!, options);
  }

  private siteCodes(): string[] {
    return this.hub.codes((cfg) => !isDirectBambu(cfg));
  }

  private async onSiteConnect(client: MqttClient): Promise<void> {
    if (this.filters.length > 0) await client.subscribeAsync(this.filters, { qos: 0 });
    for (const code of this.siteCodes()) {
      const cfg = this.hub.config(code);
      if (cfg) this.snapshotRequest(cfg, client);
    }
  }

  /** Asks a site-broker printer for a full state: Moonraker's object query, a bridged Bambu's pushall. */
  private snapshotRequest(cfg: PrinterConfig, client: MqttClient): void {
    const base = printerBase(cfg);
    if (base === null) return;
    if (cfg.protocol === 'moonraker') client.publish(`${base}/moonraker/api/request`, MOONRAKER_QUERY);
    if (cfg.protocol === 'bambu' && cfg.serial && this.pushall.allow(cfg)) {
      client.publish(bambuRequestTopic(cfg.serial), BAMBU_PUSHALL);
    }
  }

  private requestFull(cfg: PrinterConfig): void {
    const direct = this.bambu.get(cfg.code);
    if (direct) direct.requestFull();
    else if (this.site.client.connected) this.snapshotRequest(cfg, this.site.client);
  }

  private republish(u: RelayUpdate): void {
    if (this.o.republish === false || !this.site.client.connected) return;
    const topic = `${this.o.topicRoot}/status/${u.status.code}`;
    this.site.client.publish(topic, JSON.stringify(u.status), { qos: 0, retain: true });
    this.hub.metrics.republished++;
  }

  reload(): Promise<void> {
    this.reloading = this.reloading.catch(() => undefined).then(() => this.applyConfigs());
    return this.reloading;
  }

  private async applyConfigs(): Promise<void> {
    const { logger, topicRoot } = this.o;
    const configs = await this.o.printers();
    for (const code of this.hub.setPrinters(configs)) {
      logger.warn('printer code configured twice; the first one is used', { printer: code });
    }
    this.router = new TopicRouter(configs, topicRoot);
    for (const c of this.router.conflicts) logger.warn(`printer topic conflict: ${c}`);
    const next = siteSubscriptions(configs, topicRoot);
    const added = next.filter((f) => !this.filters.includes(f));
    const removed = this.filters.filter((f) => !next.includes(f));
    this.filters = next; // a (re)connect subscribes to these
    if (this.site.client.connected) {
      // Awaited, so messages published after reload() resolves are routed.
      await Promise.all([
        added.length > 0 ? this.site.client.subscribeAsync(added, { qos: 0 }) : null,
        removed.length > 0 ? this.site.client.unsubscribeAsync(removed) : null,
      ]).catch((err: unknown) => logger.warn('relay could not update its subscriptions', { error: err }));
    }
    await this.syncBambuLinks(configs);
  }

  private async syncBambuLinks(configs: PrinterConfig[]): Promise<void> {
    const wanted = new Map(configs.filter(isDirectBambu).map((c) => [c.code, c]));
    for (const [code, link] of this.bambu) {
      const cfg = wanted.get(code);
      if (cfg && JSON.stringify(cfg) === JSON.stringify(link.cfg)) continue;
      this.bambu.delete(code);
      await link.close();
    }
    for (const [code, cfg] of wanted) {
      if (this.bambu.has(code)) continue;
      const link = new BambuLink(cfg, {
        logger: this.o.logger,
        clientId: `${this.o.clientId}-${code}-${this.suffix}`,
        reconnect: this.o.reconnect,
        pushall: this.pushall,
        onReport: (payload) => this.hub.ingest(code, 'report', payload, `device/${cfg.serial}/report`),
        onDown: (reason) => this.hub.markOffline([code], `connection closed: ${reason}`),
        onError: () => void this.hub.metrics.connectionErrors++,
        onReconnect: () => void this.hub.metrics.reconnects++,
      });
      this.bambu.set(code, link);
    }
  }

  subscribe(listener: RelayListener): () => void {
    return this.hub.subscribe(listener);
  }

  snapshot(tenantId?: string): RelayUpdate[] {
    return this.hub.snapshot(tenantId);
  }

  metrics(): RelayMetrics {
    return { ...this.hub.metrics };
  }

  links(): LinkInfo[] {
    return [this.site.info(), ...[...this.bambu.values()].map((l) => l.info())];
  }

  openClient(clientId: string): MqttClient {
    return this.newClient(clientId, { queueQoSZero: true });
  }

  brokerPort(): number | null {
    return this.broker?.port ?? null;
  }

  async close(): Promise<void> {
    this.markClosed();
    await this.reloading.catch(() => undefined);
    await Promise.all([...this.bambu.values()].map((l) => l.close()));
    this.bambu.clear();
    await this.site.close();
    await this.hub.close();
    await this.broker?.close();
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
