/**
 * IR disassembler and verifier for translated functions, driven entirely by the generated tables
 * (IR_NAMES / IR_KINDS / IR_FIELDS / IR_LEN): a new IR op needs no code here. The verifier checks
 * what the interpreter trusts without checking — every op number known, every operand inside the
 * frame, every branch landing on an instruction, every index naming something the module has —
 * so a translator bug shows up as a message naming the function and code offset, not as a wrong
 * result or a JS exception deep in `run()`. Not part of the engine's bundle: the CLI
 * (`wasmlet inspect --ir`) and the tests import it.
 */
import { ExternKind, type ModuleInfo } from '../types.js';
import { IR_FIELDS, IR_KINDS, IR_NAMES } from '../ops/gen/ir-info.js';
import { IR_LEN, Op } from '../ops/gen/ir-ops.js';
import type { CompiledFunc, CompiledModule } from './compiled.js';

export interface IrOperand {
  /** operand name from the IR table (`d`, `a`, `off`, …) */
  readonly name: string;
  /** one-letter kind (see IR_KINDS): w word, W word pair, s slot, r reference slot, i immediate, … */
  readonly kind: string;
  readonly value: number;
}

export interface IrInstr {
  /** code offset (in 32-bit words) of the opcode */
  readonly pc: number;
  readonly op: number;
  readonly name: string;
  readonly operands: readonly IrOperand[];
  /** br_table targets (absolute code offsets), default last */
  readonly targets?: readonly number[];
  /** Wasm byte offset of the instruction this one traps for (from pcMap), when it has one */
  readonly wasmOffset?: number;
  readonly length: number;
}

/** Counts an IR function's indices must stay under; omit to skip those checks. */
export interface IrBounds {
  readonly funcs: number;
  readonly types: number;
  readonly globals: number;
  readonly tables: number;
  readonly datas: number;
  readonly elems: number;
}

export function moduleBounds(info: ModuleInfo): IrBounds {
  const imported = (k: ExternKind) => info.imports.filter((i) => i.desc.kind === k).length;
  return {
    funcs: imported(ExternKind.Func) + info.funcs.length,
    types: info.types.length,
    globals: imported(ExternKind.Global) + info.globals.length,
    tables: imported(ExternKind.Table) + info.tables.length,
    datas: info.datas.length,
    elems: info.elems.length,
  };
}

/**
 * Decode a function's code into instructions. Stops at the first word that cannot be decoded
 * (unknown op, truncated operands); `verify` reports that case.
 */
export function decodeIr(f: CompiledFunc): IrInstr[] {
  const out: IrInstr[] = [];
  const code = f.code;
  const traps = new Map<number, number>();
  for (let i = 0; i + 1 < f.pcMap.length; i += 2) traps.set(f.pcMap[i]!, f.pcMap[i + 1]!);
  for (let pc = 0; pc < code.length; ) {
    const op = code[pc]!;
    if (op < 0 || op >= IR_NAMES.length) break;
    const kinds = IR_KINDS[op]!;
    const names = IR_FIELDS[op]!.split(' ');
    let length = IR_LEN[op]!;
    let targets: number[] | undefined;
    if (op === Op.BrTable) {
      const n = code[pc + 2];
      if (n === undefined || n < 0) break;
      length = 4 + n;
      if (pc + length > code.length) break;
      targets = Array.from(code.subarray(pc + 3, pc + length));
    }
    if (pc + length > code.length) break;
    const operands: IrOperand[] = [];
    for (let k = 0; k < kinds.length; k++) {
      if (kinds[k] === 'T') continue;
      operands.push({ name: names[k]!, kind: kinds[k]!, value: code[pc + 1 + k]! });
    }
    const wasmOffset = traps.get(pc);
    out.push({ pc, op, name: IR_NAMES[op]!, operands, length, ...(targets ? { targets } : {}), ...(wasmOffset !== undefined ? { wasmOffset } : {}) });
    pc += length;
  }
  return out;
}

/**
 * Every structural problem of a translated function, as messages naming the code offset; empty
 * when the code is well formed. `bounds` adds checks of function, type, global, table and
 * segment indices.
 */
export function verifyIr(f: CompiledFunc, bounds?: IrBounds): string[] {
  const problems: string[] = [];
  const instrs = decodeIr(f);
  const end = instrs.length ? instrs[instrs.length - 1]!.pc + instrs[instrs.length - 1]!.length : 0;
  if (end !== f.code.length) {
    const op = f.code[end]!;
    problems.push(op < 0 || op >= IR_NAMES.length ? `@${end}: unknown IR op ${op}` : `@${end}: ${IR_NAMES[op]} runs past the end of the code (${f.code.length} words)`);
    return problems; // what follows cannot be read, so nothing else can be judged
  }
  const starts = new Set(instrs.map((i) => i.pc));
  const words = f.frameSize * 2;
  const limit: Record<string, number | undefined> = {
    f: bounds?.funcs,
    y: bounds?.types,
    g: bounds?.globals,
    x: bounds?.tables,
    D: bounds?.datas,
    E: bounds?.elems,
    k: f.consts.length,
  };
  const target = (i: IrInstr, t: number, what: string) => {
    if (!starts.has(t)) problems.push(`@${i.pc}: ${i.name} ${what} ${t} is not the start of an instruction`);
  };
  for (const i of instrs) {
    for (const o of i.operands) {
      const v = o.value;
      const bad = (why: string) => problems.push(`@${i.pc}: ${i.name} operand ${o.name} = ${v} ${why}`);
      switch (o.kind) {
        case 'w':
          if (v < 0 || v >= words) bad(`is outside the frame (${words} words)`);
          break;
        case 'V':
          if (v < 0 || v + 3 >= words) bad(`is outside the frame (${words} words)`);
          else if (v & 1) bad('is not slot-aligned (a v128 value starts at an even word)');
          break;
        case 'W':
          if (v < 0 || v + 1 >= words) bad(`is outside the frame (${words} words)`);
          else if (v & 1) bad('is not slot-aligned (a 64-bit value starts at an even word)');
          break;
        case 's':
        case 'r':
          if (v < 0 || v >= f.frameSize) bad(`is outside the frame (${f.frameSize} slots)`);
          break;
        case 't':
          target(i, v, `operand ${o.name}: target`);
          break;
        case 'i':
          if (o.name === 'base' && (v < 0 || v > f.frameSize)) bad(`puts the callee's frame outside this one (${f.frameSize} slots)`);
          break;
        default: {
          const n = limit[o.kind];
          if (n !== undefined && (v < 0 || v >= n)) bad(`is out of range (${n} available)`);
        }
      }
    }
    for (const t of i.targets ?? []) target(i, t, 'br_table target');
  }
  for (let k = 0; k + 1 < f.pcMap.length; k += 2) {
    const pc = f.pcMap[k]!;
    if (!starts.has(pc)) problems.push(`pcMap entry ${k / 2}: code offset ${pc} is not the start of an instruction`);
    if (k > 0 && pc <= f.pcMap[k - 2]!) problems.push(`pcMap entry ${k / 2}: code offsets are not ascending`);
  }
  if (f.frameSize < f.localSlots) problems.push(`frame of ${f.frameSize} slots is smaller than its ${f.localSlots} locals`);
  return problems;
}

/** One operand as text: frame operands as locals (`l3`) or operand-stack temporaries (`t0`). */
function operandText(f: CompiledFunc, o: IrOperand): string {
  const slot = (s: number) => (s < f.localSlots ? `l${s}` : `t${s - f.localSlots}`);
  switch (o.kind) {
    case 'w':
      return (o.value & 1 ? `${slot(o.value >> 1)}.hi` : slot(o.value >> 1));
    case 'W':
    case 'V':
      return slot(o.value >> 1);
    case 's':
      return slot(o.value);
    case 'r':
      return `${slot(o.value)}:ref`;
    case 't':
      return `@${o.value}`;
    case 'k':
      return `${f.consts[o.value] ?? '?'}`;
    case 'f':
      return `func[${o.value}]`;
    case 'y':
      return `type[${o.value}]`;
    case 'g':
      return `global[${o.value}]`;
    case 'x':
      return `table[${o.value}]`;
    case 'D':
      return `data[${o.value}]`;
    case 'E':
      return `elem[${o.value}]`;
    default:
      return String(o.value);
  }
}

/** A function's IR as text, one instruction per line: `  @pc  Name  d=l2 a=t0 i=1  ; wasm 0x4a`. */
export function disassemble(f: CompiledFunc, title = 'function'): string {
  const lines = [`${title}: ${f.paramSlots} params, ${f.localSlots - f.paramSlots} locals, frame ${f.frameSize} slots, ${f.code.length} code words${f.metered ? ', metered' : ''}`];
  const instrs = decodeIr(f);
  const width = String(f.code.length).length;
  for (const i of instrs) {
    let ops = i.operands.map((o) => `${o.name}=${operandText(f, o)}`);
    if (i.op === Op.Const64) {
      const lo = i.operands[1]!.value;
      const hi = i.operands[2]!.value;
      ops = [ops[0]!, `i=${(BigInt(hi) << 32n) | BigInt(lo >>> 0)}`];
    }
    if (i.targets) ops.push(`targets=[${i.targets.map((t) => `@${t}`).join(' ')}]`);
    const note = i.wasmOffset !== undefined ? `  ; wasm 0x${i.wasmOffset.toString(16)}` : '';
    lines.push(`  @${String(i.pc).padStart(width, '0')}  ${i.name.padEnd(16)} ${ops.join(' ')}${note}`.trimEnd());
  }
  for (const p of verifyIr(f)) lines.push(`  !! ${p}`);
  return lines.join('\n') + '\n';
}

/** The compiled body of Wasm function `index` (imports count), or an explanation of why not. */
export function compiledFunc(m: CompiledModule, index: number, metered = false): CompiledFunc | string {
  const imported = m.info.imports.filter((i) => i.desc.kind === ExternKind.Func).length;
  const total = imported + m.info.funcs.length;
  if (!Number.isInteger(index) || index < 0 || index >= total) return `function ${index} does not exist (the module has ${total})`;
  if (index < imported) return `function ${index} is imported: it has no code`;
  return (metered ? m.metered() : m.funcs)[index - imported]!;
}
