/**
 * Browser tests of the dashboard: Debian's Chromium (/usr/bin/chromium, never a downloaded one)
 * driven by playwright-core, against a real fleet on the embedded broker and a dashboard server
 * on an ephemeral port. Tests skip with the reason when Chromium is missing, except under CI=true
 * (.ci/run installs it), where they fail. Every page opened here records requests that leave
 * 127.0.0.1 and script errors (uncaught exceptions, console errors) for the tests to assert on.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readPrivateKey } from '../../firmware-sim/ota/signing.js';
import { startDashboard, type Dashboard } from '../../bin/dashboard/index.js';
import { startRolloutFleet, type RolloutRig } from '../fixtures/ota/fleet.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CI = process.env['CI'] === 'true';
/** why the browser tests cannot run here, or undefined */
export const BROWSER_MISSING = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium)`;
/** skip (locally) or fail (CI=true) */
export const SKIP_BROWSER = BROWSER_MISSING !== undefined && !CI;
if (SKIP_BROWSER) console.warn(`skipping browser tests: ${BROWSER_MISSING}`);

export function launch(): Promise<Browser> {
  if (BROWSER_MISSING) throw new Error(`browser tests need Chromium under CI=true: ${BROWSER_MISSING}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Watched {
  readonly page: Page;
  /** URLs requested that are not on 127.0.0.1 */
  readonly foreign: string[];
  /** uncaught exceptions and console errors */
  readonly errors: string[];
}

export async function openPage(browser: Browser, url: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1') foreign.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, foreign, errors };
}

export interface DashboardRig {
  readonly rig: RolloutRig;
  readonly dashboard: Dashboard;
  close(): Promise<void>;
}

/** `devices` heaters running a committed heater-pid 1.0.0, and a dashboard that signs with the fleet's key */
export async function startDashboardRig(devices: number, o: { token?: string } = {}): Promise<DashboardRig> {
  const rig = await startRolloutFleet(devices, 20);
  const dashboard = await startDashboard({
    broker: rig.fleet.url,
    fleet: 'default',
    key: readPrivateKey(rig.keyPath),
    port: 0,
    pushMs: 100,
    ...(o.token ? { token: o.token } : {}),
  });
  return {
    rig,
    dashboard,
    async close() {
      await dashboard.close();
      await rig.fleet.close();
    },
  };
}
