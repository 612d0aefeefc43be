/**
 * The proxy part of `wasmlet demo` (npm start): a real HTTP proxy on loopback, configured by Envoy
 * YAML, with the example filter chain add_headers → auth → rate_limit in front of a tiny upstream.
 * It sends a few requests that show each filter at work, then prints the filter metrics the admin
 * listener serves. Everything listens on ephemeral 127.0.0.1 ports and is closed at the end.
 */
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { parseConfig } from './config.js';
import { MemoryLogger } from './log.js';
import { Proxy } from './proxy.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function yaml(filters: string, upstreamPort: number): string {
  const filter = (name: string, configuration: object): string => `          - name: envoy.filters.http.wasm
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
              config:
                name: ${name}
                configuration:
                  "@type": type.googleapis.com/google.protobuf.StringValue
                  value: '${JSON.stringify(configuration)}'
                vm_config:
                  runtime: envoy.wasm.runtime.v8
                  code: { local: { filename: ${join(filters, `${name}.wasm`)} } }`;
  return `admin:
  address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
static_resources:
  listeners:
  - name: demo
    address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: demo
          route_config:
            virtual_hosts:
            - name: backend
              domains: ["*"]
              routes:
              - match: { prefix: "/" }
                route: { cluster: backend }
          http_filters:
${filter('add_headers', { response: { add: { 'x-served-by': 'wasmlet' } } })}
${filter('auth', { api_keys: ['demo-key'] })}
${filter('rate_limit', { capacity: 5, refill: 5, interval_ms: 60000 })}
          - name: envoy.filters.http.router
            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
  clusters:
  - name: backend
    connect_timeout: 1s
    load_assignment:
      cluster_name: backend
      endpoints:
      - lb_endpoints:
        - endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: ${upstreamPort} } } }
`;
}

/** Run the proxy demo; `root` is the package root (for filters/http/build). Returns false on a surprise. */
export async function proxyDemo(root: string, out: (s: string) => void): Promise<boolean> {
  const upstream: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`hello from the upstream (${req.url})\n`);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  const upstreamPort = (upstream.address() as { port: number }).port;
  const config = parseConfig(yaml(join(root, 'filters', 'http', 'build'), upstreamPort));
  const proxy = new Proxy(config, { logger: new MemoryLogger(), ephemeralPorts: true, hostOverride: '127.0.0.1' });
  let ok = true;
  try {
    await proxy.start();
    const port = proxy.listeners[0]!.port;
    out(`  proxy on 127.0.0.1:${port} (admin :${proxy.adminPort}), filters add_headers → auth → rate_limit, Envoy YAML config`);
    const denied = await get(port, '/orders');
    out(`  GET /orders without x-api-key           → ${denied.status} ${denied.body.trim().slice(0, 40)}`);
    const allowed = await get(port, '/orders', { 'x-api-key': 'demo-key' });
    out(`  GET /orders with x-api-key              → ${allowed.status}, x-served-by: ${String(allowed.headers['x-served-by'])}, x-ratelimit-remaining: ${String(allowed.headers['x-ratelimit-remaining'])}`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(port, '/orders', { 'x-api-key': 'demo-key' })).status);
    out(`  6 more requests (bucket of 5 per minute) → ${statuses.join(' ')}`);
    const stats = await get(proxy.adminPort, '/stats/prometheus');
    // the filters' own metrics, as Envoy exports them (envoy_wasmcustom_<name>)
    const lines = stats.body.split('\n').filter((l) => /^envoy_wasmcustom_(auth_allowed|auth_denied|rate_limited)\b/.test(l));
    out(`  admin /stats/prometheus: ${lines.map((l) => l.replace(/^envoy_wasmcustom_/, '')).join(', ')}`);
    ok = denied.status === 401 && allowed.status === 200 && allowed.headers['x-served-by'] === 'wasmlet' && statuses.includes(429);
  } finally {
    await proxy.stop();
    await new Promise<void>((r) => upstream.close(() => r()));
  }
  return ok;
}
