/**
 * The binary decoder: `decodeModule` turns the bytes of a module into a ModuleInfo (§5). It checks
 * the header, reads the sections in their required order (custom sections anywhere), checks each
 * section's size exactly and the cross-section counts (function/code, data count/data), and hands
 * each section's bytes to its own decoder in this folder. Function bodies are left as byte
 * ranges for the validator. Every failure is a CompileError naming the section and byte offset.
 */
import { CompileError } from '../errors.js';
import {
  ExternKind,
  type CustomSection,
  type DataSegment,
  type ElemSegment,
  type Export,
  type FuncBody,
  type FuncType,
  type Global,
  type Import,
  type MemType,
  type ModuleInfo,
  type TableType,
} from '../types.js';
import { decodeCodeSection } from './code.js';
import { decodeCustomSection, parseFunctionNames } from './custom.js';
import { decodeDataSection } from './data.js';
import { decodeDataCountSection } from './datacount.js';
import { decodeElementSection } from './element.js';
import { decodeExportSection } from './export.js';
import { decodeFunctionSection } from './function.js';
import { decodeGlobalSection } from './global.js';
import { decodeImportSection } from './import.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import { decodeMemorySection } from './memory.js';
import { Reader } from './reader.js';
import { decodeStartSection } from './start.js';
import { decodeTableSection } from './table.js';
import { decodeTagSection } from './tag.js';
import { decodeTypeSection } from './type.js';

export { Reader } from './reader.js';
export { DECODE_LIMITS, type DecodeLimits } from '../limits.js';

/** Section names by id, as used in error messages. */
export const SECTION_NAMES: readonly string[] = [
  'custom',
  'type',
  'import',
  'function',
  'table',
  'memory',
  'global',
  'export',
  'start',
  'element',
  'code',
  'data',
  'datacount',
  'tag',
];

/**
 * Rank of each section id in the required order; datacount (12) sits between element and code,
 * tag (13) between memory and global.
 */
const SECTION_ORDER: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10, 5.5];

const MAGIC = 0x6d736100; // "\0asm" read little-endian
const VERSION = 1;

export function decodeModule(bytes: Uint8Array): ModuleInfo {
  const len = bytes.length;
  if (len > DECODE_LIMITS.maxModuleSize) {
    throw new CompileError(limitMessage('module too large', len, 'maxModuleSize'), 0);
  }
  const r = new Reader(bytes);
  if (r.u32le() !== MAGIC) r.fail('magic header not detected', 0);
  const version = r.u32le();
  if (version !== VERSION) r.fail(`unknown binary version ${version}`, 4);

  let types: FuncType[] = [];
  let imports: Import[] = [];
  let funcs: number[] = [];
  let tables: TableType[] = [];
  let memories: MemType[] = [];
  let globals: Global[] = [];
  let tags: number[] = [];
  let exports: Export[] = [];
  let start: number | undefined;
  let elems: ElemSegment[] = [];
  let dataCount: number | undefined;
  let bodies: FuncBody[] | undefined;
  let datas: DataSegment[] | undefined;
  const customs: CustomSection[] = [];
  let funcNames: Map<number, string> | undefined;

  let lastRank = 0;
  while (r.pos < len) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > 13) r.fail(`malformed section id ${id}`, idAt);
    const name = SECTION_NAMES[id]!;
    r.section = name;
    const sizeAt = r.pos;
    const size = r.u32();
    if (size > len - r.pos) {
      r.fail(`length out of bounds: section size ${size} but only ${len - r.pos} bytes remain in the module`, sizeAt);
    }
    if (id !== 0) {
      const rank = SECTION_ORDER[id]!;
      if (rank <= lastRank) {
        r.fail(`unexpected content after last section: ${name} section ${rank === lastRank ? 'repeated' : 'out of order'}`, idAt);
      }
      lastRank = rank;
    }
    const contentStart = r.pos;
    const end = contentStart + size;
    r.end = end;
    switch (id) {
      case 0: {
        const custom = decodeCustomSection(r);
        customs.push(custom);
        if (custom.name === 'name' && funcNames === undefined) funcNames = parseFunctionNames(custom.bytes);
        break;
      }
      case 1:
        types = decodeTypeSection(r);
        break;
      case 2:
        imports = decodeImportSection(r);
        break;
      case 3:
        funcs = decodeFunctionSection(r, countImports(imports, ExternKind.Func));
        break;
      case 4:
        tables = decodeTableSection(r, countImports(imports, ExternKind.Table));
        break;
      case 5:
        memories = decodeMemorySection(r);
        break;
      case 6:
        globals = decodeGlobalSection(r, countImports(imports, ExternKind.Global));
        break;
      case 7:
        exports = decodeExportSection(r);
        break;
      case 8:
        start = decodeStartSection(r);
        break;
      case 9:
        elems = decodeElementSection(r);
        break;
      case 10:
        bodies = decodeCodeSection(r, funcs, types);
        break;
      case 11:
        datas = decodeDataSection(r, dataCount);
        break;
      case 12:
        dataCount = decodeDataCountSection(r);
        break;
      case 13:
        tags = decodeTagSection(r);
        break;
    }
    if (r.pos !== end) {
      r.fail(`section size mismatch: ${name} section declared ${size} bytes but its contents end after ${r.pos - contentStart}`, r.pos);
    }
    r.end = len;
    r.section = undefined;
  }

  if (bodies === undefined && funcs.length !== 0) {
    throw new CompileError(`function and code section have inconsistent lengths (${funcs.length} and no code section)`, len, 'code');
  }
  if (datas === undefined && dataCount !== undefined && dataCount !== 0) {
    throw new CompileError(`data count and data section have inconsistent lengths (${dataCount} and no data section)`, len, 'data');
  }

  return {
    bytes,
    types,
    imports,
    funcs,
    tables,
    memories,
    globals,
    tags,
    exports,
    start,
    elems,
    datas: datas ?? [],
    dataCount,
    bodies: bodies ?? [],
    customs,
    funcNames: funcNames ?? new Map(),
  };
}

function countImports(imports: readonly Import[], kind: ExternKind): number {
  let n = 0;
  for (const imp of imports) if (imp.desc.kind === kind) n++;
  return n;
}
