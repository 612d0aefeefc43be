/**
 * The engine's IR: a register-style three-address code over frame slots, stored in one
 * Int32Array per function. Every Wasm operand-stack position has a fixed frame slot (known from
 * validation's static stack height), locals are slots too, so an instruction names its inputs and
 * output directly and local.get/const are usually folded into their consumer.
 *
 * Frame layout (slots of 8 bytes, relative to fp): [params | locals | operand stack].
 * A callee's frame begins at its caller's first argument slot, so arguments are never copied and
 * results come back in place.
 *
 * Operand units, by suffix in the comments below:
 *   w  = word index into the Int32Array/Float32Array views (2 × slot), fp-relative
 *   s  = slot index into the Float64Array/BigInt64Array views, fp-relative
 *   r  = slot index into the parallel reference array (funcref/externref), fp-relative
 *   i  = immediate int32, t = absolute code offset (branch target)
 * 64-bit values live in two words (lo at w, hi at w+1): moves and memory ops copy words, so
 * NaN payloads and signalling bits survive exactly.
 */

export const enum Op {
  Unreachable, // -
  Fuel, // i  (charge i units at block entry; out of fuel suspends here, before any effect)
  Br, // t
  BrIf, // c:w t
  BrUnless, // c:w t
  BrTable, // c:w n t0..t(n-1) tdefault
  Return, // -
  Return32, // a:w   (copies a into slot 0, then returns)
  Return64, // a:w
  ReturnRef, // a:r
  Call, // funcIndex base:s
  CallIndirect, // typeIndex table c:w base:s
  Mov32, // d:w a:w
  Mov64, // d:w a:w
  MovRef, // d:r a:r
  Const32, // d:w i
  Const64, // d:w lo hi
  Select32, // d:w a:w b:w c:w
  Select64, // d:w a:w b:w c:w
  SelectRef, // d:r a:r b:r c:w
  GlobalGet32, // d:w g
  GlobalGet64, // d:w g
  GlobalGetRef, // d:r g
  GlobalSet32, // g a:w
  GlobalSet64, // g a:w
  GlobalSetRef, // g a:r

  // memory: loads d:w addr:w offset ; stores addr:w value:w offset
  Load32,
  Load64,
  I32Load8S,
  I32Load8U,
  I32Load16S,
  I32Load16U,
  I64Load8S,
  I64Load8U,
  I64Load16S,
  I64Load16U,
  I64Load32S,
  I64Load32U,
  Store32,
  Store64,
  Store8,
  Store16,
  MemorySize, // d:w
  MemoryGrow, // d:w a:w
  MemoryInit, // seg d:w s:w n:w
  DataDrop, // seg
  MemoryCopy, // d:w s:w n:w
  MemoryFill, // d:w v:w n:w

  // tables and references
  TableGet, // d:r table i:w
  TableSet, // table i:w v:r
  TableSize, // d:w table
  TableGrow, // d:w table v:r n:w
  TableFill, // table i:w v:r n:w
  TableCopy, // dst src d:w s:w n:w
  TableInit, // table seg d:w s:w n:w
  ElemDrop, // seg
  RefNull, // d:r
  RefIsNull, // d:w a:r
  RefFunc, // d:r funcIndex

  // i32: d:w a:w b:w
  I32Eqz, // d a
  I32Eq,
  I32Ne,
  I32LtS,
  I32LtU,
  I32GtS,
  I32GtU,
  I32LeS,
  I32LeU,
  I32GeS,
  I32GeU,
  I32Clz, // d a
  I32Ctz, // d a
  I32Popcnt, // d a
  I32Add,
  I32Sub,
  I32Mul,
  I32DivS,
  I32DivU,
  I32RemS,
  I32RemU,
  I32And,
  I32Or,
  I32Xor,
  I32Shl,
  I32ShrS,
  I32ShrU,
  I32Rotl,
  I32Rotr,
  // i32 with an immediate right operand: d:w a:w i
  I32EqI,
  I32NeI,
  I32LtSI,
  I32LtUI,
  I32GtSI,
  I32GtUI,
  I32LeSI,
  I32LeUI,
  I32GeSI,
  I32GeUI,
  I32AddI,
  I32MulI,
  I32AndI,
  I32OrI,
  I32XorI,
  I32ShlI,
  I32ShrSI,
  I32ShrUI,

  // i64: word-level ops take d:w a:w b:w; bigint ops take d:s a:s b:s
  I64Eqz, // d:w a:w
  I64Eq, // d:w a:w b:w
  I64Ne,
  I64LtS,
  I64LtU,
  I64GtS,
  I64GtU,
  I64LeS,
  I64LeU,
  I64GeS,
  I64GeU,
  I64Clz, // d:w a:w
  I64Ctz,
  I64Popcnt,
  I64Add, // d:w a:w b:w (word carry arithmetic)
  I64Sub, // d:w a:w b:w
  I64Mul, // d:w a:w b:w (16-bit limb arithmetic)
  I64DivS, // s
  I64DivU,
  I64RemS,
  I64RemU,
  I64And, // w
  I64Or,
  I64Xor,
  I64Shl, // w (word shifts and rotates)
  I64ShrS,
  I64ShrU,
  I64Rotl,
  I64Rotr,

  // f32: d:w a:w b:w (compares produce i32 at d:w)
  F32Eq,
  F32Ne,
  F32Lt,
  F32Gt,
  F32Le,
  F32Ge,
  F32Abs, // d a
  F32Neg,
  F32Ceil,
  F32Floor,
  F32Trunc,
  F32Nearest,
  F32Sqrt,
  F32Add,
  F32Sub,
  F32Mul,
  F32Div,
  F32Min,
  F32Max,
  F32Copysign,

  // f64: d:s a:s b:s, compares d:w a:s b:s, abs/neg/copysign on words d:w a:w (b:w)
  F64Eq,
  F64Ne,
  F64Lt,
  F64Gt,
  F64Le,
  F64Ge,
  F64Abs,
  F64Neg,
  F64Ceil,
  F64Floor,
  F64Trunc,
  F64Nearest,
  F64Sqrt,
  F64Add,
  F64Sub,
  F64Mul,
  F64Div,
  F64Min,
  F64Max,
  F64Copysign,

  // conversions (operand units per op, see the executor)
  I32WrapI64, // d:w a:w
  I32TruncF32S, // d:w a:w
  I32TruncF32U,
  I32TruncF64S, // d:w a:s
  I32TruncF64U,
  I64ExtendI32S, // d:w a:w
  I64ExtendI32U, // d:w a:w
  I64TruncF32S, // d:s a:w
  I64TruncF32U,
  I64TruncF64S, // d:s a:s
  I64TruncF64U,
  F32ConvertI32S, // d:w a:w
  F32ConvertI32U,
  F32ConvertI64S, // d:w a:s
  F32ConvertI64U,
  F32DemoteF64, // d:w a:s
  F64ConvertI32S, // d:s a:w
  F64ConvertI32U,
  F64ConvertI64S, // d:s a:s
  F64ConvertI64U,
  F64PromoteF32, // d:s a:w
  I32Extend8S, // d:w a:w
  I32Extend16S,
  I64Extend8S, // d:w a:w
  I64Extend16S,
  I64Extend32S,
  I32TruncSatF32S, // d:w a:w
  I32TruncSatF32U,
  I32TruncSatF64S, // d:w a:s
  I32TruncSatF64U,
  I64TruncSatF32S, // d:s a:w
  I64TruncSatF32U,
  I64TruncSatF64S, // d:s a:s
  I64TruncSatF64U,

  // ---- added for speed: immediate forms and fused compare-branches ----
  I32RotlI, // d:w a:w i
  I32RotrI,
  // i64 with a constant right operand: d:w a:w lo hi (shifts use lo only)
  I64AddI,
  I64MulI,
  I64AndI,
  I64OrI,
  I64XorI,
  I64ShlI,
  I64ShrSI,
  I64ShrUI,
  I64RotlI,
  I64RotrI,
  I64EqI,
  I64NeI,
  I64LtSI,
  I64LtUI,
  I64GtSI,
  I64GtUI,
  I64LeSI,
  I64LeUI,
  I64GeSI,
  I64GeUI,
  // i32 compare and branch: a:w b:w t
  BrEq,
  BrNe,
  BrLtS,
  BrLtU,
  BrGtS,
  BrGtU,
  BrLeS,
  BrLeU,
  BrGeS,
  BrGeU,
  // i32 compare with an immediate and branch: a:w i t
  BrEqI,
  BrNeI,
  BrLtSI,
  BrLtUI,
  BrGtSI,
  BrGtUI,
  BrLeSI,
  BrLeUI,
  BrGeSI,
  BrGeUI,
  // i32.add with an immediate fused into the memory access that uses its sum as the address
  // (static offset 0): ea = (a + i) mod 2^32. Loads d:w a:w i, stores a:w v:w i.
  Load32AI,
  Load64AI,
  I32Load8SAI,
  I32Load8UAI,
  I32Load16SAI,
  I32Load16UAI,
  Store32AI,
  Store64AI,
  Store8AI,
  Store16AI,
  // f64 ops with a constant operand k, an index into the function's f64 constant pool
  F64AddK, // d:s a:s k
  F64SubK, // d = a - k
  F64MulK,
  F64DivK,
  F64KSub, // d = k - a
  F64KDiv, // d = k / a
  F64EqK, // d:w a:s k
  F64NeK,
  F64LtK,
  F64GtK,
  F64LeK,
  F64GeK,
  Mov32x2, // d1:w a1:w d2:w a2:w (two consecutive moves, in order)
  I32AddI2, // d:w a:w i d2:w (the sum goes to d and d2: `i32.add; local.tee x; local.set y`)
  // xor with a shifted or rotated operand (hash and cipher rounds): d = b ^ (a OP k), with the
  // shift just before the xor folded in; d:w b:w a:w k (k already reduced mod the width)
  I64XorShrUI,
  I64XorShlI,
  I32XorRotlI,
  I32XorShrUI,
  I32XorShlI,
  // an f64.mul whose product feeds the next add/sub/mul (dot products, physics updates):
  // d:s a:s b:s c:s, rounding after each step exactly as the two separate instructions do
  F64MulAdd, // d = a * b + c
  F64MulSub, // d = a * b - c
  F64MulRSub, // d = c - a * b
  F64Mul3, // d = a * b * c
  // a byte load whose value a compare-with-immediate branch tests right away (text scanning):
  // t:w a:w off i t — t = the byte (still written), then branch to t if it is (not) equal to i
  Load8UBrEqI, // address a + off
  Load8UBrNeI,
  Load8UAIBrEqI, // address (a + off) mod 2^32, as Load8UAI
  Load8UAIBrNeI,
  // `local.tee x (i32.add a i)` then a load from x (pre-increment pointer loops):
  // d:w x:w a:w i — x = a + i, then d = load at x
  Load32AIT,
  Load64AIT,
  I32Load8UAIT,
  // an i32.add whose sum the next add takes (address and hash arithmetic): d:w a:w b:w c:w|i
  I32Add3, // d = a + b + c
  I32AddAddI, // d = a + b + i
  F64MulKAdd, // d:s a:s k c:s — d = a * K[k] + c (two roundings, as separate instructions)
  // accesses at a constant address (C globals): ea = i, known at translation (below 2^31)
  Load32C, // d:w i
  Load64C,
  Store32C, // i v:w
  Store64C,
  // hash-finalizer step h = (b ^ (a >>> k)) * c64: d:w b:w a:w k lo hi
  I64XorShrUIMulI,
  // an i32 and/xor whose result the next add/and/xor takes (hash and cipher rounds): d:w a:w b:w c:w
  I32AndXor, // d = (a & b) ^ c
  I32XorAnd, // d = (a ^ b) & c
  I32AndAdd, // d = (a & b) + c
  I32XorAdd, // d = (a ^ b) + c
  I32MovAddI, // d:w a:w i d2:w — d2 = a, then d = a + i (`t = x; x = t + i` induction copies)
}
