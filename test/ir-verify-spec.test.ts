/**
 * Every function the translator produces from the spec suite's modules is well-formed IR, plain
 * and metered: the verifier (driven by the generated IR tables) finds no unknown op, no operand
 * outside the frame, no branch into the middle of an instruction, no index the module lacks. And
 * the verifier is not blind: a corrupted branch target and an operand past the frame are named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { decodeIr, moduleBounds, verifyIr } from '../core/translate/disasm.js';
import type { CompiledFunc } from '../core/translate/compiled.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './spec/locate.js';

requireSpecDirInCI();
const dir = specDir();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe.skipIf(!dir)(dir ? 'IR verifier on the spec suite' : MISSING_REASON, () => {
  it('finds no problem in any translated spec function', () => {
    const core = join(dir!, 'core-2.0');
    // the spec's modules, then the real toolchain output we ship (C, AssemblyScript, Rust)
    const files = [
      ...readdirSync(core).filter((f) => f.endsWith('.wasm')).map((f) => join(core, f)),
      // 3.0 features built so far: tail calls, extended constants, multiple memories (SIMD is in core-2.0)
      ...['tail-call', 'extended-const', 'multi-memory'].flatMap((p) => {
        const d = join(dir!, 'proposals', p);
        return readdirSync(d).filter((f) => f.endsWith('.wasm')).map((f) => join(d, f));
      }),
      ...['test/fixtures', 'bench/wasm', 'filters'].flatMap((d) => (readdirSync(join(root, d), { recursive: true }) as string[]).filter((f) => f.endsWith('.wasm')).map((f) => join(root, d, f))),
    ];
    let modules = 0;
    let funcs = 0;
    let instrs = 0;
    const problems: string[] = [];
    for (const path of files) {
      const file = relative(root, path);
      let m;
      try {
        m = compile(readFileSync(path));
      } catch {
        continue; // assert_invalid / assert_malformed modules
      }
      modules++;
      const bounds = moduleBounds(m.info);
      for (const [kind, list] of [['plain', m.funcs], ['metered', m.metered()]] as const) {
        list.forEach((f, i) => {
          funcs++;
          instrs += decodeIr(f).length;
          for (const p of verifyIr(f, bounds)) problems.push(`${file} func #${i} (${kind}): ${p}`);
        });
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    console.log(`IR verifier: ${modules} modules, ${funcs} functions, ${instrs} instructions`);
    // the corpus is the real one, not an empty folder
    expect(modules).toBeGreaterThan(1000);
    expect(funcs).toBeGreaterThan(8_000);
    expect(instrs).toBeGreaterThan(150_000);
  });

  it('names a corrupted target and an operand outside the frame', () => {
    const m = compile(readFileSync(join(dir!, 'core-2.0', 'fac.0.wasm')));
    const f = m.funcs.find((g) => decodeIr(g).some((i) => i.operands.some((o) => o.kind === 't')))!;
    expect(verifyIr(f)).toEqual([]);
    const branch = decodeIr(f).find((i) => i.operands.some((o) => o.kind === 't'))!;
    const t = branch.operands.findIndex((o) => o.kind === 't');
    const code = f.code.slice();
    code[branch.pc + 1 + t] = code[branch.pc + 1 + t]! + 1;
    const broken: CompiledFunc = { ...f, code };
    expect(verifyIr(broken).join('\n')).toMatch(new RegExp(`@${branch.pc}: ${branch.name} operand \\w+: target \\d+ is not the start of an instruction`));

    const word = decodeIr(f).find((i) => i.operands.some((o) => o.kind === 'w'))!;
    const w = word.operands.findIndex((o) => o.kind === 'w');
    const code2 = f.code.slice();
    code2[word.pc + 1 + w] = f.frameSize * 2;
    expect(verifyIr({ ...f, code: code2 }).join('\n')).toContain(`@${word.pc}: ${word.name} operand ${word.operands[w]!.name} = ${f.frameSize * 2} is outside the frame`);

    const code3 = f.code.slice();
    code3[0] = 9999;
    expect(verifyIr({ ...f, code: code3 })).toEqual(['@0: unknown IR op 9999']);
    expect(Op.BrTable).toBeGreaterThan(0);
  });
});
