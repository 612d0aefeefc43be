/**
 * Starting a dashboard: open the fleet feed (when a broker is given), then the server, and return
 * both behind one close(). `wasmlet dashboard`, `wasmlet sim --dashboard`, `wasmlet proxy
 * --dashboard` and the demo all start it through here.
 */
import type { KeyObject } from 'node:crypto';
import type { IClientOptions } from 'mqtt';
import { FleetFeed } from './fleet-feed.js';
import type { ProxySnapshot } from './protocol.js';
import { checkBind, DashboardServer } from './server.js';

export { DashboardError } from './errors.js';
export { DashboardServer } from './server.js';
export { FleetFeed } from './fleet-feed.js';

export interface StartDashboardOptions {
  readonly broker?: string;
  readonly fleet?: string;
  readonly mqtt?: IClientOptions;
  readonly key?: KeyObject;
  readonly proxy?: () => ProxySnapshot;
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
    ? await FleetFeed.open({ url: o.broker, fleet: o.fleet ?? 'default', ...(o.mqtt ? { mqtt: o.mqtt } : {}), ...(o.key ? { key: o.key } : {}) })
    : undefined;
  const server = new DashboardServer({
    ...(feed ? { fleet: feed } : {}),
    ...(o.proxy ? { proxy: o.proxy } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.host ? { host: o.host } : {}),
    ...(o.token ? { token: o.token } : {}),
    ...(o.pushMs ? { pushMs: o.pushMs } : {}),
    ...(o.assets ? { assets: o.assets } : {}),
  });
  try {
    await server.listen();
  } catch (e) {
    await feed?.close();
    throw e;
  }
  return {
    url: server.url,
    server,
    feed,
    async close() {
      await server.close();
      await feed?.close();
    },
  };
}
