import type { MqttClient } from 'mqtt';
import type { PrinterSource, PrinterState, PrinterStatus } from '@printfloor/shared';
import type { Logger } from '../logger.ts';
import type { StatusStore } from './status-store.ts';
import type { RelayDb } from './pg-status-store.ts';

/**
 * How the relay reaches one printer. Secrets (the Bambu access code) live here, on the server,
 * and never travel in a status.
 */
export interface PrinterConfig {
  tenantId: string;
  /** `printers.code`; names the printer on the native and republish topics. */
  code: string;
  /** `printers.id`, stored with state changes (codes can be renamed). */
  printerId?: string;
  protocol: PrinterSource;
  /** Bambu: the serial (`device/<serial>/report`, TLS servername). */
  serial?: string;
  /** Model as entered (`P1P` limits `pushall` to once per 5 minutes). */
  model?: string;
  /**
   * Bambu: printer host for the direct TLS connection (port 8883). Without it the relay reads
   * `device/<serial>/report` on the site broker (a bridge or the demo simulator publishes there).
   */
  host?: string;
  port?: number;
  /** Bambu LAN access code (MQTT password of user `bblp`). */
  accessCode?: string;
  /** PEM CA certificate(s) trusted for this printer; default: Bambu's public CA. */
  ca?: string | string[];
  /** OctoPrint base topic (default `octoPrint`) or Moonraker instance name (default the code). */
  baseTopic?: string;
}

/** One printer's status as the relay hands it out, with the tenant it belongs to. */
export interface RelayUpdate {
  tenantId: string;
  status: PrinterStatus;
}

export type RelayListener = (update: RelayUpdate) => void;

export const PRINTER_EVENT_KINDS = [
  'started',
  'resumed',
  'paused',
  'finished',
  'failed',
  'error',
  'preparing',
  'idle',
  'offline',
  'online',
] as const;
export type PrinterEventKind = (typeof PRINTER_EVENT_KINDS)[number];

/** A state change worth recording (print started, paused, finished, failed, error, …). */
export interface PrinterStateChange {
  tenantId: string;
  printerCode: string;
  printerId: string | null;
  kind: PrinterEventKind;
  from: PrinterState;
  to: PrinterState;
  jobName: string | null;
  /** ISO time the relay saw the change. */
  at: string;
  status: PrinterStatus;
  /** The step (operation) running on the printer, as `linkStep` found it; null when none. */
  operationId: string | null;
}

/** Counters for health pages and tests; every message received lands in exactly one outcome. */
export interface RelayMetrics {
  received: number;
  applied: number;
  ignored: number;
  rejected: number;
  /** Messages on topics that name no configured printer. */
  unrouted: number;
  emitted: number;
  republished: number;
  persisted: number;
  persistErrors: number;
  events: number;
  reconnects: number;
  connectionErrors: number;
  lastRejected: { topic: string; reason: string; at: string } | null;
}

export type LinkErrorKind = 'auth' | 'tls' | 'network' | 'protocol';

/** A broker or printer connection as an admin page would show it. */
export interface LinkInfo {
  /** `site` or `bambu:<code>`. */
  name: string;
  connected: boolean;
  lastError: { kind: LinkErrorKind; message: string; at: string } | null;
}

export interface RelayOptions {
  logger: Logger;
  /** Configured printers; read at start and on `reload()`. */
  printers: () => Promise<PrinterConfig[]>;
  /** Where statuses and state changes are persisted; default: `db` through PgStatusStore, else memory only. */
  store?: StatusStore;
  /** The server's drizzle database (postgres-js or PGlite); used when no `store` is given. */
  db?: RelayDb;
  /** Site broker; absent → an embedded aedes broker. */
  mqttUrl?: string;
  /** TCP port of the embedded broker (default 1883, 0 = any free port, null = in-process only). */
  brokerPort?: number | null;
  /** Interface the embedded broker listens on (default 127.0.0.1). */
  brokerHost?: string;
  /** Silence after which a printer is offline (default 60 s). */
  offlineAfterMs?: number;
  /** Minimum gap between two updates of one printer to clients (default 250 ms → ≤ 4/s). */
  minIntervalMs?: number;
  /** Snapshot persistence period for printers whose state did not change (default 30 s). */
  persistEveryMs?: number;
  /** Topic root of the native and republish topics (default `printfloor/v1`). */
  topicRoot?: string;
  /** Republish each status retained to `<topicRoot>/status/<code>` (default true). */
  republish?: boolean;
  /**
   * Finds the step (operation id) running on the printer when its state changes; stored with the
   * event. Changes are recorded one after another in the order they happened.
   */
  linkStep?: (change: PrinterStateChange) => Promise<string | null>;
  /** Called after a state change is recorded (consumption from the AMS delta, notifications …). */
  onStateChange?: (change: PrinterStateChange) => void | Promise<void>;
  /** Reconnect backoff bounds (default 1 s … 30 s, with jitter). */
  reconnect?: { minMs: number; maxMs: number };
  /** Bambu `pushall` at most this often per printer (default 60 s; P1P: 5 min). */
  pushallMinIntervalMs?: number;
  /** MQTT client id prefix (default `printfloor-relay`). */
  clientId?: string;
}

export interface Relay {
  /** Listener gets every coalesced update; returns the unsubscribe function. */
  subscribe(listener: RelayListener): () => void;
  /** Latest status of every configured printer (of one tenant when given), by code. */
  snapshot(tenantId?: string): RelayUpdate[];
  metrics(): RelayMetrics;
  links(): LinkInfo[];
  /** Re-reads `printers()` and adds / drops connections and subscriptions. */
  reload(): Promise<void>;
  /**
   * A new MQTT client on the broker the relay uses (embedded or site): the demo simulator and
   * tests publish through it. The caller ends it.
   */
  openClient(clientId: string): MqttClient;
  /** TCP port of the embedded broker, or null (site broker, or the port was taken). */
  brokerPort(): number | null;
  /** Flushes pending snapshots and closes every connection and the embedded broker. */
  close(): Promise<void>;
  /** Settles when `close()` is called (open SSE streams end then). */
  readonly closed: Promise<void>;
}
