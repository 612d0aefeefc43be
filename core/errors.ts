/**
 * Typed errors with stable codes. Load errors (CompileError, LinkError) and runtime traps are
 * distinct classes; `instanceof` works across duplicate copies of the package because each class
 * checks a brand symbol rather than its prototype chain.
 */

const BRAND = Symbol.for('wasmlet.error');

/**
 * Every code an error thrown by the package carries, engine and hosts alike (docs/errors.md).
 * Codes are stable: add new ones, never rename or reuse one.
 */
export type ErrorCode =
  // engine
  | 'WASMLET_COMPILE' // malformed or invalid module (CompileError)
  | 'WASMLET_LINK' // unresolved or mismatched import (LinkError)
  | 'WASMLET_TRAP' // a Wasm trap (Trap)
  | 'WASMLET_EXCEPTION' // a Wasm exception escaped the call, or a host throws one into Wasm (WasmException)
  | 'WASMLET_INSTANTIATE' // start function or segment initialisation failed
  | 'WASMLET_LIMIT' // a configured limit or budget was exceeded (LimitError, BudgetError)
  | 'WASMLET_TIER' // the requested execution tier cannot run here (TierError)
  // shared by the hosts, the firmware simulator and the CLI (hosts/errors.ts)
  | 'WASMLET_ARGUMENT' // a host API got an invalid argument or option (ArgumentError)
  | 'WASMLET_FILE' // a file the caller named cannot be read or has the wrong content (FileError)
  // command line
  | 'WASMLET_USAGE' // bad command-line usage
  // WASI host
  | 'WASMLET_WASI_ERRNO' // a WASI call failed with an errno
  | 'WASMLET_WASI_EXIT' // the guest called proc_exit
  // proxy-wasm host
  | 'WASMLET_PROXY_ABI' // a module does not implement the proxy-wasm ABI as declared
  | 'WASMLET_PROXY_CONFIG' // an Envoy configuration is invalid or unsupported
  | 'WASMLET_PROXY_PLUGIN' // a filter failed to load or start
  | 'WASMLET_PROXY_EXIT' // a filter called proc_exit
  | 'WASMLET_PROXY_ABORT' // a filter aborted (AssemblyScript abort)
  // device host and firmware simulator
  | 'WASMLET_DEVICE_ABI' // a module does not implement the device ABI
  | 'WASMLET_DEPLOY' // a deployment was rejected
  | 'WASMLET_DEVICE_BUDGET' // a module does not fit a device budget
  | 'WASMLET_FLEET_FILE' // a fleet file (wasmlet sim --fleet-file) is invalid (FleetFileError)
  | 'WASMLET_TRANSPORT' // a broker, serial port or device did not connect or answer (TransportError)
  | 'WASMLET_ROLLOUT' // a staged rollout cannot start or resume (RolloutError)
  // dashboard (wasmlet dashboard)
  | 'WASMLET_DASHBOARD'; // a dashboard request was refused or failed (DashboardError)

export class WasmletError extends Error {
  /** stable brand for cross-copy instanceof; survives minification (class names do not) */
  static readonly brand: string = 'WasmletError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    const brands: string[] = [];
    for (let c = new.target as unknown as { brand?: string } | null; c && c.brand; c = Object.getPrototypeOf(c)) {
      if (!brands.includes(c.brand)) brands.push(c.brand);
    }
    Object.defineProperty(this, BRAND, { value: brands, enumerable: false });
  }
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (typeof x !== 'object' || x === null) return false;
    const brands = (x as Record<symbol, unknown>)[BRAND];
    return Array.isArray(brands) && brands.includes((this as unknown as { brand: string }).brand);
  }
}

/** A module failed to decode (malformed) or validate (invalid). */
export class CompileError extends WasmletError {
  static override readonly brand: string = 'CompileError';
  /** byte offset in the module where the problem was found, when known */
  readonly offset: number | undefined;
  /** section name (e.g. "code", "import") when known */
  readonly section: string | undefined;
  constructor(message: string, offset?: number, section?: string) {
    const where =
      section !== undefined || offset !== undefined
        ? ` (${section !== undefined ? `section ${section}` : ''}${section !== undefined && offset !== undefined ? ', ' : ''}${offset !== undefined ? `at byte 0x${offset.toString(16)}` : ''})`
        : '';
    super('WASMLET_COMPILE', message + where);
    this.name = 'CompileError';
    this.offset = offset;
    this.section = section;
  }
}

/** An import could not be resolved or did not match its declared type. */
export class LinkError extends WasmletError {
  static override readonly brand: string = 'LinkError';
  constructor(message: string) {
    super('WASMLET_LINK', message);
    this.name = 'LinkError';
  }
}

/** A limit from the configuration was exceeded at load or instantiation time. */
export class LimitError extends WasmletError {
  static override readonly brand: string = 'LimitError';
  constructor(message: string) {
    super('WASMLET_LIMIT', message);
    this.name = 'LimitError';
  }
}

/**
 * A store asked for an execution tier that cannot run: `tier: 'compiled'` without the compiled
 * tier loaded (`wasmlet/compiled`), or where code generation from strings is disallowed.
 */
export class TierError extends WasmletError {
  static override readonly brand: string = 'TierError';
  constructor(message: string) {
    super('WASMLET_TIER', message);
    this.name = 'TierError';
  }
}

/** Trap kinds: stable numeric codes with the spec's assert_trap texts. */
export enum TrapCode {
  Unreachable = 0,
  IntegerDivideByZero = 1,
  IntegerOverflow = 2,
  InvalidConversion = 3,
  OutOfBoundsMemory = 4,
  OutOfBoundsTable = 5,
  UndefinedElement = 6,
  UninitializedElement = 7,
  IndirectCallTypeMismatch = 8,
  CallStackExhausted = 9,
  OutOfFuel = 10,
  Cancelled = 11,
  HostError = 12,
  NullReference = 13,
  /** call_ref / return_call_ref of a null reference */
  NullFunctionReference = 14,
  /** GC: struct.get/set of null */
  NullStructReference = 15,
  /** GC: array access of null */
  NullArrayReference = 16,
  /** GC: i31.get of null */
  NullI31Reference = 17,
  /** GC: ref.cast of a value not of the target type */
  CastFailure = 18,
  /** GC: an array index or range beyond its length */
  OutOfBoundsArray = 19,
  /** GC: an allocation over the store's maxGcHeapBytes (docs/limits.md) */
  GcHeapExhausted = 20,
}

export const TRAP_MESSAGES: readonly string[] = [
  'unreachable',
  'integer divide by zero',
  'integer overflow',
  'invalid conversion to integer',
  'out of bounds memory access',
  'out of bounds table access',
  'undefined element',
  'uninitialized element',
  'indirect call type mismatch',
  'call stack exhausted',
  'out of fuel',
  'cancelled',
  'host function error',
  'null reference',
  'null function reference',
  'null structure reference',
  'null array reference',
  'null i31 reference',
  'cast failure',
  'out of bounds array access',
  'out of memory: GC heap budget exhausted',
];

export const TRAP_KINDS: readonly string[] = [
  'unreachable',
  'integer_divide_by_zero',
  'integer_overflow',
  'invalid_conversion',
  'out_of_bounds_memory',
  'out_of_bounds_table',
  'undefined_element',
  'uninitialized_element',
  'indirect_call_type_mismatch',
  'call_stack_exhausted',
  'out_of_fuel',
  'cancelled',
  'host_error',
  'null_reference',
  'null_function_reference',
  'null_struct_reference',
  'null_array_reference',
  'null_i31_reference',
  'cast_failure',
  'out_of_bounds_array',
  'gc_heap_exhausted',
];

export interface BacktraceFrame {
  readonly funcIndex: number;
  readonly funcName: string | undefined;
  /** byte offset of the instruction in the module */
  readonly offset: number;
}

/** A Wasm trap, raised once at the call boundary with a Wasm backtrace. */
export class Trap extends WasmletError {
  static override readonly brand: string = 'Trap';
  readonly trap: TrapCode;
  readonly kind: string;
  readonly backtrace: readonly BacktraceFrame[];
  constructor(trap: TrapCode, backtrace: readonly BacktraceFrame[] = [], detail?: string) {
    super('WASMLET_TRAP', TRAP_MESSAGES[trap]! + (detail ? `: ${detail}` : '') + formatBacktrace(backtrace));
    this.name = 'Trap';
    this.trap = trap;
    this.kind = TRAP_KINDS[trap]!;
    this.backtrace = backtrace;
  }
  /** the spec's trap text without the backtrace */
  get text(): string {
    return TRAP_MESSAGES[this.trap]!;
  }
}

function formatBacktrace(bt: readonly BacktraceFrame[]): string {
  if (bt.length === 0) return '';
  return (
    '\nwasm backtrace:\n' +
    bt
      .map(
        (f, i) =>
          `  ${i}: func[${f.funcIndex}]${f.funcName ? ` <${f.funcName}>` : ''} @ 0x${f.offset.toString(16)}`,
      )
      .join('\n')
  );
}
