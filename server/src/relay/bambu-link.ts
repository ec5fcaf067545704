import { connect } from 'mqtt';
import { BAMBU_GET_VERSION, BAMBU_PUSHALL } from '@printfloor/shared';
import type { Logger } from '../logger.ts';
import { BAMBU_CA_PEM } from './bambu-ca.ts';
import { MqttLink } from './mqtt-link.ts';
import type { LinkErrorKind, PrinterConfig } from './relay.types.ts';

/** PROTOCOLS.md: a P1P must not get `pushall` more often than every 5 minutes. */
const P1P_PUSHALL_MS = 5 * 60_000;

/** Limits `pushall` per printer; the first one after start always goes out. */
export class PushallLimiter {
  private readonly last = new Map<string, number>();
  constructor(private readonly minIntervalMs: number) {}

  allow(cfg: PrinterConfig, now = Date.now()): boolean {
    const min = /^P1P/i.test(cfg.model ?? '')
      ? Math.max(P1P_PUSHALL_MS, this.minIntervalMs)
      : this.minIntervalMs;
    const prev = this.last.get(cfg.code);
    if (prev !== undefined && now - prev < min) return false;
    this.last.set(cfg.code, now);
    return true;
  }
}

export const bambuReportTopic = (serial: string) => `device/${serial}/report`;
export const bambuRequestTopic = (serial: string) => `device/${serial}/request`;

export interface BambuLinkDeps {
  logger: Logger;
  clientId: string;
  reconnect: { minMs: number; maxMs: number };
  pushall: PushallLimiter;
  onReport: (payload: Buffer) => void;
  onDown: (reason: string) => void;
  onError: (info: { kind: LinkErrorKind; message: string }) => void;
  onReconnect: () => void;
}

/**
 * The direct connection to one Bambu printer: its own broker on port 8883, TLS verified against
 * Bambu's CA (or the one configured) with `servername` = the serial — the certificate's CN — and
 * never with verification off; user `bblp`, password the LAN access code. Older P1/A1 firmware
 * serves one local client well, so there is exactly one connection per printer and the relay fans
 * the reports out.
 */
export class BambuLink {
  private readonly link: MqttLink;

  constructor(
    readonly cfg: PrinterConfig & { host: string; serial: string },
    private readonly deps: BambuLinkDeps,
  ) {
    const serial = cfg.serial;
    this.link = new MqttLink({
      name: `bambu:${cfg.code}`,
      logger: deps.logger,
      reconnect: deps.reconnect,
      create: () =>
        connect({
          protocol: 'mqtts',
          host: cfg.host,
          port: cfg.port ?? 8883,
          username: 'bblp',
          password: cfg.accessCode ?? '',
          ca: cfg.ca ?? BAMBU_CA_PEM,
          servername: serial,
          rejectUnauthorized: true,
          clientId: deps.clientId,
          clean: true,
          keepalive: 30,
          connectTimeout: 10_000,
          reconnectPeriod: 0,
          resubscribe: false,
        }),
      onConnect: async (client) => {
        await client.subscribeAsync(bambuReportTopic(serial), { qos: 0 });
        client.publish(bambuRequestTopic(serial), BAMBU_GET_VERSION);
        this.requestFull();
      },
      onMessage: (topic, payload) => {
        if (topic === bambuReportTopic(serial)) deps.onReport(payload);
      },
      onDown: deps.onDown,
      onError: deps.onError,
      onReconnect: deps.onReconnect,
    });
  }

  /** Asks for a full report (rate-limited per printer). */
  requestFull(): void {
    if (!this.link.client.connected || !this.deps.pushall.allow(this.cfg)) return;
    this.link.client.publish(bambuRequestTopic(this.cfg.serial), BAMBU_PUSHALL);
  }

  info() {
    return this.link.info();
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
