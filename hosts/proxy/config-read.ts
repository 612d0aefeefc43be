/**
 * The building blocks of the Envoy YAML parser: the typed error and the field readers, each naming
 * the path of what it rejects. Apart from config.ts so that the parsers of other files (tls.ts,
 * h2-options.ts) can use them without an import cycle through config.ts.
 */
import { WasmletError } from '../../core/index.js';

/** An Envoy configuration is invalid, or uses a field wasmlet does not support. */
export class ConfigError extends WasmletError {
  static override readonly brand: string = 'ConfigError';
  /** dotted path of the offending field, when there is one */
  readonly path: string | undefined;
  constructor(message: string, path?: string) {
    super('WASMLET_PROXY_CONFIG', path ? `${path}: ${message}` : message);
    this.name = 'ConfigError';
    this.path = path;
  }
}

export type Obj = Record<string, unknown>;

function snake(k: string): string {
  return k.startsWith('@') ? k : k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/**
 * A mapping with only the `allowed` fields (camelCase keys normalized to snake_case). Fields of
 * Envoy's schema that wasmlet does not implement are listed in `unsupported`: they are errors too,
 * saying so, rather than settings silently ignored.
 */
export function obj(v: unknown, path: string, allowed: readonly string[], unsupported: readonly string[] = []): Obj {
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError('expected a mapping', path);
  const out: Obj = {};
  for (const [k0, val] of Object.entries(v as Obj)) {
    const k = snake(k0);
    if (unsupported.includes(k)) throw new ConfigError('not supported by wasmlet (see docs/proxy.md for the supported subset)', join(path, k0));
    if (!allowed.includes(k)) throw new ConfigError(`unknown field (known: ${allowed.join(', ')})`, join(path, k0));
    out[k] = val;
  }
  return out;
}

export function join(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}

export function arr(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ConfigError('expected a list', path);
  return v;
}

export function str(o: Obj, k: string, path: string, dflt?: string): string {
  const v = o[k];
  if (v === undefined || v === null) {
    if (dflt === undefined) throw new ConfigError('required field is missing', join(path, k));
    return dflt;
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new ConfigError('expected a string', join(path, k));
  return String(v);
}

export function num(o: Obj, k: string, path: string, dflt?: number): number {
  const v = o[k];
  if (v === undefined || v === null) {
    if (dflt === undefined) throw new ConfigError('required field is missing', join(path, k));
    return dflt;
  }
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ConfigError('expected a non-negative number', join(path, k));
  return n;
}

export function bool(o: Obj, k: string, path: string, dflt: boolean): boolean {
  const v = o[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new ConfigError('expected true or false', join(path, k));
  return v;
}

export function typedConfig(v: unknown, path: string, type: string, allowed: readonly string[], unsupported: readonly string[] = []): Obj {
  const o = obj(v, path, ['@type', ...allowed], unsupported);
  const t = o['@type'];
  if (t === undefined) throw new ConfigError(`"@type" is missing (expected ${type})`, path);
  if (t !== type) throw new ConfigError(`unsupported "@type" ${String(t)} (expected ${type})`, join(path, '@type'));
  delete o['@type'];
  return o;
}
