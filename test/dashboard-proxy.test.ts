/**
 * The proxy view in a real Chromium, fed in-process by Proxy.filterStats() (what `wasmlet proxy
 * --dashboard PORT` serves) and through the admin listener's /stats/filters (`wasmlet dashboard
 * --proxy URL`): per-filter calls grow live while requests flow, fuel and latency percentiles
 * are shown, and a trapping request shows up as a failure and a failure-policy event.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDashboard, type Dashboard } from '../bin/dashboard/index.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';
import { launch, openPage, SKIP_BROWSER } from './helpers/browser.js';

const f = (name: string) => join(FILTERS, `${name}.wasm`);

describe.skipIf(SKIP_BROWSER)('dashboard proxy view', () => {
  let browser: Browser;
  const dashboards: Dashboard[] = [];
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(dashboards.splice(0).map((d) => d.close()));
    await cleanup();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const via of ['in-process', 'admin'] as const) {
    it(`shows filter calls, failures and policy events live (${via})`, async () => {
      const up = await startUpstream();
      const px = await startProxy({
        clusters: { svc: [up.port] },
        filters: [
          { name: 'chaos', file: f('chaos'), failurePolicy: 'FAIL_RELOAD', reloadBaseInterval: '0.2s' },
          { name: 'tagger', file: f('add_headers'), configuration: JSON.stringify({ request: { add: { 'x-tagged': '1' } } }) },
        ],
      });
      const d = await startDashboard({ ...(via === 'admin' ? { proxyAdmin: `http://127.0.0.1:${px.adminPort}/` } : { proxy: () => px.proxy.filterStats() }), port: 0, pushMs: 100 });
      dashboards.push(d);
      const { page, foreign, errors } = await openPage(browser, d.url);
      // without a fleet the page opens on the proxy view
      const table = page.getByRole('table', { name: 'Filters' });
      const row = (name: string) => table.getByRole('row', { name: new RegExp(`\\b${name}\\b`) });
      await expect.poll(() => row('tagger').count(), { timeout: 10_000 }).toBe(1);
      const calls = async () => Number(await row('tagger').locator('td').nth(3).textContent());
      for (let i = 0; i < 10; i++) expect((await send(px.port, '/')).status).toBe(200);
      await expect.poll(calls, { timeout: 10_000 }).toBeGreaterThanOrEqual(10);
      const before = await calls();
      for (let i = 0; i < 10; i++) await send(px.port, '/');
      await expect.poll(calls, { timeout: 10_000 }).toBeGreaterThan(before);
      await expect.poll(() => row('tagger').textContent()).toMatch(/fail_closed\s*live/);

      expect((await send(px.port, '/', { headers: { 'x-chaos': 'trap' } })).status).toBe(503);
      await expect.poll(() => row('chaos').locator('td').nth(4).textContent(), { timeout: 10_000 }).toBe('1');
      await expect.poll(() => page.getByLabel('Failure-policy events').textContent(), { timeout: 10_000 }).toMatch(/chaos: VM failed in proxy_on_request_headers: .*unreachable.*fail_reload/);
      await new Promise((r) => setTimeout(r, 300));
      expect((await send(px.port, '/')).status).toBe(200);
      await expect.poll(() => page.getByLabel('Failure-policy events').textContent(), { timeout: 10_000 }).toMatch(/chaos: VM reloaded/);
      const stats = px.proxy.filterStats().filters.find((x) => x.filter === 'tagger')!;
      expect(stats.p99Us).toBeGreaterThan(0);
      expect(stats.fuel).toBeGreaterThan(0);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
