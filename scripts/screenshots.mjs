#!/usr/bin/env node
/*
 * Screenshots of the dashboard's views for the README (docs/dashboard-*.png), taken in Debian's
 * Chromium (/usr/bin/chromium) with playwright-core against the real CLI:
 *
 *   wasmlet sim --devices 6 --plant heater --module heater-pid.wasm --dashboard 0
 *       fleet view; device view of heater-1 after a faulting deploy (rolled back, driven through
 *       the page) and a setpoint change
 *   wasmlet proxy -c <chain chaos → add_headers> --dashboard 0
 *       proxy view after some traffic and one trapping request (fail_reload)
 *
 * Usage: node scripts/screenshots.mjs [--out docs] [--wait SECONDS]   (about 40 s)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' }, wait: { type: 'string' } } });
const out = join(root, values.out ?? 'docs');
const warmS = Number(values.wait ?? 20);
const tmp = mkdtempSync(join(tmpdir(), 'wasmlet-shots-'));
const children = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** run the CLI; resolves with the child once `pattern` appears on stdout (match groups) */
function cli(args, pattern) {
  const p = spawn(process.execPath, [join(root, 'bin/wasmlet.js'), ...args], { cwd: root });
  children.push(p);
  let text = '';
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`wasmlet ${args[0]} did not start:\n${text}`)), 20000);
    p.stderr.on('data', (d) => (text += d));
    p.stdout.on('data', (d) => {
      text += d;
      const m = pattern.exec(text);
      if (m) {
        clearTimeout(t);
        resolve(m);
      }
    });
    p.on('exit', (c) => reject(new Error(`wasmlet ${args[0]} exited ${c}:\n${text}`)));
  });
}

function get(port, headers = {}) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function main() {
  execBuild();
  const [, dashUrl] = await cli(
    ['sim', '--devices', '6', '--plant', 'heater', '--module', join(root, 'filters/control/build/heater-pid.wasm'), '--param', '0=55', '--mqtt-port', '0', '--state-dir', join(tmp, 'state'), '--dashboard', '0'],
    /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/,
  );
  const upstream = createServer((req, res) => res.end('ok\n'));
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  const yaml = proxyYaml(upstream.address().port);
  writeFileSync(join(tmp, 'envoy.yaml'), yaml);
  const [, proxyPort, proxyDash] = await cli(['proxy', '-c', join(tmp, 'envoy.yaml'), '-l', 'error', '--dashboard', '0'], /listening on 127\.0\.0\.1:(\d+)[\s\S]*dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(dashUrl);
    await page.getByRole('row', { name: /heater-6/ }).waitFor();
    console.log(`screenshots: letting the loops run for ${warmS} s…`);
    await sleep(warmS * 1000);

    // device view: a faulting deploy through the page (rolled back), then a setpoint step
    await page.getByRole('link', { name: 'heater-1', exact: true }).click();
    await page.getByLabel('Parameter').fill('5');
    await page.getByLabel('Value', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Set parameter' }).click();
    await page.getByLabel('Module').setInputFiles(join(root, 'test/fixtures/ota/trap-on-param.wasm'));
    await page.getByLabel('Version').fill('2.0.0');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByRole('status', { name: 'Deploy result' }).filter({ hasText: /rolled_back/ }).waitFor({ timeout: 30000 });
    await page.getByLabel('Value', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Set parameter' }).click();
    await page.getByLabel('Setpoint').fill('60');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await sleep(8000);
    await page.screenshot({ path: join(out, 'dashboard-device.png'), fullPage: true });

    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('link', { name: 'heater-3', exact: true }).waitFor();
    await sleep(600);
    await page.screenshot({ path: join(out, 'dashboard-fleet.png') });

    // proxy view: traffic, one trapping request (fail_reload), more traffic after the reload
    const port = Number(proxyPort);
    for (let i = 0; i < 150; i++) await get(port);
    await get(port, { 'x-chaos': 'trap' });
    await sleep(1200);
    for (let i = 0; i < 100; i++) await get(port);
    await page.goto(proxyDash);
    await page.getByRole('row', { name: /add_headers/ }).waitFor();
    await sleep(800);
    await page.screenshot({ path: join(out, 'dashboard-proxy.png') });
    for (const f of ['fleet', 'device', 'proxy']) console.log(`docs/dashboard-${f}.png: ${readFileSync(join(out, `dashboard-${f}.png`)).length.toLocaleString('en')} bytes`);
  } finally {
    await browser.close();
    upstream.close();
  }
}

function execBuild() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only=cli', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function proxyYaml(upstreamPort) {
  const filter = (name, extra) => `          - name: "envoy.filters.http.wasm"
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
              config:
                name: "${name}"
${extra}                vm_config:
                  vm_id: "${name}"
                  runtime: envoy.wasm.runtime.v8
                  code: { local: { filename: "${join(root, 'filters/http/build', `${name}.wasm`)}" } }
`;
  return `admin:
  address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
static_resources:
  listeners:
  - name: ingress
    address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ingress_http
          route_config:
            name: local_route
            virtual_hosts:
            - name: vh0
              domains: ["*"]
              routes:
              - match: { prefix: "/" }
                route: { cluster: "backend" }
          http_filters:
${filter('chaos', '                failure_policy: FAIL_RELOAD\n                reload_config: { backoff: { base_interval: 1s, max_interval: 1s } }\n')}${filter('add_headers', '                configuration:\n                  "@type": type.googleapis.com/google.protobuf.StringValue\n                  value: \'{"response": {"add": {"x-served-by": "wasmlet"}}}\'\n')}          - name: envoy.filters.http.router
            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
  clusters:
  - name: "backend"
    connect_timeout: 1s
    type: STATIC
    lb_policy: ROUND_ROBIN
    load_assignment:
      cluster_name: "backend"
      endpoints:
      - lb_endpoints:
        - endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: ${upstreamPort} } } }
`;
}

try {
  await main();
} finally {
  for (const c of children) c.kill('SIGINT');
  await sleep(300);
  rmSync(tmp, { recursive: true, force: true });
}
