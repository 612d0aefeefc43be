/**
 * The dashboard's HTTP server: serves the page (bundled by scripts/build.mjs into dist/dashboard/,
 * no CDN), pushes fleet rows, the watched device's samples and events, and proxy filter stats to
 * each page over a WebSocket (`/ws`) every `pushMs`, and takes commands and deploys as HTTP POSTs
 * that it forwards to the devices through its FleetFeed. Guarded: it binds 127.0.0.1 unless told
 * otherwise, and any other address needs a token, which every API call and the WebSocket must
 * present (`Authorization: Bearer T`, or `?token=T` on the WebSocket). Without a token it still
 * refuses requests whose `Host` is not a loopback name (DNS rebinding) and cross-origin writes
 * (`Origin` must be the page's own). Every refusal is a DashboardError answered as typed JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { DashboardError } from './errors.js';
import type { FleetFeed } from './fleet-feed.js';
import type { ClientMessage, ProxySnapshot, ServerMessage } from './protocol.js';

/** the largest module a page may upload */
const MAX_UPLOAD = 16 * 1024 * 1024;
/** fleet rows per WebSocket message */
const ROWS_PER_MESSAGE = 100;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface DashboardOptions {
  readonly fleet?: FleetFeed;
  /** proxy filter stats (wasmlet proxy --dashboard) */
  readonly proxy?: () => ProxySnapshot;
  readonly port?: number;
  readonly host?: string;
  readonly token?: string;
  /** ms between pushes to each page (default 250) */
  readonly pushMs?: number;
  /** where index.html, app.js and app.css are (default: dist/dashboard beside the bundle) */
  readonly assets?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** dist/dashboard: beside dist/cli.js when bundled, under the repository's dist/ from sources */
export function defaultAssets(): string {
  const candidates = [fileURLToPath(new URL('./dashboard/', import.meta.url)), fileURLToPath(new URL('../../dist/dashboard/', import.meta.url))];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!;
}

/** `host` must be loopback unless a token guards the server */
export function checkBind(host: string, token: string | undefined): void {
  if (!LOOPBACK.has(host) && !token) {
    throw new DashboardError(400, `binding ${host} exposes the dashboard beyond this machine: give --token T (the page asks for it)`);
  }
}

interface Watcher {
  device: string | null;
  samples: number;
  events: number;
  fresh: boolean;
}

export class DashboardServer {
  readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly watchers = new Map<WebSocket, Watcher>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private pushes = 0;
  private slicing = false;
  private readonly assets: string;
  private readonly files = new Map<string, Buffer>();
  port = 0;

  constructor(private readonly o: DashboardOptions) {
    this.assets = o.assets ?? defaultAssets();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => this.fail(res, e));
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    this.server.on('upgrade', (req, socket, head) => {
      try {
        if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') throw new DashboardError(404, 'no such WebSocket endpoint');
        this.guard(req, true);
      } catch (e) {
        const err = e instanceof DashboardError ? e : new DashboardError(400, String(e));
        const body = JSON.stringify(err.toJSON());
        socket.end(`HTTP/1.1 ${err.status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  get url(): string {
    const h = this.o.host ?? '127.0.0.1';
    return `http://${h.includes(':') ? `[${h}]` : h}:${this.port}/`;
  }

  async listen(): Promise<this> {
    const host = this.o.host ?? '127.0.0.1';
    checkBind(host, this.o.token);
    if (!existsSync(join(this.assets, 'index.html'))) {
      throw new DashboardError(500, `the dashboard page is not built (${join(this.assets, 'index.html')} is missing): run npm run build`);
    }
    const port = this.o.port ?? 8080;
    await new Promise<void>((resolve, reject) => {
      const fail = (e: NodeJS.ErrnoException): void => {
        reject(new DashboardError(500, e.code === 'EADDRINUSE' ? `cannot listen on ${host}:${port}: the port is in use (choose another, or 0 for any free port)` : `cannot listen on ${host}:${port}: ${e.message}`));
      };
      this.server.once('error', fail);
      this.server.listen(port, host, () => {
        this.server.off('error', fail);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.timer = setInterval(() => this.push(), this.o.pushMs ?? 250);
    return this;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const ws of this.watchers.keys()) ws.terminate();
    this.wss.close();
    await new Promise<void>((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }

  // ---- guard ------------------------------------------------------------------------------------

  /** throws DashboardError for a request that must not be served */
  private guard(req: IncomingMessage, needsToken: boolean): void {
    const hostHeader = req.headers.host ?? '';
    const hostname = hostHeader.replace(/:\d+$/, '');
    const token = this.o.token;
    // without a token only loopback names reach us: a rebinding DNS name must not
    if (!token && !LOOPBACK.has(hostname)) throw new DashboardError(403, `Host ${hostname} is not a loopback name`);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}` && origin !== `https://${hostHeader}`) throw new DashboardError(403, `cross-origin request from ${origin} refused`);
    if (!needsToken || !token) return;
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DashboardError(401, given ? 'wrong token' : 'a token is required (Authorization: Bearer T)');
  }

  // ---- HTTP ---------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (req.method === 'GET' && !path.startsWith('/api/')) {
      this.guard(req, false);
      return this.serveFile(res, path === '/' ? '/index.html' : path);
    }
    this.guard(req, true);
    if (req.method === 'GET' && path === '/api/info') return this.json(res, 200, this.hello());
    if (req.method === 'GET' && path === '/api/fleet') return this.json(res, 200, { rows: this.feed().rows() });
    if (req.method === 'GET' && path === '/api/proxy') {
      if (!this.o.proxy) throw new DashboardError(404, 'this dashboard shows no proxy');
      return this.json(res, 200, this.o.proxy());
    }
    const m = /^\/api\/devices\/([^/]+)\/(cmd\/([a-z]+)|deploy)$/.exec(path);
    if (!m) throw new DashboardError(404, `no such endpoint: ${req.method} ${path}`);
    if (req.method !== 'POST') throw new DashboardError(405, `${path} takes POST`);
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      throw new DashboardError(400, `malformed device id in ${path}`);
    }
    const feed = this.feed();
    if (!feed.has(id)) throw new DashboardError(404, `no device ${id} in fleet ${feed.fleet}`);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (m[3] !== undefined) {
      // a JSON content type cannot be sent cross-origin without a preflight, which we never answer
      if (type !== 'application/json') throw new DashboardError(415, 'commands take Content-Type: application/json');
      const raw = (await readBody(req, 64 * 1024)).toString('utf8');
      let body: unknown = null;
      if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new DashboardError(400, 'the body is not JSON');
        }
      }
      return this.json(res, 200, await feed.command(id, m[3], body));
    }
    if (type !== 'application/wasm' && type !== 'application/octet-stream') throw new DashboardError(415, 'deploy takes Content-Type: application/wasm');
    const bytes = await readBody(req, MAX_UPLOAD);
    const name = url.searchParams.get('name') ?? 'module.wasm';
    const version = url.searchParams.get('version') ?? undefined;
    return this.json(res, 200, await feed.deploy(id, new Uint8Array(bytes), name, version));
  }

  private feed(): FleetFeed {
    if (!this.o.fleet) throw new DashboardError(404, 'this dashboard shows no fleet (start it with --broker URL)');
    return this.o.fleet;
  }

  private serveFile(res: ServerResponse, path: string): void {
    const rel = normalize(path).replace(/^([/\\])+/, '');
    if (rel.startsWith('..') || rel.includes('\0')) throw new DashboardError(404, 'not found');
    let body = this.files.get(rel);
    if (!body) {
      const file = join(this.assets, rel);
      if (!existsSync(file) || !TYPES[extname(file)]) throw new DashboardError(404, `not found: ${path}`);
      body = readFileSync(file);
      this.files.set(rel, body);
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(rel)]!,
      'content-length': body.length,
      'cache-control': 'no-cache',
      // everything comes from this server: no CDN, no inline scripts
      'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
  }

  private fail(res: ServerResponse, e: unknown): void {
    const err = e instanceof DashboardError ? e : new DashboardError(500, e instanceof Error ? e.message.split('\n')[0]! : String(e));
    if (res.headersSent) return void res.destroy();
    this.json(res, err.status, err.toJSON());
  }

  // ---- WebSocket ------------------------------------------------------------------------------

  private hello(): ServerMessage {
    return { type: 'hello', fleet: this.o.fleet?.fleet ?? null, proxy: !!this.o.proxy, deploy: !!this.o.fleet?.canDeploy, broker: this.o.fleet ? this.o.fleet.url.replace(/\/\/[^@/]*@/, '//') : null };
  }

  private onSocket(ws: WebSocket): void {
    const w: Watcher = { device: null, samples: 0, events: 0, fresh: true };
    this.watchers.set(ws, w);
    send(ws, this.hello());
    if (this.o.fleet) send(ws, { type: 'fleet', rows: this.o.fleet.rows() });
    ws.on('message', (data) => {
      let m: ClientMessage;
      try {
        m = JSON.parse(String(data)) as ClientMessage;
      } catch {
        return;
      }
      if (m && m.type === 'watch') {
        w.device = typeof m.device === 'string' ? m.device : null;
        w.samples = 0;
        w.events = 0;
        w.fresh = true;
        this.pushDevice(ws, w);
      }
    });
    ws.on('close', () => this.watchers.delete(ws));
    ws.on('error', () => this.watchers.delete(ws));
  }

  private push(): void {
    if (this.watchers.size === 0) return;
    this.pushes++;
    const open = [...this.watchers].filter(([ws]) => ws.readyState === ws.OPEN && ws.bufferedAmount < 4 * 1024 * 1024); // a slow page skips a push
    const proxyText = this.o.proxy ? JSON.stringify({ type: 'proxy', snapshot: this.o.proxy() } satisfies ServerMessage) : null;
    for (const [ws, w] of open) {
      if (proxyText) ws.send(proxyText);
      this.pushDevice(ws, w);
    }
    // rows carry the latest telemetry, which changes every step: the whole table, twice a second,
    // in slices of ROWS_PER_MESSAGE with a turn of the event loop between them, so that beside
    // simulated devices (sim --dashboard) a large fleet's table never holds up their steps
    if (!this.o.fleet || this.pushes % 2 === 0 || this.slicing) return;
    const rows = this.o.fleet.rows();
    this.slicing = true;
    const slice = (from: number): void => {
      const text = JSON.stringify({ type: 'fleet', rows: rows.slice(from, from + ROWS_PER_MESSAGE) } satisfies ServerMessage);
      for (const [ws] of open) if (ws.readyState === ws.OPEN) ws.send(text);
      if (from + ROWS_PER_MESSAGE < rows.length) setImmediate(slice, from + ROWS_PER_MESSAGE);
      else this.slicing = false;
    };
    slice(0);
  }

  private pushDevice(ws: WebSocket, w: Watcher): void {
    if (!w.device || !this.o.fleet) return;
    const s = this.o.fleet.since(w.device, w.samples, w.events);
    const reset = w.fresh || s.reset;
    if (!reset && s.samples.length === 0 && s.events.length === 0) return;
    w.samples = s.sampleCount;
    w.events = s.eventCount;
    w.fresh = false;
    send(ws, { type: 'device', id: w.device, reset, samples: s.samples, events: s.events });
  }
}

function send(ws: WebSocket, m: ServerMessage): void {
  ws.send(JSON.stringify(m));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        reject(new DashboardError(413, `the body is larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
