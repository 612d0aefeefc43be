/**
 * A faulting deploy from the device view in a real Chromium: the operator sets parameter 5 to 1
 * with the page's parameter control, deploys trap-on-param.wasm (which traps in step when it is
 * 1), and the page shows the device's answer, `rolled_back` with the trap, while the device keeps
 * running its committed 1.0.0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { NEW_BYTES } from './fixtures/ota/fleet.js';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

describe.skipIf(SKIP_BROWSER)('dashboard faulting deploy', () => {
  let browser: Browser;
  let d: DashboardRig;
  beforeAll(async () => {
    [browser, d] = await Promise.all([launch(), startDashboardRig(1)]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('shows rolled_back', async () => {
    const { page, errors } = await openPage(browser, `${d.dashboard.url}#/device/heater-1`);
    await expect.poll(() => page.getByLabel('Device state').textContent(), { timeout: 10_000 }).toBe('running');
    await page.getByLabel('Parameter').fill('5');
    await page.getByLabel('Value', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Set parameter' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Command result' }).textContent()).toBe('param: ok, running');
    expect(d.rig.device('heater-1').sim.device.params.get(5)).toBe(1);

    await page.getByLabel('Module').setInputFiles({ name: 'trap-on-param.wasm', mimeType: 'application/wasm', buffer: Buffer.from(NEW_BYTES) });
    await page.getByLabel('Version').fill('2.0.0');
    await page.getByRole('button', { name: 'Deploy' }).click();
    const result = page.getByRole('status', { name: 'Deploy result' });
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/^trap-on-param@2\.0\.0: rolled_back \(.*unreachable.*\) in \d+ ms$/);
    expect(await result.getAttribute('data-state')).toBe('rolled_back');
    await expect.poll(() => page.getByLabel('Event log').textContent(), { timeout: 10_000 }).toMatch(/rollback: trap-on-param@2\.0\.0 rolled_back/);
    expect(d.rig.device('heater-1').agent.committed?.version).toBe('1.0.0');
    await expect.poll(() => page.getByLabel('Device state').textContent(), { timeout: 10_000 }).toBe('running');
    expect(errors).toEqual([]);
  });
});
