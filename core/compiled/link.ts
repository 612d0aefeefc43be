/**
 * The compiled tier at run time: turns generated sources (codegen.ts) into functions, gives each
 * function of a tiered store its entries (JitEntry), and the helpers generated code calls.
 *
 * Guarantees kept by construction: compiled code runs on the interpreter's machine (same frame
 * slots, fuel counter, call-depth and stack-slot checks, frame records framePc/frameFp/frameFn at
 * every call), so
 * - a trap is located where it happened (`s`, the IR offset of the trapping op, mapped by the
 *   function's pcMap) with callers from the frame records: the interpreter's backtrace;
 * - running out of fuel (or an async host call) records the interpreter's Suspension and unwinds
 *   the JS frames with SUSPEND; `resume` then continues *in the interpreter* from exactly that
 *   state, so callResumable and invokeAsync give the same outcomes and fuel on both tiers;
 * - a callee that is not compiled (a host function, a function the tier could not translate, or
 *   not yet hot under `auto`) runs through the interpreter from the same frame.
 */
import type { FuncInst, Instance, TierCompiler, TierRuntime } from '../index.js';
import type { Machine, Suspension } from '../exec/machine.js';
import type { JitEntry } from '../exec/objects.js';
import type { BacktraceFrame } from '../errors.js';
import { generate, Unsupported } from './codegen.js';
import { generateRegs, type CallSigs } from './regs.js';
import { IR_OPS } from '../ops/ir.js';
import type { CompiledFunc } from '../translate/compiled.js';

/** calls (top-level or from compiled code) after which `auto` compiles a function */
export const AUTO_HOT_CALLS = 2;
/**
 * calls after which `auto` compiles a function that has a loop: at once, so a function called once
 * that loops long (a `main`) runs compiled. Loop-iteration counts would need either a counter on
 * every interpreter back-edge (a cost on the interpreter tier too) or entering compiled code at a
 * loop header (the frame is shared, but the generator has no entry there yet); a loop in the IR is
 * the static stand-in (RATIONALE.md, "Compiled tier").
 */
export const AUTO_HOT_CALLS_LOOP = 1;

/** operand layout of each IR op: the code-word offsets of its branch targets, and its length */
const SHAPES = IR_OPS.map((d) => {
  const kinds = d.args.split(/\s+/).filter(Boolean).map((a) => a.split(':')[1]!);
  return { targets: kinds.flatMap((k, i) => (k === 'target' ? [i + 1] : [])), table: kinds.includes('targets'), len: kinds.length + 1 };
});

/** whether the function's IR branches backwards (a Wasm `loop` whose header some branch reaches) */
export function hasLoop(cf: CompiledFunc): boolean {
  const code = cf.code;
  for (let pc = 0; pc < code.length; ) {
    const o = SHAPES[code[pc]!];
    if (o === undefined) return false;
    if (o.table) {
      const n = code[pc + 2]!;
      for (let i = 0; i <= n; i++) if (code[pc + 3 + i]! <= pc) return true;
      pc += 3 + n + 1;
      continue;
    }
    for (const k of o.targets) if (code[pc + k]! <= pc) return true;
    pc += o.len;
  }
  return false;
}

/** How many functions the tier compiled, and which it left to the interpreter (and why). */
export interface TierStats {
  compiled: number;
  /** functions whose IR the tier could not translate, run by the interpreter */
  interpreted: number;
  /** why, by reason, for the report */
  reasons: Map<string, number>;
  /** of the compiled functions, how many the register generator (regs.ts) made */
  registers: number;
  /** why the others fell back to the switch form (codegen.ts), by reason */
  fallbacks: Map<string, number>;
  /** call sites the register generator made direct JS calls (to a compiled callee's direct form) */
  directCalls: number;
}

export const tierStats: TierStats = { compiled: 0, interpreted: 0, reasons: new Map(), registers: 0, fallbacks: new Map(), directCalls: 0 };

/**
 * The largest generated source (in characters) the tier runs. V8 never optimises a function of
 * more than 60 KB of bytecode (`--max-optimized-bytecode-size`), and unoptimised generated code
 * runs several times slower than the interpreter tier (Ignition interpreting the templates one by
 * one); the generated code compiles to about 0.7 bytes of bytecode per character (coremarkish's
 * `run`: 73,690 characters, 52,533 bytes), so a function above this stays interpreted.
 */
export const MAX_SOURCE_CHARS = 84_000;

/**
 * The types direct calls need: the function's own, its callees' by index, call_indirect's by type
 * index. Module-level facts (every instance of a module shares the factory: imports are checked
 * against the declared types, whose i32/f64 positions are exact).
 */
function callSigs(fn: FuncInst): CallSigs & { sites: number } {
  const inst = fn.instance!;
  return {
    self: fn.type,
    func: (f) => inst.funcs[f]!.type,
    type: (y) => inst.module.info.types[y]!,
    sites: 0,
    directCall() {
      this.sites++;
    },
  };
}

/** the register generator's source for `cf`, or the switch form's when it meets something it does not handle */
function source(cf: CompiledFunc, fn: FuncInst): string {
  let src: string;
  let why: string | null = null;
  const sigs = callSigs(fn);
  try {
    src = generateRegs(cf, fn.index, fn.type.results.length, sigs);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    why = e.message;
    src = generate(cf, fn.index);
  }
  if (src.length > MAX_SOURCE_CHARS) throw new Unsupported(`function too large for V8 to optimise (over ${MAX_SOURCE_CHARS} characters of JS)`);
  if (why === null) {
    tierStats.registers++;
    tierStats.directCalls += sigs.sites;
  }
  else tierStats.fallbacks.set(why, (tierStats.fallbacks.get(why) ?? 0) + 1);
  return src;
}

type Body = (m: Machine, fp: number, depth: number, ed: number) => FuncInst | null;
/** a function's direct form (regs.ts): its i32/f64 arguments as JS arguments, its one i32/f64 result returned */
type Direct = (m: Machine, fp: number, depth: number, ed: number, ...args: number[]) => unknown;
type Factory = (rt: unknown, inst: Instance, fn: FuncInst, K: Float64Array, code: Int32Array) => { body: Body; direct: Direct | null };
/** a function's entries: JitEntry's, and the direct form compiled callers call (null: through `body`) */
interface TierEntry extends JitEntry {
  readonly direct: Direct | null;
}

function canGenerate(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

export function makeTier(rt: TierRuntime): TierCompiler {
  const { Trap, TrapCode, TrapSignal, Status, backtrace, callHost, interpret, ASYNC_ON_SYNC_PATH } = rt;
  /** the signal that unwinds compiled frames once a Suspension is recorded */
  const SUSPEND = { suspend: true };
  /** factories by translated function (shared by every instance of a module) */
  const factories = new WeakMap<CompiledFunc, Factory | Unsupported>();

  const withEntry = (m: Machine, s: Suspension, ed: number): Suspension => ({ ...s, entryDepth: ed });

  /** frames of the compiled callers between activation `from` (exclusive) and `ed` (inclusive) */
  const callerFrames = (m: Machine, from: number, ed: number, room: number): BacktraceFrame[] => {
    const out: BacktraceFrame[] = [];
    for (let d = from; d >= ed && out.length < room; d--) {
      const f = m.frameFn[d];
      if (f) out.push(backtrace(m, d, d, f, m.framePc[d]! - 1)[0]!);
    }
    return out;
  };

  /** run `c` in the interpreter as a callee at activation depth + 1 of the call that started at `ed` */
  const interpretNested = (m: Machine, c: FuncInst, nfp: number, depth: number, ed: number): void => {
    m.depth = depth;
    let st: number;
    try {
      st = interpret(m, c, nfp);
    } catch (e) {
      if (e instanceof Trap) {
        // the interpreter's backtrace ends at its own entry: add the compiled callers below it
        // (its entry check has none: the trap then points at the call, as the interpreter's would)
        const bt = [...e.backtrace, ...callerFrames(m, depth, ed, 64 - e.backtrace.length)];
        const tail = e.message.slice(e.text.length);
        const i = tail.indexOf('\nwasm backtrace:');
        const detail = (i < 0 ? tail : tail.slice(0, i)).replace(/^: /, '');
        throw new Trap(e.trap, bt, detail || undefined);
      }
      throw e;
    }
    if (st !== Status.Done) {
      // the interpreter resumes it, then returns through our frame records to the entry
      m.suspended = withEntry(m, m.suspended!, ed);
      throw SUSPEND;
    }
  };

  /** a call whose callee has no compiled entry: a host function, or an interpreted function */
  const call = (m: Machine, c: FuncInst, fn: FuncInst, fp: number, nfp: number, depth: number, ed: number, ret: number, frameSize: number): void => {
    if (c.compiled !== null) {
      interpretNested(m, c, nfp, depth, ed);
      return;
    }
    m.depth = depth;
    m.sp = fp + frameSize;
    const p = callHost(m, c, nfp);
    if (p !== undefined) {
      if (!m.allowAsync) throw new TypeError(ASYNC_ON_SYNC_PATH);
      m.suspended = { fn, pc: ret, fp, depth, entryDepth: ed, pending: { promise: p, callee: c, fp: nfp } };
      throw SUSPEND;
    }
  };

  /** tail calls returned by a callee: each runs in the same frame at the same depth */
  const tail = (m: Machine, t: FuncInst | null, fp: number, depth: number, ed: number): void => {
    while (t !== null) {
      const j = t.jit;
      if (j !== null) t = j.body(m, fp, depth, ed);
      else {
        interpretNested(m, t, fp, depth - 1, ed);
        t = null;
      }
    }
  };

  /** a throw leaving compiled function `fn` at IR offset `s`: a trap here becomes the public Trap */
  const locate = (e: unknown, m: Machine, fn: FuncInst, s: number, depth: number, ed: number, fuel: number): unknown => {
    let code: number;
    let detail: string | undefined;
    if (e instanceof TrapSignal) {
      code = e.code;
      detail = e.detail;
    } else if (e instanceof RangeError && /call stack/i.test(e.message)) code = TrapCode.CallStackExhausted;
    else return e;
    if (fuel >= 0) m.counters.fuel = fuel;
    return new Trap(code, backtrace(m, ed, depth, fn, s), detail);
  };

  /** a trap at IR offset `s` of compiled `fn`, located where it is raised (regs.ts code has no function-wide catch) */
  const trapAt = (m: Machine, fn: FuncInst, code: number, s: number, depth: number, ed: number, fuel: number): unknown => {
    if (fuel >= 0) m.counters.fuel = fuel;
    return new Trap(code, backtrace(m, ed, depth, fn, s));
  };
  /**
   * A function's entry limit check failed: the trap points at its caller's call (the frame records
   * hold it), as the caller's catch located it before; at a call's first activation the entry
   * converts the signal without a backtrace, as the interpreter does.
   */
  const overflowAt = (m: Machine, depth: number, ed: number): unknown =>
    depth === ed ? new TrapSignal(TrapCode.CallStackExhausted) : new Trap(TrapCode.CallStackExhausted, backtrace(m, ed, depth - 1, m.frameFn[depth - 1]!, m.framePc[depth - 1]! - 1));

  const helpers = { ...rt, SUSPEND, locate, call, tail, trapAt, overflowAt };

  function factory(cf: CompiledFunc, fn: FuncInst): Factory | Unsupported {
    let f = factories.get(cf);
    if (f === undefined) {
      try {
        f = new Function('rt', 'inst', 'fn', 'K', 'CODE', source(cf, fn)) as Factory;
        tierStats.compiled++;
      } catch (e) {
        // anything else is a bug of the tier (e.g. a template it cannot splice): the function
        // still runs, interpreted, and the reason says what went wrong (the spec tests assert none)
        f = e instanceof Unsupported ? e : new Unsupported(`internal: ${(e as Error).message}`);
        tierStats.interpreted++;
        tierStats.reasons.set(f.message, (tierStats.reasons.get(f.message) ?? 0) + 1);
      }
      factories.set(cf, f);
    }
    return f;
  }

  /** the compiled entries of `fn`, or null when the tier leaves it to the interpreter */
  function compile(fn: FuncInst): TierEntry | null {
    const cf = fn.compiled!;
    const f = factory(cf, fn);
    if (f instanceof Unsupported) return null;
    const { body, direct } = f(helpers, fn.instance!, fn, cf.consts, cf.code);
    // the lazy entry's shape (direct, entry, body): one hidden class for compiled callers' `c.jit` reads
    return {
      direct,
      entry(m: Machine, fp: number): number {
        const d = m.depth + 1;
        try {
          tail(m, body(m, fp, d, d), fp, d, d);
          return Status.Done;
        } catch (e) {
          if (e === SUSPEND) return m.suspended!.pending ? Status.HostPending : Status.OutOfFuel;
          m.depth = d - 1;
          // the entry's own limit check: the interpreter raises it without a backtrace
          if (e instanceof TrapSignal) throw new Trap(e.code, [], e.detail);
          if (e instanceof RangeError && /call stack/i.test(e.message)) throw new Trap(TrapCode.CallStackExhausted);
          throw e;
        }
      },
      body,
    };
  }

  /** entries that compile on first use (`compiled`) or when hot (`auto`: AUTO_HOT_CALLS calls, AUTO_HOT_CALLS_LOOP with a loop) */
  function lazy(fn: FuncInst, tier: 'compiled' | 'auto'): TierEntry {
    let calls = 0;
    // the threshold is worked out at the first call, not at instantiation: load stays the interpreter's
    let hot = 0;
    const isHot = (): boolean => {
      if (hot === 0) hot = tier === 'compiled' ? 1 : hasLoop(fn.compiled!) ? AUTO_HOT_CALLS_LOOP : AUTO_HOT_CALLS;
      return ++calls >= hot;
    };
    const promote = (): JitEntry | null => {
      const j = compile(fn);
      fn.jit = j;
      return j;
    };
    return {
      // compiled callers call through `body` until it is compiled (then fn.jit is the compiled entry)
      direct: null,
      entry(m: Machine, fp: number): number {
        if (isHot()) {
          const j = promote();
          if (j !== null) return j.entry(m, fp);
        }
        return interpret(m, fn, fp);
      },
      body(m: Machine, fp: number, depth: number, ed: number): FuncInst | null {
        if (isHot()) {
          const j = promote();
          if (j !== null) return j.body(m, fp, depth, ed);
        }
        interpretNested(m, fn, fp, depth - 1, ed);
        return null;
      },
    };
  }

  return {
    codegenAllowed: canGenerate(),
    attach(inst: Instance, tier: 'compiled' | 'auto'): void {
      // compiled frames have no unwinding yet: a module that uses exception handling (tags, or
      // try_table handlers) runs interpreted, whole, so a throw only ever crosses interpreted frames
      if (inst.tags.length > 0 || inst.funcs.some((f) => f.instance === inst && (f.compiled?.handlers?.length ?? 0) > 0)) {
        const why = 'module uses exception handling';
        tierStats.reasons.set(why, (tierStats.reasons.get(why) ?? 0) + 1);
        return;
      }
      // nor templates for v128 values yet: SIMD modules run interpreted, whole
      if (inst.module.features.includes('simd')) {
        const why = 'module uses SIMD';
        tierStats.reasons.set(why, (tierStats.reasons.get(why) ?? 0) + 1);
        return;
      }
      for (const fn of inst.funcs) {
        if (fn.instance !== inst || fn.compiled === null || fn.jit !== null) continue;
        fn.jit = lazy(fn, tier);
      }
    },
  };
}
