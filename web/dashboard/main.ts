/**
 * The dashboard page (bundled by scripts/build.mjs into dist/dashboard/app.js): asks the server
 * what it shows (`/api/info`; a 401 brings up the token form), opens the update WebSocket, and
 * routes `#/fleet`, `#/device/<id>` and `#/proxy` to their views. `window.wasmletDashboard`
 * exposes the views' state for tests and the screenshot script.
 */
import type { ServerMessage } from '../../bin/dashboard/protocol.js';
import { ApiError, connect, get, setToken, type Live } from './api.js';
import { DeviceView } from './device.js';
import { $ } from './dom.js';
import { byText, FleetView } from './fleet.js';
import { renderProxy } from './proxy.js';
import './style.css';

let live: Live | null = null;
let info: Extract<ServerMessage, { type: 'hello' }> | null = null;
const device = new DeviceView();
const fleet = new FleetView((id) => (location.hash = `#/device/${encodeURIComponent(id)}`));

function route(): void {
  const h = location.hash || (info?.fleet === null && info.proxy ? '#/proxy' : '#/fleet');
  const [, view = 'fleet', arg] = /^#\/(\w+)(?:\/(.+))?$/.exec(h) ?? [];
  for (const v of ['fleet', 'device', 'proxy']) {
    $(`view-${v}`).hidden = v !== view;
    const tab = $(`tab-${v}`);
    if (v === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  if (view === 'device') {
    const id = arg ? decodeURIComponent(arg) : (device.id ?? fleet.all()[0]?.id ?? null);
    device.show(id);
    device.updateRow(id ? fleet.get(id) : undefined);
    fillSelect();
    live?.send({ type: 'watch', device: id });
  } else live?.send({ type: 'watch', device: null });
}

function fillSelect(): void {
  const sel = $('device-select') as HTMLSelectElement;
  const ids = fleet.all().map((r) => r.id).sort(byText.compare);
  if (sel.options.length !== ids.length || [...sel.options].some((o, i) => o.value !== ids[i])) {
    sel.replaceChildren(...ids.map((id) => new Option(id, id)));
  }
  if (device.id) sel.value = device.id;
}

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'hello':
      info = m;
      $('fleet-name').textContent = m.fleet ?? '';
      $('tab-fleet').hidden = m.fleet === null;
      $('tab-device').hidden = m.fleet === null;
      $('proxy-none').hidden = m.proxy;
      ($('deploy-button') as HTMLButtonElement).title = m.deploy ? '' : 'this dashboard has no signing key (--key)';
      route();
      break;
    case 'fleet':
      fleet.update(m.rows);
      if (device.id) device.updateRow(fleet.get(device.id));
      if (!$('view-device').hidden) {
        fillSelect();
        if (!device.id && m.rows[0]) route();
      }
      break;
    case 'device':
      if (m.id !== device.id) return;
      device.addSamples(m.samples, m.reset);
      device.addEvents(m.events, m.reset);
      break;
    case 'proxy':
      renderProxy(m.snapshot);
      break;
  }
}

async function start(): Promise<void> {
  const conn = $('conn');
  try {
    await get('/api/info');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      conn.textContent = 'token required';
      const form = $('login') as HTMLFormElement;
      form.hidden = false;
      $('login-error').textContent = e.message === 'wrong token' ? 'wrong token' : '';
      ($('token') as HTMLInputElement).focus();
      form.onsubmit = (ev) => {
        ev.preventDefault();
        setToken(($('token') as HTMLInputElement).value);
        form.hidden = true;
        void start();
      };
      return;
    }
    conn.textContent = `cannot reach the server: ${(e as Error).message}`;
    setTimeout(() => void start(), 2000);
    return;
  }
  live = connect(onMessage, (s) => {
    conn.textContent = s === 'open' ? 'live' : 'reconnecting…';
    conn.className = s === 'open' ? 'ok' : 'bad';
  });
}

$('device-select').addEventListener('change', (e) => (location.hash = `#/device/${encodeURIComponent((e.target as HTMLSelectElement).value)}`));
window.addEventListener('hashchange', route);
(window as unknown as Record<string, unknown>)['wasmletDashboard'] = { device, fleet };
route();
void start();
