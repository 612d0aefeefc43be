/**
 * Commands from the device view in a real Chromium act on the device, as a separate MQTT client
 * sees in its telemetry: Setpoint changes parameter 0, Stop stops it, Start runs it again.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

describe.skipIf(SKIP_BROWSER)('dashboard commands', () => {
  let browser: Browser;
  let d: DashboardRig;
  let client: mqtt.MqttClient;
  let latest: { sp?: number; state?: string } = {};
  beforeAll(async () => {
    [browser, d] = await Promise.all([launch(), startDashboardRig(2)]);
    client = await mqtt.connectAsync(d.rig.fleet.url, { reconnectPeriod: 0 });
    client.on('message', (_t, p) => (latest = JSON.parse(p.toString()) as typeof latest));
    await client.subscribeAsync('wasmlet/v1/default/heater-2/telemetry', { qos: 0 });
  }, 60_000);
  afterAll(async () => {
    await client?.endAsync();
    await browser?.close();
    await d?.close();
  });

  it('sets the setpoint, stops and starts the device', async () => {
    const { page, errors } = await openPage(browser, `${d.dashboard.url}#/device/heater-2`);
    await expect.poll(() => page.getByLabel('Device state').textContent(), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => latest.sp, { timeout: 10_000 }).toBe(50);

    await page.getByLabel('Setpoint').fill('63.5');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await expect.poll(() => latest.sp, { timeout: 10_000 }).toBe(63.5);
    await expect.poll(() => page.getByRole('status', { name: 'Command result' }).textContent()).toBe('param: ok, running');

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => latest.state, { timeout: 10_000 }).toBe('stopped');
    await expect.poll(() => page.getByLabel('Device state').textContent(), { timeout: 10_000 }).toBe('stopped');
    expect(d.rig.device('heater-2').sim.device.state).toBe('stopped');
    expect(d.rig.device('heater-1').sim.device.state).toBe('running'); // only the one shown

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => latest.state, { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByLabel('Event log').textContent(), { timeout: 10_000 }).toMatch(/stop: ok[\s\S]*start: ok|start: ok[\s\S]*stop: ok/);

    // Rollback with nothing staged: the device refuses, and the page says why
    await page.getByRole('button', { name: 'Rollback' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Command result' }).textContent()).toMatch(/rollback: refused: nothing staged to roll back/);
    expect(errors).toEqual([]);
  });
});
