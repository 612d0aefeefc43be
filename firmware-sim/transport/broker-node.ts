/// <reference path="./aedes-persistence-redis.d.ts" />
/**
 * A standalone MQTT broker node (`wasmlet broker`): aedes on TCP (optionally TLS, optionally with
 * credentials) and MQTT over WebSocket. With a Redis URL several nodes form one broker: messages
 * cross nodes through Redis pub/sub (mqemitter-redis) and subscriptions, retained messages, QoS 1
 * sessions and offline queues live in Redis (aedes-persistence-redis), so a client may connect to
 * any node, and a client whose node dies reconnects to another and finds its session there.
 * Shared subscriptions (`$share/G/F`) split messages between a group's members on every node
 * (shared-subs.ts).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AedesOptions } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { TransportError } from './errors.js';
import { enableSharedSubscriptions } from './shared-subs.js';
import { batchWrites } from './write-batch.js';

export interface BrokerNodeOptions {
  /** MQTT port (default 1883; 0: ephemeral) */
  readonly port?: number;
  readonly host?: string;
  /** MQTT over WebSocket on this port (path /mqtt, and any other) */
  readonly wsPort?: number;
  /** join the broker formed by every node on this Redis (redis://host:port[/db]) */
  readonly redis?: string;
  /** TLS: server certificate and key (PEM); with `ca`, clients must present a certificate it signed */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer; readonly ca?: Buffer };
  /** clients must log in with these */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** node id (default: aedes' random id); shows in logs and in `/health` */
  readonly id?: string;
  /** HTTP health endpoint on this port: GET /health → {ok, id, clients, redis} */
  readonly healthPort?: number;
  /**
   * told of errors of the node's parts while it runs — Redis gone or restarting (ioredis keeps
   * retrying and the node serves again when it is back), a failed persistence write — instead of
   * their ending the process; the same message at most once in 5 s
   */
  readonly onError?: (e: Error) => void;
}

export interface BrokerNode {
  readonly id: string;
  /** mqtt:// (or mqtts://) URL of the TCP listener */
  readonly url: string;
  readonly port: number;
  readonly wsUrl?: string;
  readonly healthUrl?: string;
  /** connected clients on this node */
  readonly clients: () => number;
  close(): Promise<void>;
}

/** Redis clients of the Redis-backed parts, to tell their state and to close them */
interface RedisLike {
  readonly status: string;
  disconnect(): void;
}

function listen(server: Server | HttpServer, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new TransportError(`cannot listen for ${what} on ${host}:${port}: ${e.code ?? e.message}`, e)));
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

/** `report`, told each distinct message at most once in 5 s (Redis errors come per command) */
function throttled(report: ((e: Error) => void) | undefined): (e: Error) => void {
  let last = '';
  let lastAt = 0;
  return (e) => {
    const now = Date.now();
    if (e.message === last && now - lastAt < 5000) return;
    last = e.message;
    lastAt = now;
    report?.(e);
  };
}

async function redisParts(url: string, onError: (e: Error) => void): Promise<{ mq: AedesOptions['mq']; persistence: AedesOptions['persistence']; conns: RedisLike[] }> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TransportError(`--redis must be a redis:// URL, got "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new TransportError(`--redis must be a redis:// URL, got "${url}"`);
  // both packages are CommonJS factories; loaded only when a node joins a Redis
  const [{ default: mqRedis }, { default: persistenceRedis }, { Redis }] = await Promise.all([
    import('mqemitter-redis') as Promise<{ default: (o: object) => AedesOptions['mq'] }>,
    // 12.x: the callback-style persistence over its async implementation, as aedes 1.x uses it
    // (11.x was made for aedes 0.x: with aedes 1.x subscriptions are never acknowledged)
    import('aedes-persistence-redis') as Promise<{ default: (o: object) => AedesOptions['persistence'] }>,
    import('ioredis'),
  ]);
  // ioredis keeps retrying while Redis is away (a Redis restart): the node serves again once it is back
  const opts = { maxRetriesPerRequest: null, lazyConnect: false };
  const probe = new Redis(url, { ...opts, retryStrategy: () => null });
  try {
    await probe.ping();
  } catch (e) {
    throw new TransportError(`cannot reach Redis at ${url}: ${(e as Error).message}`, e);
  } finally {
    probe.disconnect();
  }
  const sub = new Redis(url, opts);
  const pub = new Redis(url, opts);
  const conn = new Redis(url, opts);
  const mq = mqRedis({ subConn: sub, pubConn: pub });
  // mqemitter-redis re-emits connection errors (an EPIPE when a client leaves while Redis is away)
  // on its `state` emitter, which nothing else listens on: unheard, they would end the process
  (mq as unknown as { state: { on(ev: 'error', f: (e: Error) => void): void } }).state.on('error', onError);
  const persistence = persistenceRedis({ conn });
  return { mq, persistence, conns: [sub, pub, conn] };
}

export async function startBrokerNode(o: BrokerNodeOptions = {}): Promise<BrokerNode> {
  const host = o.host ?? '127.0.0.1';
  const onError = throttled(o.onError);
  const redis = o.redis ? await redisParts(o.redis, onError) : null;
  const creds = o.credentials;
  const aedes = await Aedes.createBroker({
    ...(o.id ? { id: o.id } : {}),
    ...(redis ? { mq: redis.mq, persistence: redis.persistence } : {}),
    ...(creds
      ? {
          authenticate: (_client, username, password, done) => {
            const ok = username === creds.username && password !== undefined && Buffer.from(password).toString('utf8') === creds.password;
            if (ok) return done(null, true);
            const e = Object.assign(new Error('bad user name or password'), { returnCode: 4 });
            done(e as Parameters<typeof done>[0], false);
          },
        }
      : {}),
  });
  // aedes emits a persistence failure (Redis away mid-publish) as 'error' on itself
  (aedes as unknown as NodeJS.EventEmitter).on('error', onError);
  await enableSharedSubscriptions(aedes);
  const handle = (s: Parameters<typeof aedes.handle>[0]): void => void aedes.handle(s);
  const tcp: Server = o.tls
    ? createTlsServer({ cert: o.tls.cert, key: o.tls.key, ...(o.tls.ca ? { ca: o.tls.ca, requestCert: true, rejectUnauthorized: true } : {}) }, (s) => handle(batchWrites(s.setNoDelay(true))))
    : createServer((s) => handle(batchWrites(s.setNoDelay(true))));
  const servers: (Server | HttpServer)[] = [tcp];
  let wss: WebSocketServer | null = null;
  try {
    const port = await listen(tcp, o.port ?? 1883, host, 'MQTT');
    let wsUrl: string | undefined;
    if (o.wsPort !== undefined) {
      const http = createHttpServer((_req, res) => res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket: connect with the mqtt subprotocol\n'));
      servers.push(http);
      wss = new WebSocketServer({ server: http });
      wss.on('connection', (ws) => handle(createWebSocketStream(ws) as unknown as Parameters<typeof aedes.handle>[0]));
      const wp = await listen(http, o.wsPort, host, 'MQTT over WebSocket');
      wsUrl = `ws://${host}:${wp}/mqtt`;
    }
    let healthUrl: string | undefined;
    if (o.healthPort !== undefined) {
      const http = createHttpServer((req, res) => {
        if (req.url !== '/health') return void res.writeHead(404).end();
        const r = redis ? (redis.conns.every((c) => c.status === 'ready') ? 'ready' : 'reconnecting') : 'none';
        res.writeHead(r === 'reconnecting' ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: r !== 'reconnecting', id: aedes.id, clients: aedes.connectedClients, redis: r }));
      });
      servers.push(http);
      const hp = await listen(http, o.healthPort, host, 'the health endpoint');
      healthUrl = `http://${host}:${hp}/health`;
    }
    return {
      id: aedes.id,
      url: `${o.tls ? 'mqtts' : 'mqtt'}://${host}:${port}`,
      port,
      ...(wsUrl ? { wsUrl } : {}),
      ...(healthUrl ? { healthUrl } : {}),
      clients: () => aedes.connectedClients,
      close: async () => {
        wss?.close();
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
        for (const c of redis?.conns ?? []) c.disconnect();
      },
    };
  } catch (e) {
    for (const s of servers) s.close();
    aedes.close();
    for (const c of redis?.conns ?? []) c.disconnect();
    throw e;
  }
}
