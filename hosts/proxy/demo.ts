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
import { envoyYaml } from './yaml.js';

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

/** Run the proxy demo; `root` is the package root (for filters/http/build). Returns false on a surprise. */
export async function proxyDemo(root: string, out: (s: string) => void): Promise<boolean> {
  const upstream: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`hello from the upstream (${req.url})\n`);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  const upstreamPort = (upstream.address() as { port: number }).port;
  const filter = (name: string, configuration: object) => ({ name, file: join(root, 'filters', 'http', 'build', `${name}.wasm`), configuration: JSON.stringify(configuration) });
  const yaml = envoyYaml({
    clusters: { backend: [upstreamPort] },
    filters: [
      filter('add_headers', { response: { add: { 'x-served-by': 'wasmlet' } } }),
      filter('auth', { api_keys: ['demo-key'] }),
      filter('rate_limit', { capacity: 5, refill: 5, interval_ms: 60000 }),
    ],
  });
  const config = parseConfig(yaml);
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
