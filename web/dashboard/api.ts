/**
 * The page's link to its server: the token (asked for when the server answers 401, kept in
 * sessionStorage), JSON calls with typed errors, uploads with progress (XMLHttpRequest: fetch has
 * no upload progress), and the WebSocket that brings every update, reconnecting after a drop.
 */
import type { ClientMessage, ErrorAnswer, ServerMessage } from '../../bin/dashboard/protocol.js';

const KEY = 'wasmlet-dashboard-token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function token(): string {
  return sessionStorage.getItem(KEY) ?? '';
}

export function setToken(t: string): void {
  sessionStorage.setItem(KEY, t);
}

function headers(json: boolean): Record<string, string> {
  const h: Record<string, string> = {};
  if (json) h['content-type'] = 'application/json';
  const t = token();
  if (t) h['authorization'] = `Bearer ${t}`;
  return h;
}

async function answer<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => null)) as T | ErrorAnswer | null;
  if (!r.ok) {
    const e = (body as ErrorAnswer | null)?.error;
    throw new ApiError(r.status, e?.code ?? 'HTTP', e?.message ?? `HTTP ${r.status}`);
  }
  return body as T;
}

export async function get<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: headers(false) }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(await fetch(path, { method: 'POST', headers: headers(true), body: JSON.stringify(body ?? null) }));
}

/** POST bytes with upload progress (0…1); resolves with the JSON answer */
export function upload<T>(path: string, file: Blob, progress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', path);
    x.setRequestHeader('content-type', 'application/wasm');
    const t = token();
    if (t) x.setRequestHeader('authorization', `Bearer ${t}`);
    x.upload.onprogress = (e) => progress(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0);
    x.upload.onload = () => progress(1);
    x.onerror = () => reject(new ApiError(0, 'NETWORK', 'the upload failed (server unreachable)'));
    x.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(x.responseText);
      } catch {
        /* not JSON */
      }
      if (x.status >= 200 && x.status < 300) resolve(body as T);
      else {
        const e = (body as ErrorAnswer | null)?.error;
        reject(new ApiError(x.status, e?.code ?? 'HTTP', e?.message ?? `HTTP ${x.status}`));
      }
    };
    x.send(file);
  });
}

export interface Live {
  send(m: ClientMessage): void;
}

/** the server's updates; reconnects a second after a drop */
export function connect(onMessage: (m: ServerMessage) => void, onState: (s: 'open' | 'closed') => void): Live {
  let ws: WebSocket | null = null;
  let pending: ClientMessage | null = null;
  const open = (): void => {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const t = token();
    ws = new WebSocket(`${proto}//${location.host}/ws${t ? `?token=${encodeURIComponent(t)}` : ''}`);
    ws.onopen = () => {
      onState('open');
      if (pending) ws!.send(JSON.stringify(pending));
    };
    ws.onmessage = (e) => onMessage(JSON.parse(String(e.data)) as ServerMessage);
    ws.onclose = () => {
      onState('closed');
      setTimeout(open, 1000);
    };
  };
  open();
  return {
    send(m) {
      pending = m; // the latest wish holds across reconnects
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    },
  };
}
