/**
 * A deploy from the device view in a real Chromium: the page uploads a .wasm file (progress bar to
 * the end), the server signs it with its key and deploys it over MQTT, and the page shows the
 * device's final answer, `running` (committed); the device then runs the new version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loop } from './fixtures/device/load.js';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

describe.skipIf(SKIP_BROWSER)('dashboard deploy', () => {
  let browser: Browser;
  let d: DashboardRig;
  beforeAll(async () => {
    [browser, d] = await Promise.all([launch(), startDashboardRig(2)]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('deploys a module that commits', async () => {
    const { page, errors } = await openPage(browser, `${d.dashboard.url}#/device/heater-1`);
    await expect.poll(() => page.getByLabel('Device state').textContent(), { timeout: 10_000 }).toBe('running');
    await page.getByLabel('Module').setInputFiles({ name: 'heater-pid.wasm', mimeType: 'application/wasm', buffer: Buffer.from(loop('heater-pid')) });
    await page.getByLabel('Version').fill('1.1.0');
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Deploy' }).click();
    const result = page.getByRole('status', { name: 'Deploy result' });
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/^heater-pid@1\.1\.0: running in \d+ ms$/);
    console.log(`deploy through the page: committed after ${Math.round(performance.now() - t0)} ms`);
    expect(await page.getByRole('progressbar', { name: 'Upload progress' }).evaluate((p) => (p as unknown as { value: number }).value)).toBe(1);
    expect(d.rig.device('heater-1').agent.committed?.version).toBe('1.1.0');
    expect(d.rig.device('heater-2').agent.committed?.version).toBe('1.0.0');
    await expect.poll(() => page.getByLabel('Event log').textContent(), { timeout: 10_000 }).toMatch(/heater-pid@1\.1\.0 running/);
    await page.getByRole('link', { name: 'Fleet' }).click();
    await expect.poll(() => page.getByRole('row', { name: /\bheater-1\b/ }).textContent(), { timeout: 10_000 }).toMatch(/heater-pid@1\.1\.0 \(A\)/);
    expect(errors).toEqual([]);
  });
});
