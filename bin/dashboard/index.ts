/**
 * Starting a dashboard: open the fleet feed (when a broker is given), then the server, and return
 * both behind one close(). `wasmlet dashboard`, `wasmlet sim --dashboard`, `wasmlet proxy
 * --dashboard` and the demo all start it through here.
 */
import type { KeyObject } from 'node:crypto';
import type { IClientOptions } from 'mqtt';
import { FleetFeed } from './fleet-feed.js';
import type { ProxySnapshot } from './protocol.js';
import { DashboardError } from './errors.js';
import { checkBind, DashboardServer } from './server.js';

export { DashboardError } from './errors.js';
export { DashboardServer } from './server.js';
export { FleetFeed } from './fleet-feed.js';

export interface StartDashboardOptions {
  readonly broker?: string;
  readonly fleet?: string;
  readonly mqtt?: IClientOptions;
  readonly key?: KeyObject;
  /** see FleetFeedOptions.onPacket */
  readonly onPacket?: () => void;
  readonly proxy?: () => ProxySnapshot;
  /** a proxy's admin URL: its /stats/filters polled every 500 ms (instead of `proxy` in-process) */
  readonly proxyAdmin?: string;
  readonly port?: number;
  readonly host?: string;
  readonly token?: string;
  readonly pushMs?: number;
  readonly assets?: string;
}

export interface Dashboard {
  readonly url: string;
  readonly server: DashboardServer;
  readonly feed: FleetFeed | undefined;
  close(): Promise<void>;
}

export async function startDashboard(o: StartDashboardOptions): Promise<Dashboard> {
  checkBind(o.host ?? '127.0.0.1', o.token); // before connecting anywhere
  const feed = o.broker
    ? await FleetFeed.open({ url: o.broker, fleet: o.fleet ?? 'default', ...(o.mqtt ? { mqtt: o.mqtt } : {}), ...(o.key ? { key: o.key } : {}), ...(o.onPacket ? { onPacket: o.onPacket } : {}) })
    : undefined;
  const poll = o.proxyAdmin ? await pollProxy(o.proxyAdmin).catch(async (e: unknown) => {
    await feed?.close();
    throw e;
  }) : undefined;
  const proxy = o.proxy ?? poll?.snapshot;
  const server = new DashboardServer({
    ...(feed ? { fleet: feed } : {}),
    ...(proxy ? { proxy } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.host ? { host: o.host } : {}),
    ...(o.token ? { token: o.token } : {}),
    ...(o.pushMs ? { pushMs: o.pushMs } : {}),
    ...(o.assets ? { assets: o.assets } : {}),
  });
  try {
    await server.listen();
  } catch (e) {
    poll?.stop();
    await feed?.close();
    throw e;
  }
  return {
    url: server.url,
    server,
    feed,
    async close() {
      poll?.stop();
      await server.close();
      await feed?.close();
    },
  };
}

/** the latest /stats/filters of a proxy's admin listener, refreshed every 500 ms; the first fetch must work */
async function pollProxy(admin: string): Promise<{ snapshot: () => ProxySnapshot; stop(): void }> {
  const url = new URL('stats/filters', admin.endsWith('/') ? admin : admin + '/').href;
  const get = async (): Promise<ProxySnapshot> => {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!r.ok) throw new DashboardError(502, `${url} answered ${r.status}`);
    return (await r.json()) as ProxySnapshot;
  };
  let last = await get().catch((e: unknown) => {
    throw e instanceof DashboardError ? e : new DashboardError(502, `cannot read ${url}: ${e instanceof Error ? e.message : String(e)}`);
  });
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    get()
      .then((s) => (last = s))
      .catch(() => {}) // keep showing the last snapshot; the next poll tries again
      .finally(() => (busy = false));
  }, 500);
  return { snapshot: () => last, stop: () => clearInterval(timer) };
}
