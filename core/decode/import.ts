/**
 * Import section (id 2, §5.5.5): a vector of (module name, field name, import description), the
 * description being a function type index, a table, memory or global type, or a tag type.
 */
import { ExternKind, type Import, type ImportDesc } from '../types.js';
import { readGlobalType, readMemType, readTableType } from './common.js';
import { readTagType } from './tag.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeImportSection(r: Reader): Import[] {
  const at = r.pos;
  const n = r.count('imports');
  if (n > DECODE_LIMITS.maxImports) r.fail(limitMessage('too many imports', n, 'maxImports'), at);
  const imports: Import[] = [];
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    const kindAt = r.pos;
    const kind = r.u8();
    let desc: ImportDesc;
    switch (kind) {
      case ExternKind.Func:
        desc = { kind: ExternKind.Func, typeIndex: r.u32() };
        break;
      case ExternKind.Table:
        desc = { kind: ExternKind.Table, type: readTableType(r) };
        break;
      case ExternKind.Memory:
        desc = { kind: ExternKind.Memory, type: readMemType(r) };
        break;
      case ExternKind.Global:
        desc = { kind: ExternKind.Global, type: readGlobalType(r) };
        break;
      case ExternKind.Tag:
        desc = { kind: ExternKind.Tag, typeIndex: readTagType(r) };
        break;
      default:
        return r.fail(`malformed import kind 0x${kind.toString(16)}`, kindAt);
    }
    imports.push({ module, name, desc });
  }
  return imports;
}
