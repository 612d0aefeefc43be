/**
 * `wasmlet inspect --ir`: the translated IR of a module's functions, as the interpreter runs it
 * (superinstructions fused, operands as frame slots), checked by the IR verifier on the way.
 */
import { ExternKind, type CompiledModule } from '../../core/index.js';
import { compiledFunc, disassemble } from '../../core/translate/disasm.js';
import { UsageError } from './command.js';

/** Text for function `func` (a Wasm function index, imports counted) or every defined function. */
export function irText(m: CompiledModule, func: string | undefined, metered: boolean): string {
  const imported = m.info.imports.filter((i) => i.desc.kind === ExternKind.Func).length;
  let indices: number[];
  if (func === undefined) indices = m.info.funcs.map((_, i) => imported + i);
  else {
    if (!/^\d+$/.test(func)) throw new UsageError(`inspect: --func expects a function index (a number), got "${func}"`);
    indices = [Number(func)];
  }
  const out: string[] = [];
  for (const index of indices) {
    const f = compiledFunc(m, index, metered);
    if (typeof f === 'string') throw new UsageError(`inspect: ${f}`);
    const name = m.info.funcNames.get(index);
    out.push(disassemble(f, `func[${index}]${name ? ` <${name}>` : ''}`));
  }
  return out.join('\n');
}
