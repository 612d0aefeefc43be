/**
 * The fleet view in a real Chromium: one table row per device, named by its id, whose live
 * columns update while the devices run; sorting and filtering act on the rows; a device that
 * disconnects, or stays connected but stops sending telemetry, is shown offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

const N = 5;

describe.skipIf(SKIP_BROWSER)('dashboard fleet view', () => {
  let browser: Browser;
  let d: DashboardRig;
  beforeAll(async () => {
    [browser, d] = await Promise.all([launch(), startDashboardRig(N)]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('shows one live row per device, sortable and filterable', async () => {
    const t0 = performance.now();
    const { page, errors } = await openPage(browser, d.dashboard.url);
    const rows = page.getByRole('table', { name: 'Devices' }).getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(N);
    console.log(`fleet page: ${N} rows after ${Math.round(performance.now() - t0)} ms`);
    for (let i = 1; i <= N; i++) {
      const row = page.getByRole('row', { name: new RegExp(`\\bheater-${i}\\b`) });
      await expect.poll(() => row.count()).toBe(1);
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/online.*running.*heater-pid@1\.0\.0 \(A\)/);
    }
    // the process value column changes while telemetry flows
    const cell = page.getByRole('row', { name: /\bheater-1\b/ }).locator('td[data-col="pv"]');
    const first = await cell.textContent();
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).not.toBe(first);

    // sort by device id, descending: heater-5 first
    await page.getByRole('button', { name: 'Device' }).click();
    await expect.poll(() => rows.first().getByRole('rowheader').textContent()).toBe('heater-5');
    await page.getByRole('button', { name: 'Device' }).click();
    await expect.poll(() => rows.first().getByRole('rowheader').textContent()).toBe('heater-1');

    // filter
    await page.getByLabel('Filter', { exact: true }).fill('heater-3');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().getByRole('rowheader').textContent()).toBe('heater-3');
    await page.getByLabel('Filter', { exact: true }).fill('');
    await expect.poll(() => rows.count()).toBe(N);

    // a device that goes away is shown offline
    await d.rig.device('heater-2').link.close();
    const row2 = page.getByRole('row', { name: /\bheater-2\b/ });
    await expect.poll(() => row2.locator('td[data-col="online"]').textContent(), { timeout: 10_000 }).toBe('offline');
    // devices still connected but silent (no telemetry for more than 2 s) are shown offline too
    const row1 = page.getByRole('row', { name: /\bheater-1\b/ }).locator('td[data-col="online"]');
    expect(await row1.textContent()).toBe('online');
    d.rig.fleet.runner.stop();
    await expect.poll(() => row1.textContent(), { timeout: 10_000 }).toBe('offline');
    expect(errors).toEqual([]);
  });
});
