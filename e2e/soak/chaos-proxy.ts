import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyFaults {
  /** Chance that a push's response is dropped after the server answered (the client sees a network error). */
  dropResponse: number;
  /** Chance that a push is sent to the server a second time, 0–`replayDelayMs` later (duplicated and re-ordered). */
  replay: number;
  replayDelayMs: number;
}

export interface ProxyCounters {
  requests: number;
  pushes: number;
  droppedResponses: number;
  replays: number;
  upstreamDown: number;
}

const PUSH = /^\/api\/sync\/[a-z_]+\/push/;

/**
 * An HTTP proxy in front of the server, like a flaky site network or load balancer: pushes may be
 * answered by the server and then lose their response, or arrive twice, the copy after later
 * pushes. Pulls and the SSE streams pass through untouched. `faults = null` makes it transparent.
 */
export class ChaosProxy {
  faults: ProxyFaults | null;
  readonly counters: ProxyCounters = {
    requests: 0,
    pushes: 0,
    droppedResponses: 0,
    replays: 0,
    upstreamDown: 0,
  };
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly timers = new Set<NodeJS.Timeout>();
  private constructor(
    private readonly server: Server,
    private readonly upstreamPort: number,
    faults: ProxyFaults,
  ) {
    this.faults = faults;
  }

  static async start(upstreamPort: number, faults: ProxyFaults): Promise<ChaosProxy> {
    let self: ChaosProxy | null = null;
    const server = createServer((req, res) => void self?.handle(req, res));
    self = new ChaosProxy(server, upstreamPort, faults);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const isPush = req.method === 'POST' && PUSH.test(req.url ?? '');
    const f = isPush ? this.faults : null;
    if (isPush) this.counters.pushes++;
    const drop = f !== null && Math.random() < f.dropResponse;
    if (f !== null && Math.random() < f.replay) {
      this.counters.replays++;
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.forward(req, body, null);
      }, Math.random() * f.replayDelayMs);
      this.timers.add(t);
    }
    this.forward(req, body, res, drop);
  }

  /** Sends the request upstream; the answer goes to `res` (or nowhere for a replay). */
  private forward(req: IncomingMessage, body: Buffer, res: ServerResponse | null, drop = false): void {
    const up = request(
      {
        host: '127.0.0.1',
        port: this.upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${this.upstreamPort}` },
        agent: req.headers.accept === 'text/event-stream' ? false : this.agent,
      },
      (upRes) => {
        if (!res) return void upRes.resume();
        if (drop) {
          // The server has answered; the client never hears it.
          upRes.resume();
          upRes.once('end', () => {
            this.counters.droppedResponses++;
            res.socket?.destroy();
          });
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.once('error', () => res.destroy());
        res.once('close', () => upRes.destroy());
      },
    );
    // Like a load balancer (nginx's default): a client that gives up mid-request closes the upstream
    // request too, so the server learns its caller is gone (a dropped response lets the server finish).
    res?.once('close', () => {
      if (!drop && !res.writableFinished) up.destroy();
    });
    up.once('error', () => {
      this.counters.upstreamDown++;
      if (!res || res.headersSent) return void res?.destroy();
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: 'server unreachable' } }));
    });
    up.end(body);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    this.agent.destroy();
  }
}
