import mqtt from 'mqtt';
import type { Printer } from '@printfloor/shared';

/** The site Mosquitto the live-printer tests drive (shared: never restarted by a test). */
export const SITE_MQTT_URL = process.env.E2E_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/** A printer code no other run uses: `<prefix>-<6 random characters>`. */
export function uniquePrinterCode(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
}

/**
 * A native (`printfloor`) printer added for one test file, with a unique code, driven on the site
 * Mosquitto: the demo's simulated printers never overwrite what the test publishes.
 */
export interface SitePrinter {
  code: string;
  /** Its status topic on the broker. */
  topic: string;
  /** Adds the printer to the tenant through the sync API, as a manager's device would. */
  push(url: string, token: string): Promise<Response>;
  /** Publishes a status message (qos 1), retained when asked. */
  publish(payload: object, opts?: { retain?: boolean }): Promise<void>;
  /** Clears the retained status (the shared broker keeps nothing of this run), disconnects, restores MQTT_URL. */
  close(): Promise<void>;
}

/**
 * Connects to the site broker and points the servers started afterwards at it (MQTT_URL, which the
 * child server inherits); `close()` puts MQTT_URL back as it was.
 */
export async function connectSitePrinter(code: string, name: string): Promise<SitePrinter> {
  const topic = `printfloor/v1/printers/${code}/status`;
  const broker = await mqtt.connectAsync(SITE_MQTT_URL, { reconnectPeriod: 0, connectTimeout: 5_000 });
  const prevMqtt = process.env.MQTT_URL;
  process.env.MQTT_URL = SITE_MQTT_URL;
  const send = (message: string, retain: boolean) =>
    new Promise<void>((resolve, reject) =>
      broker.publish(topic, message, { qos: 1, retain }, (err) => (err ? reject(err) : resolve())),
    );
  return {
    code,
    topic,
    push(url, token) {
      const now = new Date().toISOString();
      const doc: Printer & { _deleted: boolean } = {
        id: `e2e-${code}`,
        code,
        name,
        brand: 'Printfloor',
        protocol: 'printfloor',
        model: 'native',
        serial: '',
        location: 'E2E bay',
        workCenterId: '',
        slots: 1,
        active: true,
        notes: '',
        updatedAt: now,
        updatedBy: '',
        serverUpdatedAt: null,
        _deleted: false,
      };
      return fetch(`${url}/api/sync/printers/push`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
      });
    },
    publish: (payload, opts = {}) => send(JSON.stringify(payload), opts.retain ?? false),
    async close() {
      if (prevMqtt === undefined) delete process.env.MQTT_URL;
      else process.env.MQTT_URL = prevMqtt;
      await send('', true).catch(() => undefined);
      await broker.endAsync();
    },
  };
}
