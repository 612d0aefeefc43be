/**
 * Type section (id 1, §5.5.4): rec groups of function types, each 0x60 followed by a vector of
 * parameter types and a vector of result types.
 */
import { CompKind, PACKED_I16, PACKED_I8, type FieldType, type FuncType, type TypeDef, type ValType } from '../types.js';
import { readValType } from './common.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

function readResultTypes(r: Reader, what: 'parameters' | 'results'): ValType[] {
  const at = r.pos;
  const n = r.count(what);
  const limit = what === 'parameters' ? 'maxParams' : 'maxResults';
  if (n > DECODE_LIMITS[limit]) r.fail(limitMessage(`too many ${what}`, n, limit), at);
  const out: ValType[] = [];
  for (let i = 0; i < n; i++) out.push(readValType(r));
  return out;
}

/**
 * 3.0: each entry is a rec group (0x4e vec(subtype)) or one subtype; a subtype is 0x50 (open) or
 * 0x4f (final) with a vector of supertype indices, or a bare composite type (final, no supertype).
 * A composite type is a function (0x60), struct (0x5f, a vector of fields) or array (0x5e, one
 * field); a field is a storage type (a value type or packed i8 0x78 / i16 0x77) and a mutability
 * byte. Struct and array entries get an empty FuncType in `types` (so indices stay aligned); their
 * fields are in `defs`, and validation refuses them wherever a function type is required.
 */
function readField(r: Reader): FieldType {
  const b = r.bytes[r.pos];
  let type: number;
  if (b === PACKED_I8 || b === PACKED_I16) {
    r.pos++;
    type = b;
  } else type = readValType(r);
  const m = r.u8();
  if (m > 1) r.fail(`malformed mutability 0x${m.toString(16)}`, r.pos - 1);
  return { type, mutable: m === 1 };
}

const NO_FUNC: FuncType = Object.freeze({ params: Object.freeze([]) as readonly ValType[], results: Object.freeze([]) as readonly ValType[] });

export function decodeTypeSection(r: Reader): { types: FuncType[]; defs: TypeDef[] } {
  const at = r.pos;
  const n = r.count('types');
  if (n > DECODE_LIMITS.maxTypes) r.fail(limitMessage('too many types', n, 'maxTypes'), at);
  const types: FuncType[] = [];
  const defs: TypeDef[] = [];
  for (let i = 0; i < n; i++) {
    let size = 1;
    if (r.bytes[r.pos] === 0x4e) {
      r.pos++;
      size = r.count('types');
      if (types.length + size > DECODE_LIMITS.maxTypes) r.fail(limitMessage('too many types', types.length + size, 'maxTypes'), at);
    }
    for (let k = 0; k < size; k++) {
      let final = true;
      let sup: number | undefined;
      const b = r.bytes[r.pos];
      if (b === 0x50 || b === 0x4f) {
        r.pos++;
        final = b === 0x4f;
        const supAt = r.pos;
        const m = r.count('supertypes');
        if (m > 1) r.fail('invalid supertype count: at most one supertype', supAt);
        if (m === 1) sup = r.u32();
      }
      const formAt = r.pos;
      const form = r.u8();
      if (form === 0x5f || form === 0x5e) {
        let fields: FieldType[];
        if (form === 0x5e) fields = [readField(r)];
        else {
          const fAt = r.pos;
          const nf = r.count('fields');
          if (nf > DECODE_LIMITS.maxParams) r.fail(limitMessage('too many fields', nf, 'maxParams'), fAt);
          fields = [];
          for (let f = 0; f < nf; f++) fields.push(readField(r));
        }
        types.push(NO_FUNC);
        defs.push({ kind: form === 0x5f ? CompKind.Struct : CompKind.Array, fields, super: sup, final, groupSize: k === 0 ? size : 0 });
        continue;
      }
      if (form !== 0x60) r.fail(`malformed function type: expected 0x60, found 0x${form.toString(16)}`, formAt);
      const params = readResultTypes(r, 'parameters');
      const results = readResultTypes(r, 'results');
      types.push({ params, results });
      defs.push({ super: sup, final, groupSize: k === 0 ? size : 0 });
    }
  }
  return { types, defs };
}
