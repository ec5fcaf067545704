import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../logger.ts';
import { BambuLink, bambuRequestTopic, PushallLimiter } from './bambu-link.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { MqttLink } from './mqtt-link.ts';
import { PrinterHub } from './printer-hub.ts';
import type { LinkErrorKind, PrinterConfig, Relay, RelayOptions, RelayUpdate } from './relay.types.ts';
import { MemoryStatusStore } from './status-store.ts';
import { PgStatusStore } from './pg-status-store.ts';
import { printerBase, siteSubscriptions, TopicRouter } from './topic-router.ts';
import { BAMBU_PUSHALL } from '@printfloor/shared';

export type { Relay, RelayOptions, PrinterConfig, RelayUpdate } from './relay.types.ts';

const DEFAULTS = {
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
 * persisted, republished statuses.
 */
export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const o = { ...DEFAULTS, ...stripUndefined(opts) };
  const logger: Logger = opts.logger;
  const store = opts.store ?? (opts.db ? new PgStatusStore(opts.db) : new MemoryStatusStore());
  const suffix = Math.random().toString(36).slice(2, 8);
  const pushall = new PushallLimiter(o.pushallMinIntervalMs);
  const bambu = new Map<string, BambuLink>();
  let router = new TopicRouter([], o.topicRoot);
  let filters: string[] = [];

  const hub = new PrinterHub({
    logger,
    store,
    offlineAfterMs: o.offlineAfterMs,
    minIntervalMs: o.minIntervalMs,
    persistEveryMs: o.persistEveryMs,
    linkStep: opts.linkStep,
    onStateChange: opts.onStateChange,
    onEmit: (u) => republish(u),
    onRequestFull: (cfg) => requestFull(cfg),
  });
  try {
    hub.restore(await store.loadSnapshots());
  } catch (err) {
    logger.warn('relay could not load persisted printer statuses', { error: err });
  }

  const broker: EmbeddedBroker | null = opts.mqttUrl
    ? null
    : await startEmbeddedBroker({ port: o.brokerPort, host: o.brokerHost, logger });
  const clientOptions = (clientId: string): IClientOptions => ({
    clientId,
    clean: true,
    keepalive: 30,
    connectTimeout: 10_000,
    reconnectPeriod: 0,
    resubscribe: false,
    // While the broker is away, a stale status is worth nothing: do not queue QoS 0 publishes.
    queueQoSZero: false,
  });
  const newClient = (clientId: string, extra: IClientOptions = {}): MqttClient =>
    broker
      ? broker.client({ ...clientOptions(clientId), ...extra })
      : connect(opts.mqttUrl!, { ...clientOptions(clientId), ...extra });

  const countError = (_info: { kind: LinkErrorKind; message: string }) => void hub.metrics.connectionErrors++;
  const siteCodes = () => hub.codes((cfg) => !isDirectBambu(cfg));
  const site = new MqttLink({
    name: 'site',
    logger,
    reconnect: o.reconnect,
    create: () => newClient(`${o.clientId}-${suffix}`),
    onConnect: async (client) => {
      if (filters.length > 0) await client.subscribeAsync(filters, { qos: 0 });
      for (const code of siteCodes()) {
        const cfg = hub.config(code);
        if (cfg) snapshotRequest(cfg, client);
      }
    },
    onMessage: (topic, payload) => {
      const route = router.route(topic);
      if (route) hub.ingest(route.code, route.subtopic, payload, topic);
      else hub.ingest('', '', payload, topic); // counted as unrouted
    },
    onDown: () => hub.markOffline(siteCodes(), 'relay lost the MQTT broker'),
    onError: countError,
    onReconnect: () => void hub.metrics.reconnects++,
  });

  function snapshotRequest(cfg: PrinterConfig, client: MqttClient): void {
    const base = printerBase(cfg);
    if (base === null) return;
    if (cfg.protocol === 'moonraker') client.publish(`${base}/moonraker/api/request`, MOONRAKER_QUERY);
    if (cfg.protocol === 'bambu' && cfg.serial && pushall.allow(cfg))
      client.publish(bambuRequestTopic(cfg.serial), BAMBU_PUSHALL);
  }

  function requestFull(cfg: PrinterConfig): void {
    const direct = bambu.get(cfg.code);
    if (direct) direct.requestFull();
    else if (site.client.connected) snapshotRequest(cfg, site.client);
  }

  function republish(u: RelayUpdate): void {
    if (o.republish === false || !site.client.connected) return;
    site.client.publish(`${o.topicRoot}/status/${u.status.code}`, JSON.stringify(u.status), {
      qos: 0,
      retain: true,
    });
    hub.metrics.republished++;
  }

  // Reloads run one after another: two at once could open the same Bambu connection twice.
  let reloading: Promise<void> = Promise.resolve();
  function reload(): Promise<void> {
    reloading = reloading.catch(() => undefined).then(applyConfigs);
    return reloading;
  }

  async function applyConfigs(): Promise<void> {
    const configs = await opts.printers();
    for (const code of hub.setPrinters(configs))
      logger.warn('printer code configured twice; the first one is used', { printer: code });
    router = new TopicRouter(configs, o.topicRoot);
    for (const c of router.conflicts) logger.warn(`printer topic conflict: ${c}`);
    const next = siteSubscriptions(configs, o.topicRoot);
    const added = next.filter((f) => !filters.includes(f));
    const removed = filters.filter((f) => !next.includes(f));
    filters = next; // a (re)connect subscribes to these
    if (site.client.connected) {
      // Awaited, so messages published after reload() resolves are routed.
      await Promise.all([
        added.length > 0 ? site.client.subscribeAsync(added, { qos: 0 }) : null,
        removed.length > 0 ? site.client.unsubscribeAsync(removed) : null,
      ]).catch((err: unknown) => logger.warn('relay could not update its subscriptions', { error: err }));
    }
    await syncBambuLinks(configs);
  }

  async function syncBambuLinks(configs: PrinterConfig[]): Promise<void> {
    const wanted = new Map(configs.filter(isDirectBambu).map((c) => [c.code, c]));
    for (const [code, link] of bambu) {
      const cfg = wanted.get(code);
      if (cfg && JSON.stringify(cfg) === JSON.stringify(link.cfg)) continue;
      bambu.delete(code);
      await link.close();
    }
    for (const [code, cfg] of wanted) {
      if (bambu.has(code)) continue;
      bambu.set(
        code,
        new BambuLink(cfg, {
          logger,
          clientId: `${o.clientId}-${code}-${suffix}`,
          reconnect: o.reconnect,
          pushall,
          onReport: (payload) => hub.ingest(code, 'report', payload, `device/${cfg.serial}/report`),
          onDown: (reason) => hub.markOffline([code], `connection closed: ${reason}`),
          onError: countError,
          onReconnect: () => void hub.metrics.reconnects++,
        }),
      );
    }
  }

  await reload();

  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  return {
    closed,
    subscribe: (listener) => hub.subscribe(listener),
    snapshot: (tenantId) => hub.snapshot(tenantId),
    metrics: () => ({ ...hub.metrics }),
    links: () => [site.info(), ...[...bambu.values()].map((l) => l.info())],
    reload,
    openClient: (clientId) => newClient(clientId, { queueQoSZero: true }),
    brokerPort: () => broker?.port ?? null,
    async close() {
      markClosed();
      await Promise.all([...bambu.values()].map((l) => l.close()));
      bambu.clear();
      await site.close();
      await hub.close();
      await broker?.close();
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
