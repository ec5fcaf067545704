import { createServer, type Server } from 'node:net';
import { duplexPair } from 'node:stream';
import { Aedes } from 'aedes';
import { MqttClient, type IClientOptions } from 'mqtt';
import type { Logger } from '../logger.ts';

/**
 * The broker `pnpm start` runs when no MQTT_URL is set: aedes inside the server process. The relay
 * and the demo simulator talk to it over in-memory streams, so it works even when its TCP port is
 * taken; the TCP listener is for OctoPrint, Moonraker and native publishers on the network.
 */
export interface EmbeddedBroker {
  /** Listening TCP port, or null when in-process only. */
  port: number | null;
  /** An MQTT client over an in-memory stream to the broker (reconnects get a fresh stream). */
  client(opts: IClientOptions): MqttClient;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(opts: {
  port: number | null;
  host: string;
  logger: Logger;
}): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  aedes.on('clientError', (_client, err) =>
    opts.logger.debug('embedded broker client error', { error: err.message }),
  );
  let server: Server | null = null;
  let port: number | null = null;
  if (opts.port !== null) {
    const srv = createServer((socket) => aedes.handle(socket));
    port = await listen(srv, opts.port, opts.host);
    if (port === null) {
      // One clear line; the relay keeps working on the in-process connection.
      opts.logger.warn(
        `MQTT port ${opts.port} on ${opts.host} is already in use (another broker such as Mosquitto?): the embedded broker runs in-process only. Set MQTT_URL=mqtt://${opts.host}:${opts.port} to use that broker, or MQTT_BROKER_PORT to choose another port.`,
      );
    } else {
      server = srv;
      opts.logger.info('embedded MQTT broker listening', { host: opts.host, port });
    }
  }
  return {
    port,
    client(clientOpts) {
      return new MqttClient(() => {
        const [local, remote] = duplexPair();
        // A pair's halves do not close each other; a socket's ends do, and both MQTT sides wait for it.
        local.once('close', () => remote.destroy());
        remote.once('close', () => local.destroy());
        local.once('finish', () => remote.end());
        remote.once('finish', () => local.end());
        aedes.handle(remote);
        return local;
      }, clientOpts);
    },
    async close() {
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}

/** Resolves the bound port, or null when the address is in use (any other error is thrown). */
function listen(server: Server, port: number, host: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.removeListener('listening', onListening);
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(null);
      else reject(err);
    };
    const onListening = () => {
      server.removeListener('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
