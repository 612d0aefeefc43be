/**
 * HTTP connection manager access logs (envoy.access_loggers.file, stdout): Envoy's default
 * format, text formats with the common command operators (REQ/RESP with fallback and truncation,
 * START_TIME with a strftime format, RESPONSE_FLAGS the proxy produces: NR, UF, UT, URX, DC), JSON
 * formats keeping operator types, real requests through the proxy and the file's content checked.
 * A file that cannot be opened is a configuration error at load time naming where it is configured.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/index.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream, until, type ConfigSpec } from './fixtures/proxy/support.js';

afterEach(cleanup);
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-alog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const logPath = () => join(dir, `access-${++n}.log`);

const T_FILE = 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog';
const AT = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config';

/** envoyYaml(spec) with an access_log list on the HCM */
const withLogs = (spec: ConfigSpec, logs: object[]) => envoyYaml(spec).replace('stat_prefix: ingress_http', `stat_prefix: ingress_http\n          access_log: ${JSON.stringify(logs)}`);
const fileLog = (path: string, logFormat?: object) => ({ name: 'envoy.access_loggers.file', typed_config: { '@type': T_FILE, path, ...(logFormat ? { log_format: logFormat } : {}) } });

async function lines(path: string, count: number): Promise<string[]> {
  const read = () => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  await until(() => read().split('\n').length > count);
  return read().split('\n').slice(0, count);
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('access logs', () => {
  it('write Envoy\'s default format', async () => {
    const up = await startUpstream();
    const path = logPath();
    const px = await startProxy(withLogs({ clusters: { svc: [up.port] } }, [fileLog(path)]));
    await send(px.port, '/hello?x=1', { headers: { 'user-agent': 'ua-test', 'x-request-id': 'rid-1' } });
    await send(px.port, '/up', { body: 'abcd' });
    const [a, b] = await lines(path, 2);
    const host = `127.0.0.1:${px.port}`;
    // the echo upstream answers "GET /hello?x=1 " (15 bytes)
    expect(a).toMatch(new RegExp(`^\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\] "GET /hello\\?x=1 HTTP/1\\.1" 200 - 0 15 \\d+ - "-" "ua-test" "rid-1" "${host}" "127\\.0\\.0\\.1:${up.port}"$`));
    expect(b).toMatch(new RegExp(`"POST /up HTTP/1\\.1" 200 - 4 13 \\d+ - "-" "-" "[0-9a-f-]{36}" "${host}"`));
  });

  it('write text formats with the command operators and response flags', async () => {
    const hang = await startUpstream(() => {});
    const flaky = await startUpstream((_q, res) => {
      res.writeHead(503, { 'content-length': 0, 'x-up': 'yes' });
      res.end();
    });
    const dead = await closedPort();
    const path = logPath();
    const fmt = '%RESPONSE_CODE% %RESPONSE_FLAGS% %UPSTREAM_CLUSTER% %ROUTE_NAME% %REQ(X-MISSING?USER-AGENT):3% %RESP(X-UP)% %UPSTREAM_REQUEST_ATTEMPT_COUNT% %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT% %START_TIME(%Y/%m/%d %s.%3f)% %RESPONSE_CODE_DETAILS%\n';
    const spec: ConfigSpec = {
      clusters: { hang: [hang.port], flaky: [flaky.port], dead: [dead] },
      routes: [
        { prefix: '/slow', cluster: 'hang', timeout: '0.1s' },
        { prefix: '/flaky', cluster: 'flaky', retryPolicy: { retry_on: '5xx', retry_back_off: { base_interval: '0.001s' } } },
        { prefix: '/dead', cluster: 'dead' },
        { prefix: '/gone', cluster: 'hang' },
      ],
    };
    const px = await startProxy(withLogs(spec, [fileLog(path, { text_format_source: { inline_string: fmt } })]));
    const t0 = Date.now();
    expect((await send(px.port, '/nowhere', { headers: { 'user-agent': 'curl/8' } })).status).toBe(404);
    expect((await send(px.port, '/slow')).status).toBe(504);
    expect((await send(px.port, '/flaky')).status).toBe(503);
    expect((await send(px.port, '/dead')).status).toBe(503);
    // the client goes away before the response: DC, response code 0
    await new Promise<void>((resolve) => {
      const r = request({ host: '127.0.0.1', port: px.port, path: '/gone', agent: false });
      r.on('error', () => resolve());
      r.end();
      setTimeout(() => r.destroy(), 100);
    });
    const out = await lines(path, 5);
    expect(out[0]).toMatch(/^404 NR - - cur - 0 127\.0\.0\.1 \d{4}\/\d\d\/\d\d (\d+)\.\d{3} route_not_found$/);
    const secs = Number(/ (\d+)\.\d{3} /.exec(out[0]!)![1]);
    expect(Math.abs(secs - t0 / 1000)).toBeLessThan(5);
    expect(out[1]).toMatch(/^504 UT hang - - - 1 /);
    expect(out[2]).toMatch(/^503 URX flaky - - yes 2 .* via_upstream$/);
    expect(out[3]).toMatch(/^503 UF dead - - - 1 .* upstream_reset_before_response_started\{connection_failure\}$/);
    expect(out[4]).toMatch(/^0 DC hang - - - 1 /);
  });

  it('write JSON, keeping the types of lone operators, with omit_empty_values and sort_properties', async () => {
    const up = await startUpstream();
    const [a, b] = [logPath(), logPath()];
    const json = { status: '%RESPONSE_CODE%', method: '%REQ(:METHOD)%', missing: '%REQ(X-NOPE)%', mixed: 'path=%REQ(:PATH)% ua=%REQ(X-NOPE)%', nested: { bytes: '%BYTES_RECEIVED%', dur: '%DURATION%' }, req_ms: '%REQUEST_DURATION%', res_ms: '%RESPONSE_DURATION%' };
    const px = await startProxy(withLogs({ clusters: { svc: [up.port] } }, [fileLog(a, { json_format: json }), fileLog(b, { json_format: { z: '%PROTOCOL%', a: '%REQ(X-NOPE)%', m: '%UPSTREAM_HOST%' }, omit_empty_values: true, json_format_options: { sort_properties: true } })]));
    await send(px.port, '/p', { body: 'abcd' });
    const [line] = await lines(a, 1);
    const o = JSON.parse(line!);
    expect(o).toMatchObject({ status: 200, method: 'POST', missing: null, mixed: 'path=/p ua=-', nested: { bytes: 4 } });
    expect(Object.keys(o)).toEqual(['status', 'method', 'missing', 'mixed', 'nested', 'req_ms', 'res_ms']);
    expect(typeof o.nested.dur).toBe('number');
    expect(o.req_ms).toBeGreaterThanOrEqual(0);
    expect(o.res_ms).toBeGreaterThanOrEqual(o.req_ms);
    const [line2] = await lines(b, 1);
    expect(line2).toBe(`{"m":"127.0.0.1:${up.port}","z":"HTTP/1.1"}`);
  });

  it('write to /dev/stdout and the stdout logger without trouble', async () => {
    const up = await startUpstream();
    const stdout = { name: 'envoy.access_loggers.stdout', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog', log_format: { text_format: 'stdout-logger %RESPONSE_CODE%\n' } } };
    const px = await startProxy(withLogs({ clusters: { svc: [up.port] } }, [fileLog('/dev/stdout', { text_format: 'dev-stdout %REQ(:PATH)%\n' }), stdout]));
    const seen: string[] = [];
    const real = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (String(chunk).includes('stdout')) {
        seen.push(String(chunk));
        (rest.find((x) => typeof x === 'function') as (() => void) | undefined)?.();
        return true;
      }
      return real(chunk as string, ...(rest as []));
    }) as typeof process.stdout.write);
    expect((await send(px.port, '/s')).status).toBe(200);
    await until(() => seen.length >= 2);
    vi.restoreAllMocks();
    expect(seen.sort()).toEqual(['dev-stdout /s\n', 'stdout-logger 200\n']);
  });

  it('survive a failing disk: requests go on, the error is logged once', async () => {
    const up = await startUpstream();
    // writes to /dev/full fail with ENOSPC
    const px = await startProxy(withLogs({ clusters: { svc: [up.port] } }, [fileLog('/dev/full')]));
    for (let i = 0; i < 3; i++) {
      expect((await send(px.port, `/${i}`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => px.messages('proxy').some((m) => m.includes('/dev/full')));
    expect(px.messages('proxy').filter((m) => m.includes('access log /dev/full'))).toEqual([expect.stringMatching(/ENOSPC/)]);
  });

  it('fail at load time when the file cannot be opened, naming where', async () => {
    const p = startProxy(withLogs({ clusters: { svc: [1] } }, [fileLog(join(dir, 'no', 'such', 'dir.log'))]));
    await expect(p).rejects.toBeInstanceOf(ConfigError);
    await expect(p).rejects.toThrow(`${AT}.access_log[0].typed_config.path: cannot open access log ${join(dir, 'no', 'such', 'dir.log')}: ENOENT`);
  });

  it('check their configuration', () => {
    const parse = (logs: object[]) => parseConfig(withLogs({ clusters: { svc: [1] } }, logs));
    const lf = `${AT}.access_log[0].typed_config.log_format`;
    expect(() => parse([fileLog('/tmp/x', { text_format: '%FOO%\n' })])).toThrow(`${lf}.text_format: unknown command operator %FOO%`);
    expect(() => parse([fileLog('/tmp/x', { text_format_source: { inline_string: '%DYNAMIC_METADATA(a)%' } })])).toThrow(`${lf}.text_format_source.inline_string: command operator %DYNAMIC_METADATA% is not supported by wasmlet`);
    expect(() => parse([fileLog('/tmp/x', { text_format: '100% sure' })])).toThrow(`${lf}.text_format: expected a command operator`);
    expect(() => parse([fileLog('/tmp/x', { json_format: { a: { b: '%NOPE%' } } })])).toThrow(`${lf}.json_format.a.b: unknown command operator %NOPE%`);
    expect(() => parse([fileLog('/tmp/x', { json_format: { a: 1 } })])).toThrow(`${lf}.json_format.a: expected a format string or a mapping`);
    expect(() => parse([fileLog('/tmp/x', { text_format: 'a', json_format: {} })])).toThrow(`${lf}: a log format needs exactly one of`);
    expect(() => parse([fileLog('/tmp/x', { text_format: 'a', formatters: [] })])).toThrow(`${lf}.formatters: not supported by wasmlet`);
    expect(() => parse([fileLog('/tmp/x', { text_format_source: { filename: '/f' } })])).toThrow(`${lf}.text_format_source.filename: not supported by wasmlet`);
    expect(() => parse([{ ...fileLog('/tmp/x'), filter: {} }])).toThrow(`${AT}.access_log[0].filter: not supported by wasmlet`);
    expect(() => parse([{ typed_config: { '@type': T_FILE, path: '/tmp/x', bogus: 1 } }])).toThrow(`${AT}.access_log[0].typed_config.bogus: unknown field`);
    expect(() => parse([{ typed_config: { '@type': T_FILE } }])).toThrow(`${AT}.access_log[0].typed_config.path: required field is missing`);
    expect(() => parse([{ typed_config: { '@type': 'type.googleapis.com/envoy.extensions.access_loggers.grpc.v3.HttpGrpcAccessLogConfig' } }])).toThrow(`${AT}.access_log[0].typed_config.@type: unsupported "@type"`);
    // no access_log: nothing to write
    expect(parseConfig(envoyYaml({ clusters: { svc: [1] } })).listeners[0]!.accessLogs).toEqual([]);
  });
});
