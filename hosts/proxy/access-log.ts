/**
 * Access logs: Envoy's format strings (`%REQ(:METHOD)% %RESPONSE_CODE% …`, text or JSON) compiled
 * once at configuration time into parts, rendered per finished stream, and appended to files by a
 * writer that batches lines and writes them off the event loop's critical path (fs.write on
 * libuv's thread pool): a slow or failing disk never blocks or crashes the proxy — lines beyond a
 * bounded backlog are dropped and counted, write errors are logged once.
 *
 * Only listeners with an access_log pay anything: nothing is recorded or formatted otherwise.
 */
import { closeSync, openSync, write } from 'node:fs';
import { hostname } from 'node:os';
import type { HeaderMap } from './headers.js';
import { responseFlagsString, type StreamInfo } from './properties.js';

/** What a log line is made from: the stream's information when the downstream exchange ended. */
export interface LogRecord {
  readonly info: StreamInfo;
  readonly request: HeaderMap | undefined;
  readonly response: HeaderMap | undefined;
  readonly trailers: HeaderMap | undefined;
  /** 0: no response was sent */
  readonly responseCode: number;
  readonly bytesSent: number;
  /** ms from the start to the end of the exchange */
  readonly durationMs: number;
  /** ms from the start to the last request byte, or undefined */
  readonly requestDurationMs: number | undefined;
  /** ms from the start to the first response byte from upstream, or undefined */
  readonly responseDurationMs: number | undefined;
  /** upstream attempts (0: none) */
  readonly attempts: number;
}

type Value = string | number | undefined;
type Op = (r: LogRecord) => Value;

/** a compiled format: literal text and operators (with their truncation length) */
interface Part {
  readonly text: string;
  readonly op: Op | undefined;
  readonly max: number;
}

export interface Formatter {
  /** one log line, with its newline for JSON (text formats carry their own, as in Envoy) */
  format(r: LogRecord): string;
}

/** Envoy's default access log format */
export const DEFAULT_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"\n';

const hostPort = (a: string | undefined, p: number | undefined) => (a === undefined || a === '' ? undefined : a.includes(':') ? `[${a}]:${p ?? 0}` : `${a}:${p ?? 0}`);
const nonEmpty = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);
const HOST = hostname();

/** the operators without an argument */
const SIMPLE: Readonly<Record<string, Op>> = {
  RESPONSE_CODE: (r) => r.responseCode,
  RESPONSE_CODE_DETAILS: (r) => nonEmpty(r.info.responseCodeDetails),
  RESPONSE_FLAGS: (r) => responseFlagsString(r.info.responseFlags),
  BYTES_RECEIVED: (r) => r.info.requestBodyBytes,
  BYTES_SENT: (r) => r.bytesSent,
  DURATION: (r) => r.durationMs,
  REQUEST_DURATION: (r) => r.requestDurationMs,
  RESPONSE_DURATION: (r) => r.responseDurationMs,
  PROTOCOL: (r) => r.info.protocol,
  UPSTREAM_HOST: (r) => hostPort(r.info.upstreamAddress, r.info.upstreamPort),
  UPSTREAM_CLUSTER: (r) => nonEmpty(r.info.clusterName),
  UPSTREAM_REQUEST_ATTEMPT_COUNT: (r) => r.attempts,
  ROUTE_NAME: (r) => nonEmpty(r.info.routeName),
  DOWNSTREAM_REMOTE_ADDRESS: (r) => hostPort(r.info.downstreamAddress, r.info.downstreamPort),
  DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT: (r) => nonEmpty(r.info.downstreamAddress),
  DOWNSTREAM_REMOTE_PORT: (r) => r.info.downstreamPort,
  DOWNSTREAM_LOCAL_ADDRESS: (r) => hostPort(r.info.localAddress, r.info.localPort),
  DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT: (r) => nonEmpty(r.info.localAddress),
  DOWNSTREAM_LOCAL_PORT: (r) => r.info.localPort,
  CONNECTION_ID: (r) => r.info.connectionId,
  HOSTNAME: () => HOST,
};

/** operators of Envoy's that this proxy has nothing for: an error, not a silent "-" */
const UNSUPPORTED = /^(DYNAMIC_METADATA|CLUSTER_METADATA|UPSTREAM_METADATA|FILTER_STATE|UPSTREAM_FILTER_STATE|REQUESTED_SERVER_NAME|DOWNSTREAM_PEER_|DOWNSTREAM_TLS_|UPSTREAM_PEER_|UPSTREAM_TLS_|UPSTREAM_LOCAL_ADDRESS|UPSTREAM_TRANSPORT_FAILURE_REASON|GRPC_STATUS|VIRTUAL_CLUSTER_NAME|LOCAL_REPLY_BODY|ENVIRONMENT|CEL|METADATA|TRACE_ID|STREAM_ID|REQ_WITHOUT_QUERY)/;

function headerOp(arg: string, pick: (r: LogRecord) => HeaderMap | undefined): Op {
  const [a, b] = arg.toLowerCase().split('?') as [string, string | undefined];
  return (r) => {
    const h = pick(r);
    if (!h) return undefined;
    return h.get(a) ?? (b === undefined ? undefined : h.get(b));
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * START_TIME(fmt): strftime in UTC (Envoy formats in UTC) with Envoy's additions: %s epoch
 * seconds, %f / %1f … %9f fractional seconds (%f: 9 digits), %E3S seconds with n decimals.
 */
function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const frac = (n: number) => pad(d.getUTCMilliseconds(), 3).padEnd(9, '0').slice(0, n);
  return fmt.replace(/%(E(\d)S|(\d)?f|.)/g, (m, _all: string, e: string | undefined, fd: string | undefined) => {
    if (e !== undefined) return `${pad(d.getUTCSeconds())}${Number(e) ? '.' + frac(Number(e)) : ''}`;
    if (m.endsWith('f') && m.length <= 3) return frac(fd === undefined ? 9 : Number(fd));
    switch (m[1]) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'H':
        return pad(d.getUTCHours());
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 'j':
        return pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case 'a':
        return DAYS[d.getUTCDay()]!;
      case 'b':
        return MONTHS[d.getUTCMonth()]!;
      case 'z':
        return '+0000';
      case 'Z':
        return 'UTC';
      case 's':
        return String(Math.floor(ms / 1000));
      case 'T':
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case '%':
        return '%';
      default:
        return m;
    }
  });
}

/** one operator: NAME, NAME(arg); undefined for an unknown one, a string for an unsupported one */
function operator(name: string, arg: string | undefined): Op | string | undefined {
  if (arg === undefined) {
    if (name === 'START_TIME') return (r) => new Date(r.info.startTime).toISOString();
    const op = SIMPLE[name];
    if (op) return op;
  } else {
    switch (name) {
      case 'REQ':
        return headerOp(arg, (r) => r.request);
      case 'RESP':
        return headerOp(arg, (r) => r.response);
      case 'TRAILER':
        return headerOp(arg, (r) => r.trailers);
      case 'START_TIME':
        return (r) => strftime(arg, r.info.startTime);
    }
  }
  if (UNSUPPORTED.test(name)) return `command operator %${name}% is not supported by wasmlet`;
  return undefined;
}

const COMMAND = /%([A-Z][A-Z0-9_]*)(?:\(([^)]*)\))?(?::(\d+))?%/y;

/** Compile a format string into parts; a string is the error (an unknown or unsupported operator). */
export function compileParts(fmt: string): Part[] | string {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < fmt.length) {
    const p = fmt.indexOf('%', i);
    if (p < 0) {
      text += fmt.slice(i);
      break;
    }
    text += fmt.slice(i, p);
    COMMAND.lastIndex = p;
    const m = COMMAND.exec(fmt);
    if (!m) return `expected a command operator such as %REQ(:PATH)% at "${fmt.slice(p, p + 20)}"`;
    const op = operator(m[1]!, m[2]);
    if (op === undefined) return `unknown command operator %${m[1]}${m[2] === undefined ? '' : '(…)'}%`;
    if (typeof op === 'string') return op;
    parts.push({ text, op, max: m[3] === undefined ? 0 : Number(m[3]) });
    text = '';
    i = p + m[0].length;
  }
  if (text) parts.push({ text, op: undefined, max: 0 });
  return parts;
}

function render(parts: readonly Part[], r: LogRecord, empty: string): string {
  let out = '';
  for (const p of parts) {
    out += p.text;
    if (!p.op) continue;
    const v = p.op(r);
    if (v === undefined || v === '') out += empty;
    else {
      const s = String(v);
      out += p.max > 0 && s.length > p.max ? s.slice(0, p.max) : s;
    }
  }
  return out;
}

/** A text format (missing values are "-", or empty with omit_empty_values). */
export function textFormatter(parts: readonly Part[], omitEmpty: boolean): Formatter {
  const empty = omitEmpty ? '' : '-';
  return { format: (r) => render(parts, r, empty) };
}

export type JsonTemplate = { readonly [k: string]: JsonTemplate | readonly Part[] };

/**
 * A json_format: one JSON object per line. A value that is a single operator keeps its type (a
 * number stays a number) and is null when missing, as in Envoy; other values are strings.
 */
export function jsonFormatter(t: JsonTemplate, omitEmpty: boolean): Formatter {
  const build = (o: JsonTemplate, r: LogRecord): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (!Array.isArray(v)) {
        out[k] = build(v as JsonTemplate, r);
        continue;
      }
      const parts = v as readonly Part[];
      let val: unknown;
      if (parts.length === 1 && parts[0]!.op && !parts[0]!.text) {
        const p = parts[0]!;
        const x = p.op!(r);
        val = x === undefined || x === '' ? null : typeof x === 'string' && p.max > 0 ? x.slice(0, p.max) : x;
      } else val = render(parts, r, '-');
      if (val === null && omitEmpty) continue;
      out[k] = val;
    }
    return out;
  };
  return { format: (r) => JSON.stringify(build(t, r)) + '\n' };
}

/** most bytes waiting for the disk before lines are dropped */
const MAX_BACKLOG = 16 << 20;

/**
 * An append-only log file. Opening fails synchronously (a configuration error at load time);
 * lines are then queued and written in batches, one write in flight at a time. /dev/stdout and
 * /dev/stderr are the process's own streams: reopening them fails when they are sockets (ENXIO).
 */
export class AccessLogFile {
  private readonly fd: number;
  private readonly stream: NodeJS.WriteStream | undefined;
  private queue: string[] = [];
  private queued = 0;
  private writing = false;
  private closed = false;
  private failed = false;
  private idle: (() => void)[] = [];
  dropped = 0;

  constructor(
    readonly path: string,
    private readonly onError: (message: string) => void,
  ) {
    this.stream = path === '/dev/stdout' ? process.stdout : path === '/dev/stderr' ? process.stderr : undefined;
    this.fd = this.stream ? -1 : openSync(path, 'a');
  }

  append(line: string): void {
    if (this.closed) return;
    if (this.queued + line.length > MAX_BACKLOG) {
      this.dropped++;
      return;
    }
    this.queue.push(line);
    this.queued += line.length;
    if (!this.writing) {
      this.writing = true;
      // batch what the current turn of the event loop logs into one write
      setImmediate(flushFile, this);
    }
  }

  /** @internal write the queued lines */
  flush(): void {
    if (!this.queue.length) {
      this.writing = false;
      for (const f of this.idle.splice(0)) f();
      return;
    }
    const data = this.queue.length === 1 ? this.queue[0]! : this.queue.join('');
    this.queue = [];
    this.queued = 0;
    const done = (e: Error | null | undefined) => {
      if (e && !this.failed) {
        // logged once: a full disk would otherwise log on every line
        this.failed = true;
        this.onError(`access log ${this.path}: ${e.message}`);
      }
      this.flush();
    };
    if (this.stream) this.stream.write(data, done);
    else write(this.fd, data, null, 'utf8', done);
  }

  /** Write what is queued, then close the file. */
  async close(): Promise<void> {
    if (this.writing) await new Promise<void>((r) => this.idle.push(r));
    if (this.closed) return;
    this.closed = true;
    if (this.stream) return;
    try {
      closeSync(this.fd);
    } catch {
      // already gone: nothing to flush
    }
  }
}

function flushFile(f: AccessLogFile): void {
  f.flush();
}
