/**
 * Each example filter of filters/http, through the real proxy over loopback: add/remove headers,
 * API-key and HMAC-JWT auth with a local 401, the token-bucket rate limit refilled by ticks, JSON
 * redaction of a chunked upstream body, and external authorization via http_call.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const f = (name: string) => join(FILTERS, `${name}.wasm`);
const b64 = (s: string) => Buffer.from(s).toString('base64url');
function jwt(claims: object, secret: string): string {
  const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.' + b64(JSON.stringify(claims));
  return head + '.' + createHmac('sha256', secret).update(head).digest('base64url');
}

describe('add_headers', () => {
  it('adds, sets and removes request and response headers', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(200, { 'x-internal': 'secret', 'content-length': '2' });
      res.end('ok');
    });
    const px = await startProxy({
      clusters: { svc: [up.port] },
      filters: [
        {
          name: 'add_headers',
          file: f('add_headers'),
          configuration: JSON.stringify({
            request: { add: { 'x-added': 'yes' }, set: { 'user-agent': 'wasmlet' }, remove: ['x-drop'] },
            response: { add: { 'x-served-by': 'wasmlet' }, remove: ['x-internal'] },
          }),
        },
      ],
    });
    const r = await send(px.port, '/hello', { headers: { 'x-drop': '1', 'user-agent': 'curl' } });
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok');
    expect(r.headers['x-served-by']).toBe('wasmlet');
    expect(r.headers['x-internal']).toBeUndefined();
    const seen = up.seen[0]!.headers;
    expect(seen['x-added']).toBe('yes');
    expect(seen['user-agent']).toBe('wasmlet');
    expect(seen['x-drop']).toBeUndefined();
  });
});

describe('auth', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('answers 401 locally without credentials and never reaches the upstream', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'auth', file: f('auth'), configuration: JSON.stringify({ api_keys: ['k1'], jwt_secret: 's3cret' }) }] });
    const r = await send(px.port, '/private');
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toContain('Bearer');
    expect(JSON.parse(r.body)).toEqual({ error: 'unauthorized' });
    expect(up.seen).toHaveLength(0);
  });

  it('accepts an API key and strips it before the upstream', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'auth', file: f('auth'), configuration: JSON.stringify({ api_keys: ['k1', 'k2'] }) }] });
    expect((await send(px.port, '/', { headers: { 'x-api-key': 'k2' } })).status).toBe(200);
    expect((await send(px.port, '/', { headers: { 'x-api-key': 'nope' } })).status).toBe(401);
    expect(up.seen).toHaveLength(1);
    expect(up.seen[0]!.headers['x-api-key']).toBeUndefined();
    const m = await (await fetch(`http://127.0.0.1:${px.adminPort}/stats/prometheus`)).text();
    expect(m).toContain('envoy_wasmcustom_auth_allowed 1');
    expect(m).toContain('envoy_wasmcustom_auth_denied 1');
  });

  it('verifies HS256 JWTs: signature, expiry and issuer; passes the subject upstream', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'auth', file: f('auth'), configuration: JSON.stringify({ jwt_secret: 's3cret', jwt_issuer: 'me' }) }] });
    const good = jwt({ sub: 'alice', iss: 'me', exp: now() + 60 }, 's3cret');
    const r = await send(px.port, '/', { headers: { authorization: `Bearer ${good}` } });
    expect(r.status).toBe(200);
    expect(up.seen[0]!.headers['x-auth-subject']).toBe('alice');
    for (const bad of [jwt({ sub: 'a', iss: 'me', exp: now() + 60 }, 'wrong'), jwt({ sub: 'a', iss: 'me', exp: now() - 1 }, 's3cret'), jwt({ sub: 'a', iss: 'other', exp: now() + 60 }, 's3cret'), 'not.a.jwt']) {
      expect((await send(px.port, '/', { headers: { authorization: `Bearer ${bad}` } })).status).toBe(401);
    }
    expect(up.seen).toHaveLength(1);
  });
});

describe('rate_limit', () => {
  it('takes tokens from a shared bucket, answers 429 when empty, refills on ticks', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'rate_limit', file: f('rate_limit'), configuration: JSON.stringify({ capacity: 3, refill: 3, interval_ms: 300 }) }] });
    // drain the bucket (a tick may refill it meanwhile, so keep going until the first 429)
    const statuses: number[] = [];
    for (let i = 0; i < 20 && !statuses.includes(429); i++) statuses.push((await send(px.port, '/')).status);
    expect(statuses).toContain(429);
    const limited = await send(px.port, '/');
    if (limited.status === 429) expect(limited.headers['retry-after']).toBe('1');
    await new Promise((r) => setTimeout(r, 450)); // at least one tick
    const after = await send(px.port, '/');
    expect(after.status).toBe(200);
    expect(Number(after.headers['x-ratelimit-remaining'])).toBeGreaterThanOrEqual(0);
    expect(px.proxy.env.metrics.value('rate_limited')).toBeGreaterThanOrEqual(1);
  });
});

describe('json_redact', () => {
  it('buffers a chunked JSON response across chunks and redacts the named fields', async () => {
    const up = await startUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (const part of ['{"user":"ann","pass', 'word":"hunter2","cards":[{"ssn":"1', '23"}],"n":1.50}']) {
        res.write(part);
        await new Promise((r) => setTimeout(r, 20));
      }
      res.end();
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'json_redact', file: f('json_redact'), configuration: JSON.stringify({ fields: ['password', 'ssn'], replacement: 'XXX' }) }] });
    const r = await send(px.port, '/account');
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"user":"ann","password":"XXX","cards":[{"ssn":"XXX"}],"n":1.50}');
    expect(px.proxy.env.metrics.value('json_fields_redacted')).toBe(2);
  });

  it('leaves non-JSON responses alone', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '17' });
      res.end('password=hunter2\n');
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'json_redact', file: f('json_redact'), configuration: JSON.stringify({ fields: ['password'] }) }] });
    const r = await send(px.port, '/');
    expect(r.body).toBe('password=hunter2\n');
    expect(r.headers['content-length']).toBe('17');
  });
});

describe('ext_authz', () => {
  it('pauses each request on an http_call and continues or answers from the authorization service', async () => {
    const up = await startUpstream();
    const authz = await startUpstream((req, res) => {
      const ok = req.headers['authorization'] === 'Bearer good';
      if (ok) {
        res.writeHead(200, { 'x-user': 'carol', 'content-length': '0' });
        res.end();
      } else {
        res.writeHead(403, { 'content-type': 'text/plain', 'content-length': '6' });
        res.end('denied');
      }
    });
    const px = await startProxy({
      clusters: { svc: [up.port], authz: [authz.port] },
      filters: [{ name: 'ext_authz', file: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz', forward_headers: ['authorization'], upstream_headers: ['x-user'] }) }],
    });
    const ok = await send(px.port, '/docs?x=1', { headers: { authorization: 'Bearer good' } });
    expect(ok.status).toBe(200);
    expect(up.seen[0]!.headers['x-user']).toBe('carol');
    expect(authz.seen[0]!.url).toBe('/check');
    expect(authz.seen[0]!.headers['x-original-path']).toBe('/docs?x=1');
    const denied = await send(px.port, '/docs', { headers: { authorization: 'Bearer bad' } });
    expect(denied.status).toBe(403);
    expect(denied.body).toBe('denied');
    expect(up.seen).toHaveLength(1);
  });
});
