import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, listenHost, loadEnv } from './env.ts';
import { REPO_ROOT } from './paths.ts';

describe('listenHost', () => {
  it('plain HTTP stays on localhost; HTTPS listens on every interface; HOST wins', () => {
    expect(listenHost(loadEnv({}), false)).toBe('127.0.0.1');
    expect(listenHost(loadEnv({}), true)).toBe('0.0.0.0');
    expect(listenHost(loadEnv({ HOST: '192.168.1.5' }), false)).toBe('192.168.1.5');
    expect(listenHost(loadEnv({ HOST: '127.0.0.1' }), true)).toBe('127.0.0.1');
  });
});

describe('loadEnv', () => {
  it('defaults: port 8080, PGlite under <repo>/data, the client from client/dist', () => {
    const env = loadEnv({});
    expect(env).toEqual({
      PORT: 8080,
      HOST: undefined,
      DATABASE_URL: undefined,
      DATA_DIR: join(REPO_ROOT, 'data'),
      CLIENT_DIST: join(REPO_ROOT, 'client', 'dist'),
      MQTT_URL: undefined,
      MQTT_BROKER_PORT: 1883,
      LOG_LEVEL: 'info',
      // Plain HTTP unless asked (issue 9).
      HTTPS: false,
      TLS_CERT: undefined,
      TLS_KEY: undefined,
    });
  });

  it('reads and coerces every variable; blank means unset', () => {
    const env = loadEnv({
      PORT: '9090',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://u:p@db:5432/pf',
      DATA_DIR: '/var/lib/printfloor',
      CLIENT_DIST: '',
      MQTT_URL: 'mqtt://broker.local:1883',
      MQTT_BROKER_PORT: '0',
      LOG_LEVEL: 'debug',
    });
    expect(env).toMatchObject({
      PORT: 9090,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://u:p@db:5432/pf',
      MQTT_BROKER_PORT: 0,
      LOG_LEVEL: 'debug',
    });
    expect(env.DATA_DIR).toBe('/var/lib/printfloor');
    expect(env.CLIENT_DIST).toBe(join(REPO_ROOT, 'client', 'dist'));
    expect(loadEnv({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  });

  it('resolves relative paths from where the user ran pnpm (INIT_CWD), not from server/', () => {
    expect(loadEnv({ DATA_DIR: './farm-data', INIT_CWD: '/home/me/printfloor' }).DATA_DIR).toBe(
      '/home/me/printfloor/farm-data',
    );
  });

  it('refuses a bad environment with one readable message per variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(EnvError);
    expect(() => loadEnv({ PORT: '70000', MQTT_URL: 'http://x' })).toThrow(/PORT[\s\S]*MQTT_URL/);
  });

  it('SECRETS_KEY: 32 bytes as hex or base64, anything else refused', () => {
    expect(loadEnv({ SECRETS_KEY: 'ab'.repeat(32) }).SECRETS_KEY).toBe('ab'.repeat(32));
    expect(loadEnv({ SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') }).SECRETS_KEY).toBeDefined();
    expect(() => loadEnv({ SECRETS_KEY: 'hunter2' })).toThrow(/SECRETS_KEY: must be 32 bytes/);
  });

  it('PRINTER_OFFLINE_AFTER_MS: the relay default when unset, whole milliseconds ≥ 1 s otherwise', () => {
    expect(loadEnv({}).PRINTER_OFFLINE_AFTER_MS).toBeUndefined();
    expect(loadEnv({ PRINTER_OFFLINE_AFTER_MS: '' }).PRINTER_OFFLINE_AFTER_MS).toBeUndefined();
    expect(loadEnv({ PRINTER_OFFLINE_AFTER_MS: '15000' }).PRINTER_OFFLINE_AFTER_MS).toBe(15_000);
    expect(() => loadEnv({ PRINTER_OFFLINE_AFTER_MS: '500' })).toThrow(/PRINTER_OFFLINE_AFTER_MS/);
    expect(() => loadEnv({ PRINTER_OFFLINE_AFTER_MS: 'soon' })).toThrow(/PRINTER_OFFLINE_AFTER_MS/);
  });
});
