/**
 * Envoy's HTTP/2 protocol options, as listeners (http2_protocol_options) and clusters (also the
 * typed_extension_protocol_options spelling) give them, and the node:http2 settings they become.
 */
import type { Settings } from 'node:http2';
import { ConfigError, join, num, obj, typedConfig, type Obj } from './config-read.js';

/** http2_protocol_options, the part wasmlet acts on */
export interface Http2Options {
  readonly maxConcurrentStreams: number | undefined;
  readonly initialStreamWindowSize: number | undefined;
  readonly initialConnectionWindowSize: number | undefined;
  readonly hpackTableSize: number | undefined;
}

const H2_FIELDS = ['max_concurrent_streams', 'initial_stream_window_size', 'initial_connection_window_size', 'hpack_table_size'];
const H2_ENVOY_ONLY = [
  'allow_connect',
  'allow_metadata',
  'max_outbound_frames',
  'max_outbound_control_frames',
  'max_consecutive_inbound_frames_with_empty_payload',
  'max_inbound_priority_frames_per_stream',
  'max_inbound_window_update_frames_per_data_frame_sent',
  'stream_error_on_invalid_http_messaging',
  'override_stream_error_on_invalid_http_message',
  'custom_settings_parameters',
  'connection_keepalive',
  'use_oghttp2_codec',
  'max_metadata_size',
];

function optInt(o: Obj, k: string, path: string, min: number, max: number): number | undefined {
  if (o[k] === undefined || o[k] === null) return undefined;
  const n = num(o, k, path);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`expected an integer from ${min} to ${max}`, join(path, k));
  return n;
}

/** Envoy's Http2ProtocolOptions (an empty mapping or absent: the defaults). */
export function parseHttp2Options(v: unknown, path: string): Http2Options {
  const o = obj(v, path, H2_FIELDS, H2_ENVOY_ONLY);
  return {
    maxConcurrentStreams: optInt(o, 'max_concurrent_streams', path, 1, 2147483647),
    // Envoy's bounds for the window sizes
    initialStreamWindowSize: optInt(o, 'initial_stream_window_size', path, 65535, 2147483647),
    initialConnectionWindowSize: optInt(o, 'initial_connection_window_size', path, 65535, 2147483647),
    hpackTableSize: optInt(o, 'hpack_table_size', path, 0, 4294967295),
  };
}

/** node:http2 settings for Http2Options */
export function h2Settings(o: Http2Options): Settings {
  const s: Settings = {};
  if (o.maxConcurrentStreams !== undefined) s.maxConcurrentStreams = o.maxConcurrentStreams;
  if (o.initialStreamWindowSize !== undefined) s.initialWindowSize = o.initialStreamWindowSize;
  if (o.hpackTableSize !== undefined) s.headerTableSize = o.hpackTableSize;
  return s;
}

const T_HTTP_PROTOCOL_OPTIONS = 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
const HPO_KEY = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/**
 * A cluster's upstream protocol: HTTP/2 with the legacy `http2_protocol_options`, or with
 * `typed_extension_protocol_options` {envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
 * {explicit_http_config: {http2_protocol_options}}}; undefined: HTTP/1.1.
 */
export function parseUpstreamProtocol(c: Obj, path: string): Http2Options | undefined {
  const legacy = c['http2_protocol_options'];
  const typed = c['typed_extension_protocol_options'];
  if (legacy !== undefined && typed !== undefined) throw new ConfigError('give http2_protocol_options or typed_extension_protocol_options, not both', path);
  if (legacy !== undefined) return parseHttp2Options(legacy, join(path, 'http2_protocol_options'));
  if (typed === undefined) return undefined;
  const tp = join(path, 'typed_extension_protocol_options');
  // the keys are extension names, not fields: obj() would respell a camelCase one as snake_case
  if (typed === null || typeof typed !== 'object' || Array.isArray(typed)) throw new ConfigError('expected a mapping', tp);
  const t = typed as Obj;
  for (const k of Object.keys(t)) if (k !== HPO_KEY) throw new ConfigError(`unknown extension (known: ${HPO_KEY})`, join(tp, k));
  if (t[HPO_KEY] === undefined) return undefined;
  const hp = join(tp, HPO_KEY);
  const h = typedConfig(t[HPO_KEY], hp, T_HTTP_PROTOCOL_OPTIONS, ['explicit_http_config'], ['use_downstream_protocol_config', 'auto_config', 'common_http_protocol_options', 'upstream_http_protocol_options', 'http_filters', 'header_validation_config']);
  if (h['explicit_http_config'] === undefined) throw new ConfigError('required field is missing (wasmlet supports explicit_http_config only)', join(hp, 'explicit_http_config'));
  const ep = join(hp, 'explicit_http_config');
  const e = obj(h['explicit_http_config'], ep, ['http_protocol_options', 'http2_protocol_options'], ['http3_protocol_options']);
  const given = Object.keys(e);
  if (given.length !== 1) throw new ConfigError('explicit_http_config needs exactly one of http_protocol_options, http2_protocol_options', ep);
  if (e['http_protocol_options'] !== undefined) {
    obj(e['http_protocol_options'], join(ep, 'http_protocol_options'), []);
    return undefined;
  }
  return parseHttp2Options(e['http2_protocol_options'], join(ep, 'http2_protocol_options'));
}
