/**
 * Code section (id 10, §5.5.13): one entry per defined function: the body size, the local
 * declarations (runs of count × type), then the instructions. Instructions are not parsed here:
 * each body is recorded as the byte range [codeStart, codeEnd) of the module, which the validator
 * reads once. The local count is checked against DECODE_LIMITS.maxLocals (parameters included,
 * as the JS API counts them) while the declarations are read, before anything is allocated.
 */
import type { FuncBody, FuncType, LocalRun } from '../types.js';
import { readValType } from './common.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeCodeSection(r: Reader, funcs: readonly number[], types: readonly FuncType[]): FuncBody[] {
  const at = r.pos;
  const n = r.count('function bodies');
  if (n !== funcs.length) {
    r.fail(`function and code section have inconsistent lengths (${funcs.length} and ${n})`, at);
  }
  const sectionEnd = r.end;
  const bodies: FuncBody[] = [];
  for (let i = 0; i < n; i++) {
    const sizeAt = r.pos;
    const size = r.u32();
    if (size > DECODE_LIMITS.maxFunctionBodySize) {
      r.fail(limitMessage(`function ${i} body too large`, size, 'maxFunctionBodySize'), sizeAt);
    }
    if (size > sectionEnd - r.pos) {
      r.fail(`length out of bounds: function body of ${size} bytes but only ${sectionEnd - r.pos} remain in the section`, sizeAt);
    }
    const bodyEnd = r.pos + size;
    r.end = bodyEnd;
    const params = types[funcs[i]!]?.params.length ?? 0;
    const runs = r.count('local declarations');
    const locals: LocalRun[] = [];
    let numLocals = 0;
    for (let j = 0; j < runs; j++) {
      const countAt = r.pos;
      const count = r.u32();
      numLocals += count;
      if (numLocals + params > DECODE_LIMITS.maxLocals) {
        r.fail(limitMessage(`too many locals in function ${i} (parameters included)`, numLocals + params, 'maxLocals'), countAt);
      }
      const type = readValType(r);
      locals.push({ count, type });
    }
    bodies.push({ locals, numLocals, codeStart: r.pos, codeEnd: bodyEnd });
    r.pos = bodyEnd;
    r.end = sectionEnd;
  }
  return bodies;
}
