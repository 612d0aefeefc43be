/** The proxy view: per-filter calls, failures, fuel and callback latency percentiles, live. */
import type { ProxySnapshot } from '../../bin/dashboard/protocol.js';
import { $, el, fmt, time } from './dom.js';

export function renderProxy(s: ProxySnapshot): void {
  $('proxy-none').hidden = true;
  $('proxy-table').querySelector('tbody')!.replaceChildren(
    ...s.filters.map((f) =>
      el(
        'tr',
        { class: f.active ? '' : 'faulted' },
        el('td', {}, f.listener),
        el('th', { scope: 'row' }, f.filter),
        el('td', {}, f.policy),
        el('td', {}, f.active ? 'live' : 'failed'),
        el('td', {}, String(f.calls)),
        el('td', {}, String(f.failures)),
        el('td', {}, String(f.failedStreams)),
        el('td', {}, String(f.reloads)),
        el('td', {}, fmt(f.fuel, 4)),
        el('td', {}, fmt(f.p50Us, 3)),
        el('td', {}, fmt(f.p99Us, 3)),
        el('td', {}, fmt(f.maxUs, 3)),
      ),
    ),
  );
  $('listener-table').querySelector('tbody')!.replaceChildren(
    ...s.listeners.map((l) => el('tr', {}, el('th', { scope: 'row' }, l.name), el('td', {}, String(l.port)), el('td', {}, String(l.requests)), el('td', {}, String(l.active)))),
  );
  const ol = $('proxy-events');
  ol.replaceChildren(...[...s.events].reverse().map((e) => el('li', {}, el('time', {}, time(e.at)), ` ${e.filter}: ${e.text}`)));
}
