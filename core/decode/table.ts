/** Table section (id 4, §5.5.7): a vector of table types (reference type and limits). */
import type { TableType } from '../types.js';
import { readConstExpr, readTableType } from './common.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeTableSection(r: Reader, importedTables: number): TableType[] {
  const at = r.pos;
  const n = r.count('tables');
  if (n + importedTables > DECODE_LIMITS.maxTables) {
    r.fail(limitMessage('too many tables (imported and defined)', n + importedTables, 'maxTables'), at);
  }
  const tables: TableType[] = [];
  for (let i = 0; i < n; i++) {
    // typed references: 0x40 0x00 tabletype expr gives every element an initial value
    if (r.bytes[r.pos] === 0x40) {
      r.pos++;
      if (r.u8() !== 0) r.fail('malformed table: 0x40 must be followed by 0x00', r.pos - 1);
      const t = readTableType(r);
      tables.push({ ...t, init: readConstExpr(r) });
    } else tables.push(readTableType(r));
  }
  return tables;
}
