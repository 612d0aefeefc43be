/**
 * The dashboard's guard: binding beyond loopback needs a token; with a token the page asks for it
 * (a real Chromium fills the form and then sees the fleet), and every API call and the WebSocket
 * without it get a typed 401; a foreign Origin or Host is refused (403) and bad requests get typed
 * JSON errors (code WASMLET_DASHBOARD).
 */
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DashboardError } from '../bin/dashboard/errors.js';
import { startDashboard } from '../bin/dashboard/index.js';
import { launch, openPage, SKIP_BROWSER, startDashboardRig, type DashboardRig } from './helpers/browser.js';

const TOKEN = 's3cret-token';

describe('dashboard guard', () => {
  let d: DashboardRig;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [browser, d] = await Promise.all([SKIP_BROWSER ? undefined : launch(), startDashboardRig(1, { token: TOKEN })]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('refuses to bind beyond loopback without a token', async () => {
    const e = await startDashboard({ host: '0.0.0.0', port: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DashboardError);
    expect((e as DashboardError).message).toMatch(/--token/);
  });

  it('answers typed JSON errors', async () => {
    const url = d.dashboard.url;
    const call = async (path: string, init: RequestInit = {}) => {
      const r = await fetch(url + path, init);
      return { status: r.status, body: (await r.json()) as { error?: { code: string; status: number; message: string }; ok?: boolean } };
    };
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    let r = await call('api/fleet');
    expect(r).toEqual({ status: 401, body: { error: { code: 'WASMLET_DASHBOARD', status: 401, message: 'a token is required (Authorization: Bearer T)' } } });
    r = await call('api/devices/heater-1/cmd/stop', { method: 'POST', headers: { ...auth, authorization: 'Bearer nope' } });
    expect(r.status).toBe(401);
    expect(r.body.error?.message).toBe('wrong token');
    r = await call('api/devices/heater-1/cmd/stop', { method: 'POST', headers: { ...auth, origin: 'http://evil.example' }, body: '{}' });
    expect(r.status).toBe(403);
    r = await call('api/devices/heater-9/cmd/stop', { method: 'POST', headers: auth });
    expect(r.body.error).toMatchObject({ code: 'WASMLET_DASHBOARD', status: 404 });
    r = await call('api/devices/heater-1/cmd/explode', { method: 'POST', headers: auth });
    expect(r.body.error).toMatchObject({ status: 400, message: expect.stringMatching(/unknown command explode/) });
    r = await call('api/devices/heater-1/cmd/param', { method: 'POST', headers: auth, body: '{"id": 0}' });
    expect(r.body.error).toMatchObject({ status: 400 });
    r = await call('api/devices/heater-1/cmd/stop', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' } });
    expect(r.body.error).toMatchObject({ status: 415 });
    r = await call('api/devices/heater-1/deploy', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/wasm' }, body: new Uint8Array(0) });
    expect(r.body.error).toMatchObject({ status: 400, message: 'the module is empty' });
    r = await call('api/devices/heater-1/deploy?version=1.0%0Aevil', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/wasm' }, body: new Uint8Array([0, 97, 115, 109]) });
    expect(r.body.error).toMatchObject({ status: 400, message: expect.stringMatching(/^version .* must be 1-64 letters/) });
    r = await call('api/nothing', { headers: auth });
    expect(r.body.error).toMatchObject({ status: 404 });
    // the WebSocket too
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url.replace('http:', 'ws:') + 'ws');
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('the WebSocket opened without a token')));
      ws.on('error', () => {});
    });
    expect(status).toBe(401);
    // the right token works
    r = await call('api/devices/heater-1/cmd/reset', { method: 'POST', headers: auth });
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
  });

  it.skipIf(SKIP_BROWSER)('has the page ask for the token', async () => {
    const { page, errors } = await openPage(browser!, d.dashboard.url);
    await page.getByLabel('Token', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('wrong token');
    await page.getByLabel('Token', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('row', { name: /\bheater-1\b/ }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('link', { name: 'heater-1' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => d.rig.device('heater-1').sim.device.state, { timeout: 10_000 }).toBe('stopped');
    // the expected 401s of the first tries are console errors of the browser, not of the page's scripts
    expect(errors.filter((e) => !/401 \(Unauthorized\)/.test(e))).toEqual([]);
  });
});
