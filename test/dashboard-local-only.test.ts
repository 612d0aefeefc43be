/**
 * The page works offline: visiting every view (fleet, device, proxy) in a real Chromium makes no
 * request that leaves 127.0.0.1 (no CDN, fonts or telemetry), every asset it loads is served by
 * the dashboard itself, and no script error or console error occurs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

describe.skipIf(SKIP_BROWSER)('dashboard assets', () => {
  let browser: Browser;
  let d: DashboardRig;
  beforeAll(async () => {
    [browser, d] = await Promise.all([launch(), startDashboardRig(3)]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('loads everything from 127.0.0.1 and raises no script error', async () => {
    const t0 = performance.now();
    const { page, foreign, errors } = await openPage(browser, d.dashboard.url);
    const seen: string[] = [];
    page.on('requestfinished', (r) => seen.push(new URL(r.url()).pathname));
    await expect.poll(() => page.getByRole('row', { name: /\bheater-3\b/ }).count(), { timeout: 10_000 }).toBe(1);
    // (the page's performance object: this file is type-checked without DOM typings)
    const loadMs = await page.evaluate(() => {
      const n = (performance as unknown as { getEntriesByType(t: string): { loadEventEnd: number; startTime: number }[] }).getEntriesByType('navigation')[0]!;
      return n.loadEventEnd - n.startTime;
    });
    console.log(`page load ${Math.round(loadMs)} ms (load event), first rows after ${Math.round(performance.now() - t0)} ms`);
    await page.getByRole('link', { name: 'heater-2' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'Live loop chart' }).getAttribute('data-samples'), { timeout: 10_000 }).toMatch(/^[1-9]/);
    await page.getByRole('link', { name: 'Proxy' }).click();
    await expect.poll(() => page.getByText('This dashboard shows no proxy').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: /\bheater-1\b/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(seen.filter((p) => p.endsWith('.js') || p.endsWith('.css'))).toEqual(expect.arrayContaining(['/app.js', '/app.css']));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
