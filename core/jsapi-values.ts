/** Setting a global cell from a JS Number/BigInt (JS API global imports given as plain values). */
import type { GlobalInst } from './exec/objects.js';
import { ValType } from './types.js';

export function evalConstJs(g: GlobalInst, v: number | bigint): void {
  switch (g.type.type) {
    case ValType.I32:
      g.i32[0] = Number(v);
      break;
    case ValType.I64:
      g.i64[0] = BigInt.asIntN(64, BigInt(v));
      break;
    case ValType.F32:
      g.f32[0] = Number(v);
      break;
    case ValType.F64:
      g.f64[0] = Number(v);
      break;
  }
}
