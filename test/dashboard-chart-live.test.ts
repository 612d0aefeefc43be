/**
 * The device view's chart in a real Chromium: while telemetry flows the uPlot canvas is redrawn
 * with new samples (its pixels change, the newest virtual time grows), and the control-quality
 * figures are computed from the window. Also measures how long a telemetry sample takes to reach
 * the chart (device publish → broker → dashboard server → WebSocket → page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

describe.skipIf(SKIP_BROWSER)('dashboard live chart', () => {
  let browser: Browser;
  let d: DashboardRig;
  beforeAll(async () => {
    [browser, d] = await Promise.all([launch(), startDashboardRig(2)]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('redraws the chart as samples arrive', async () => {
    const { page, errors } = await openPage(browser, `${d.dashboard.url}#/device/heater-1`);
    const chart = page.getByRole('img', { name: 'Live loop chart' });
    await expect.poll(() => chart.getAttribute('data-samples'), { timeout: 10_000 }).toMatch(/^[1-9]\d+$/);
    const canvas = chart.locator('canvas');
    const pixels = () => canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
    const lastT = async () => Number(await chart.getAttribute('data-last-t'));
    const [p0, t0] = [await pixels(), await lastT()];
    await expect.poll(lastT, { timeout: 10_000 }).toBeGreaterThan(t0 + 0.5);
    await expect.poll(pixels, { timeout: 10_000 }).not.toBe(p0);

    // update latency: the device's newest virtual time vs the chart's, sampled in one go
    const lags: number[] = [];
    for (let i = 0; i < 10; i++) {
      const device = d.rig.device('heater-1').sim.timeS;
      const shown = await lastT();
      lags.push(((device - shown) / d.rig.device('heater-1').sim.periodS) * 20); // periods behind × 20 wall ms per period
      await page.waitForTimeout(100);
    }
    lags.sort((a, b) => a - b);
    console.log(`chart lag behind the device: p50 ${Math.round(lags[5]!)} ms, max ${Math.round(lags[9]!)} ms (push every 100 ms)`);
    expect(lags[5]!).toBeLessThan(1000);

    const quality = page.getByRole('definition').filter({ hasText: /°C/ });
    await expect.poll(() => quality.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByLabel('Control quality').textContent()).toMatch(/Mean \|error\|[\d.]+ °C/);
    expect(errors).toEqual([]);
  });
});
