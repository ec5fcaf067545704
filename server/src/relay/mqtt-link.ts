import type { MqttClient } from 'mqtt';
import type { Logger } from '../logger.ts';
import { backoffDelay } from './backoff.ts';
import type { LinkErrorKind, LinkInfo } from './relay.types.ts';

/** TLS verification failures: the printer (or a man in the middle) did not prove who it is. */
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Sorts a connection error into what an admin must fix: the code, the certificate, or the network. */
export function classifyLinkError(err: unknown): { kind: LinkErrorKind; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  const code = e?.code;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  // MQTT 3.1.1 CONNACK 4 = bad user name or password, 5 = not authorized (mqtt.js puts it in `code`).
  if (code === 4 || code === 5 || code === 134 || code === 135) return { kind: 'auth', message };
  if (typeof code === 'string' && TLS_CODES.has(code)) return { kind: 'tls', message: `${code}: ${message}` };
  if (typeof code === 'string') return { kind: 'network', message: `${code}: ${message}` };
  return { kind: typeof code === 'number' ? 'protocol' : 'network', message };
}

export interface MqttLinkOptions {
  name: string;
  logger: Logger;
  /** Builds the client with `reconnectPeriod: 0`; the link owns reconnection. */
  create: () => MqttClient;
  reconnect: { minMs: number; maxMs: number };
  /** After every (re)connect: subscribe, send `pushall`, … The link counts as connected once it settles. */
  onConnect: (client: MqttClient) => void | Promise<void>;
  onMessage: (topic: string, payload: Buffer) => void;
  onDown?: (reason: string) => void;
  onError?: (info: { kind: LinkErrorKind; message: string }) => void;
  onReconnect?: () => void;
}

/**
 * One MQTT connection that comes back by itself: exponential backoff with jitter (mqtt.js only has
 * a fixed period), subscriptions renewed on every connect (clean sessions), errors classified and
 * logged once per distinct error rather than once per retry.
 */
export class MqttLink {
  readonly client: MqttClient;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastError: LinkInfo['lastError'] = null;
  private lastLogged = '';
  /** Connected and `onConnect` done (subscriptions acknowledged). */
  private ready = false;

  constructor(private readonly opts: MqttLinkOptions) {
    this.client = opts.create();
    this.client.on('connect', () => {
      this.attempt = 0;
      this.lastLogged = '';
      opts.logger.info('mqtt connected', { link: opts.name });
      Promise.resolve()
        .then(() => opts.onConnect(this.client))
        .then(
          () => (this.ready = this.client.connected),
          (err: unknown) => this.reportError(err),
        );
    });
    this.client.on('message', (topic, payload) => opts.onMessage(topic, payload));
    this.client.on('error', (err) => this.reportError(err));
    this.client.on('close', () => {
      this.ready = false;
      this.scheduleReconnect();
    });
  }

  info(): LinkInfo {
    return {
      name: this.opts.name,
      connected: this.client.connected && this.ready,
      lastError: this.lastError,
    };
  }

  private reportError(err: unknown): void {
    const info = classifyLinkError(err);
    this.lastError = { ...info, at: new Date().toISOString() };
    this.opts.onError?.(info);
    const key = `${info.kind}:${info.message}`;
    if (key !== this.lastLogged) {
      this.lastLogged = key;
      this.opts.logger.warn(`mqtt ${info.kind} error`, { link: this.opts.name, error: info.message });
    }
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.opts.onDown?.(this.lastError?.message ?? 'connection closed');
    if (this.timer) return;
    const delay = backoffDelay(this.attempt++, this.opts.reconnect);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed) return;
      this.opts.onReconnect?.();
      this.client.reconnect();
    }, delay);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.client.endAsync(true).catch(() => undefined);
  }
}
