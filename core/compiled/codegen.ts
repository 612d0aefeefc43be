/**
 * Code generation for the compiled tier: one translated function's IR (core/ops/ir.ts, the code
 * the interpreter runs) becomes the source of one JS function. Each IR op becomes its own template
 * from the IR table, the same text the interpreter's generated cases are made of, with every
 * operand read from the code turned into a number literal; so both tiers compute with identical
 * expressions on the identical frame (the machine's typed-array value stack), and the fuel charges,
 * trap sites and suspension points are the IR's own. What the generated source contains: number
 * literals (operands, offsets, fuel amounts, IR code offsets), generated identifiers, and the
 * table's templates; never a guest byte or name.
 *
 * Control flow: one `switch` over the IR offsets that are branch targets, inside a loop; straight
 * code between targets falls through. A function whose IR holds an op the tier does not know
 * (a hand-written op it has no code for, or a template naming something outside the tier's
 * scope) is `Unsupported` and stays interpreted.
 */
import { IR_OPS } from '../ops/ir.js';
import type { IrOpDef } from '../ops/spec.js';
import type { CompiledFunc } from '../translate/compiled.js';

/**
 * thrown by `generate` for IR the tier cannot compile; the function stays interpreted. Internal
 * and never reaches a caller, so not an Error of the package's family.
 */
export class Unsupported {
  constructor(readonly message: string) {}
}

export interface Field {
  readonly name: string;
  readonly kind: string;
  readonly index: number;
}
export interface OpInfo {
  readonly def: IrOpDef;
  readonly num: number;
  readonly fields: readonly Field[];
  /** code words, opcode included; 0 for BrTable (3 + count + 1) */
  readonly len: number;
}

const UNIT: Record<string, 'w' | 's' | 'r' | ''> = { i32: 'w', f32: 'w', w64: 'w', v128: 'w', f64: 's', i64: 's', u64: 's', ref: 'r' };
const VIEW: Record<string, string> = { i32: 'I32', f32: 'F32', f64: 'F64', i64: 'I64', u64: 'U64', ref: 'R', pool: 'K' };

export const OPS: readonly OpInfo[] = IR_OPS.map((def, num) => {
  const fields = def.args
    .split(/\s+/)
    .filter(Boolean)
    .map((a, i) => {
      const [name, kind] = a.split(':') as [string, string];
      return { name, kind, index: i + 1 };
    });
  return { def, num, fields, len: fields.some((f) => f.kind === 'targets') ? 0 : fields.length + 1 };
});
const BY_NAME = new Map(OPS.map((o) => [o.def.name, o]));
export const opNum = (name: string): number => {
  const o = BY_NAME.get(name);
  if (!o) throw new Unsupported(`unknown IR op ${name}`);
  return o.num;
};

// ---- templates (the generator's expansion, scripts/gen-ops.mjs, kept operand reads as code[pc + k]) ----

function addr(f: Field): string {
  const at = `code[pc + ${f.index}]`;
  const u = UNIT[f.kind] ?? '';
  return u === 'w' ? `fp2 + ${at}` : u === 's' || u === 'r' ? `fp + ${at}` : at;
}
function value(f: Field): string {
  const u = UNIT[f.kind] ?? '';
  const view = VIEW[f.kind];
  if (u === '' && view === undefined) return `code[pc + ${f.index}]`;
  if (view === undefined) throw new Unsupported(`operand ${f.name} (${f.kind}) has no single value`);
  return `${view}[${addr(f)}]`;
}
function expand(o: OpInfo, text: string): string {
  return text
    .replace(/#([A-Z]\w*)/g, (_, n: string) => String(opNum(n)))
    .replace(/([$@])([A-Za-z_]\w*)/g, (_, sigil: string, name: string) => {
      const f = o.fields.find((x) => x.name === name);
      if (!f) throw new Unsupported(`IR op ${o.def.name} has no operand ${name}`);
      return sigil === '$' ? value(f) : addr(f);
    });
}

/** the free names a template may use: the frame views, the helpers the factory binds, JS built-ins */
const ALLOWED = new Set(
  'I32 F32 F64 I64 U64 R K N trap TrapCode inst dv u8 memLen i64DivSmall fp fp2 pc code Math Number BigInt NaN Infinity const let if else switch case default break true false null undefined'.split(' '),
);

function checkNames(name: string, text: string): void {
  const declared = new Set([...text.matchAll(/\b(?:const|let)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]!));
  for (const m of text.matchAll(/(^|[^.\w$])([A-Za-z_$][\w$]*)/g)) {
    const id = m[2]!;
    if (!ALLOWED.has(id) && !declared.has(id)) throw new Unsupported(`IR op ${name}: its template uses ${id}`);
  }
  // the templates are TypeScript for the interpreter; a non-null assertion (`x[i]!`) is no JS
  if (/[\w\])]!(?!=)/.test(text)) throw new Unsupported(`IR op ${name}: its template uses TypeScript syntax (a non-null assertion)`);
}

const templates = new Map<number, string | Unsupported>();

/** op `num`'s template with operand reads still as `code[pc + k]` (a group member uses its group's body) */
export function template(num: number): string {
  let t = templates.get(num);
  if (t === undefined) {
    try {
      const o = OPS[num];
      if (!o) throw new Unsupported(`bad IR opcode ${num}`);
      const d = o.def;
      let text: string;
      if (d.hand) throw new Unsupported(`hand-written IR op ${d.name}`);
      if (d.group !== undefined && d.groupBody === undefined) {
        const owner = OPS.find((x) => x.def.group === d.group && x.def.groupBody !== undefined);
        if (!owner) throw new Unsupported(`IR op ${d.name}: group ${d.group} has no body`);
        text = expand(owner, owner.def.groupBody!);
      } else if (d.groupBody !== undefined) text = expand(o, d.groupBody);
      else if (d.expr !== undefined) text = `${value(o.fields[0]!)} = ${expand(o, d.expr)};`;
      else if (d.body !== undefined) text = expand(o, d.body);
      else throw new Unsupported(`IR op ${d.name} has no semantics`);
      checkNames(d.name, text);
      t = text;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      t = e;
    }
    templates.set(num, t);
  }
  if (t instanceof Unsupported) throw t;
  return t;
}

export const lit = (v: number): string => (v < 0 ? `(${v})` : String(v));

/** one instance of a template: operands and branch targets as literals, jumps as `continue` */
function instantiateTemplate(text: string, code: Int32Array, pc: number): string {
  let s = text.replace(/code\[pc \+ (\d+)\]/g, (_, k: string) => lit(code[pc + Number(k)]!)).replace(/code\[pc\]/g, lit(code[pc]!));
  s = s.replace(/\n?\s*else pc \+= \d+;/g, '').replace(/^pc \+= [^;\n]*;$/gm, '');
  s = s.replace(/\bpc = (\d+);/g, (_, t: string) => `{ L = ${t}; continue x; }`);
  if (/\bpc\b|\bcode\b/.test(s)) throw new Unsupported(`IR op ${OPS[code[pc]!]!.def.name}: a template reads the code`);
  return s;
}

// ---- whole functions ----------------------------------------------------------------------------

export const HAND = new Set(['Fuel', 'Return', 'Return32', 'Return64', 'ReturnRef', 'Call', 'CallIndirect', 'ReturnCall', 'ReturnCallIndirect', 'MemoryGrow', 'BrTable']);

/** instruction length at pc */
export function lengthAt(code: Int32Array, pc: number): number {
  const o = OPS[code[pc]!];
  if (!o) throw new Unsupported(`bad IR opcode ${code[pc]} at ${pc}`);
  return o.len === 0 ? 3 + code[pc + 2]! + 1 : o.len;
}

/**
 * Compiled frames live on the JS stack, the interpreter's on its own: beyond this Wasm call depth a
 * call runs in the interpreter (which goes on to maxCallDepth), so the JS stack cannot overflow
 * before the engine's depth limit does. 400 frames of the largest generated functions fit in
 * Node's default stack with room for the host's own frames.
 */
export const JS_DEPTH = 400;

/** refresh of the cached memory-0 views after anything that may grow or replace memory */
export const REFRESH = '/*refresh*/';

/**
 * The source of a factory `(rt, inst, fn, K, CODE) => body`: `body(m, fp, depth, ed)` runs the
 * function `index` (for the JS name only) at activation `depth` of a call whose first activation
 * is `ed`, and returns null or the function to tail-call (JitEntry.body).
 */
export function generate(cf: CompiledFunc, index: number): string {
  const code = cf.code;
  const labels = new Set<number>([0]);
  for (let pc = 0; pc < code.length; pc += lengthAt(code, pc)) {
    const o = OPS[code[pc]!]!;
    for (const f of o.fields) if (f.kind === 'target') labels.add(code[pc + f.index]!);
    if (o.len === 0) for (let i = 0; i <= code[pc + 2]!; i++) labels.add(code[pc + 3 + i]!);
  }
  const metered = cf.metered;
  const syncOut = metered ? 'C.fuel = fuel;' : '';
  const syncIn = metered ? 'fuel = C.fuel;' : '';
  const suspend = (pc: number) => `m.suspended = { fn, pc: ${pc}, fp, depth, entryDepth: ed }; throw SUSPEND;`;
  const out: string[] = [];
  let hasCalls = false;
  const callTail = (pc: number, base: number, ret: number) => {
    hasCalls = true;
    return `framePc[depth] = ${ret}; frameFp[depth] = fp; frameFn[depth] = fn; ${syncOut}
const j = c.jit;
if (j !== null && depth < ${JS_DEPTH}) { const t = j.body(m, fp + ${base}, depth + 1, ed); if (t !== null) tail(m, t, fp + ${base}, depth + 1, ed); }
else call(m, c, fn, fp, fp + ${base}, depth, ed, ${ret}, ${cf.frameSize});
${syncIn} ${REFRESH}`;
  };
  const indirect = (pc: number, y: number, x: number, c: number) =>
    `const tb = inst.tables[${x}]; const i = I32[fp2 + ${c}] >>> 0;
if (i >= tb.elements.length) trap(TrapCode.UndefinedElement);
const c = tb.elements[i]; if (c === null) trap(TrapCode.UninitializedElement);
// a declared subtype of the expected type matches too (the interpreter's rule)
if (c.typeId !== inst.typeIds[${y}] && !canonSub(c.typeId, inst.typeIds[${y}])) trap(TrapCode.IndirectCallTypeMismatch);`;
  const tailCall = (pc: number, ret: number) => {
    hasCalls = true;
    return `if (c.compiled === null) { ${syncOut} call(m, c, fn, fp, fp, depth, ed, ${ret}, ${cf.frameSize}); ${syncIn} ${REFRESH} }
else { if (fp + c.compiled.frameSize > m.slots) trap(TrapCode.CallStackExhausted); ${syncOut} return c; }`;
  };
  for (let pc = 0; pc < code.length; pc += lengthAt(code, pc)) {
    if (labels.has(pc)) out.push(`case ${pc}:`);
    const o = OPS[code[pc]!]!;
    const name = o.def.name;
    const a = (k: number) => code[pc + k]!;
    let s: string;
    if (o.def.group === 'bulk') {
      s = `s = ${pc}; ${syncOut} const n = bulkOp(m, inst, ${metered}, CODE, ${pc}, fp); ${syncIn}
if (n < 0) { ${suspend(pc)} } ${REFRESH}`;
    } else if (o.def.group === 'memx') {
      s = `s = ${pc}; memOp(m, inst, CODE, ${pc}, fp); ${REFRESH}`;
    } else if (HAND.has(name)) {
      switch (name) {
        case 'Fuel':
          if (!metered) throw new Unsupported('a Fuel op in unmetered code');
          s = `if (fuel < ${a(1)}) { C.fuel = fuel; ${suspend(pc)} } fuel -= ${a(1)};`;
          break;
        case 'Return':
          s = `${syncOut} return null;`;
          break;
        case 'Return32':
          s = `I32[fp2] = I32[fp2 + ${a(1)}]; ${syncOut} return null;`;
          break;
        case 'Return64':
          s = `const lo = I32[fp2 + ${a(1)}]; const hi = I32[fp2 + ${a(1) + 1}]; I32[fp2] = lo; I32[fp2 + 1] = hi; ${syncOut} return null;`;
          break;
        case 'ReturnRef':
          s = `R[fp] = R[fp + ${a(1)}]; ${syncOut} return null;`;
          break;
        case 'Call':
          s = `s = ${pc}; const c = funcs[${a(1)}];\n${callTail(pc, a(2), pc + 3)}`;
          break;
        case 'CallIndirect':
          s = `s = ${pc}; ${indirect(pc, a(1), a(2), a(3))}\n${callTail(pc, a(4), pc + 5)}`;
          break;
        case 'ReturnCall':
          s = `s = ${pc}; const c = funcs[${a(1)}];\n${tailCall(pc, pc + 2)}`;
          break;
        case 'ReturnCallIndirect':
          s = `s = ${pc}; ${indirect(pc, a(1), a(2), a(3))}\n${tailCall(pc, pc + 4)}`;
          break;
        case 'MemoryGrow':
          s = `s = ${pc}; const r = mem.grow(I32[fp2 + ${a(2)}] >>> 0); ${REFRESH} I32[fp2 + ${a(1)}] = r;`;
          break;
        default: {
          // BrTable
          const n = a(2);
          const cases: string[] = [];
          for (let i = 0; i < n; i++) cases.push(`case ${i}: L = ${a(3 + i)}; continue x;`);
          s = `switch (I32[fp2 + ${a(1)}] >>> 0) { ${cases.join(' ')} default: L = ${a(3 + n)}; continue x; }`;
        }
      }
    } else {
      s = instantiateTemplate(template(code[pc]!), code, pc);
      if (o.def.traps) s = `s = ${pc};\n${s}`;
    }
    out.push(`{ ${s} }`);
  }
  out.push(`throw new Error('wasmlet: internal error: compiled code ran past the end of func[${index}]');`);
  let body = out.join('\n');
  const usesMem = /\b(dv|u8|memLen|mem)\b/.test(body);
  body = body.replaceAll(REFRESH, usesMem ? 'dv = mem.view; u8 = mem.u8; memLen = mem.byteLength;' : '');
  const looped = labels.size > 1 || /\bcontinue x\b/.test(body);
  const pre = prologue(cf.frameSize);
  const nz = cf.localSlots - cf.paramSlots;
  if (nz > 0 && nz <= 8) for (let i = cf.paramSlots; i < cf.localSlots; i++) pre.push(`I32[fp2 + ${2 * i}] = 0; I32[fp2 + ${2 * i + 1}] = 0;`);
  else if (nz > 8) pre.push(`I32.fill(0, fp2 + ${2 * cf.paramSlots}, fp2 + ${2 * cf.localSlots});`);
  if (cf.hasRefLocals) pre.push(`for (let i = fp + ${cf.paramSlots}; i < fp + ${cf.localSlots}; i++) R[i] = null;`);
  if (metered) pre.push('let fuel = C.fuel;');
  if (usesMem) pre.push('let dv = mem.view, u8 = mem.u8, memLen = mem.byteLength;');
  if (hasCalls) pre.push('const framePc = m.framePc, frameFp = m.frameFp, frameFn = m.frameFn;');
  pre.push('let s = 0;');
  const run = looped ? `let L = 0;\nx: for (;;) switch (L) {\n${body}\n}` : body.replace(/^case 0:\n/, '');
  return factorySource(index, pre, run, metered);
}

/** The start of every generated function: its views, the limits checked before it touches anything (its caller locates the trap at the call), the peaks. */
export function prologue(frameSize: number): string[] {
  return [
    'const I32 = m.i32, F32 = m.f32, F64 = m.f64, I64 = m.i64, U64 = m.u64, R = m.refs, C = m.counters;',
    `if (depth > m.maxDepth || fp + ${frameSize} > m.slots) trap(TrapCode.CallStackExhausted);`,
    'if (depth > C.peakDepth) C.peakDepth = depth;',
    `if (fp + ${frameSize} > C.peakStackSlots) C.peakStackSlots = fp + ${frameSize};`,
    'const fp2 = fp << 1;',
  ];
}

/**
 * A function's direct form (regs.ts): its extra JS parameters (`, p0, p1`), and the source of the
 * frame-protocol body `(m, fp, depth, ed)` that calls it as `d` (reading the arguments from the frame).
 */
export interface DirectForm {
  readonly params: string;
  readonly body: string;
}

/**
 * A factory's source around one function: the helpers it binds, and the catch that locates a trap.
 * The factory returns `{ body, direct }` (link.ts): the frame-protocol body, and the direct form or null.
 */
export function factorySource(index: number, pre: readonly string[], body: string, metered: boolean, guarded = true, direct: DirectForm | null = null): string {
  // var, not const: closure reads of a const pay a hole check each
  const head = `var { N, trap, TrapCode, i64DivSmall, bulkOp, memOp, SUSPEND, locate, call, tail, canonSub, trapAt, overflowAt } = rt;
var funcs = inst.funcs;
var mem = inst.mem;
var d = function f${index}(m, fp, depth, ed${direct?.params ?? ''}) {
${pre.join('\n')}
`;
  const tail =
    direct === null ? 'return { body: d, direct: null };' : `return { body: function b${index}(m, fp, depth, ed) { ${direct.body} }, direct: d };`;
  // unguarded (regs.ts): the body locates its own traps and catches only around calls and helpers
  if (!guarded) return `${head}${body}\n};\n${tail}`;
  return `${head}try {
${body}
} catch (e) {
throw locate(e, m, fn, s, depth, ed, ${metered ? 'fuel' : '-1'});
}
};
${tail}`;
}
