/**
 * The decoded form of a WebAssembly module: what the decoder produces and the validator,
 * translator and linker consume. Plain data, no behaviour; function bodies stay as byte ranges
 * of the original module so decoding is cheap and bodies are read once, by the validator.
 */

/** Value types, numbered by their binary encoding. */
export enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
  /** exception handling: a caught exception (`exnref`, also `(ref null exn)`) */
  ExnRef = 0x69,
}

/**
 * A reference type: a 2.0 shorthand or a typed reference packed into a ValType number
 * (core/reftypes.ts has the encoding).
 */
export type RefType = ValType;

export enum ExternKind {
  Func = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
  /** exception handling: a tag (section 13, import/export kind 4) */
  Tag = 4,
}

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/**
 * Limits in units of pages (memory) or elements (table). `max` is undefined when absent. 64-bit
 * limits (memory64, table64) are u64 in the binary; they are kept as numbers, exact up to 2^53,
 * far beyond anything that can be instantiated.
 */
export interface Limits {
  readonly min: number;
  readonly max: number | undefined;
}

export interface TableType {
  readonly elem: RefType;
  /** typed references: the initial value of every element (absent: null) */
  readonly init?: ConstExpr;
  readonly limits: Limits;
  /** table64: indices are i64 (absent or false: i32) */
  readonly address64?: boolean;
}

export interface MemType {
  readonly limits: Limits;
  readonly shared: boolean;
  /** log2 of the page size: 16 (64 KiB pages), or 0 with the custom-page-sizes proposal */
  readonly pageSizeLog2?: number;
  /** memory64: addresses are i64 (absent or false: i32) */
  readonly address64?: boolean;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

export type ImportDesc =
  | { readonly kind: ExternKind.Func; readonly typeIndex: number }
  | { readonly kind: ExternKind.Table; readonly type: TableType }
  | { readonly kind: ExternKind.Memory; readonly type: MemType }
  | { readonly kind: ExternKind.Global; readonly type: GlobalType }
  | { readonly kind: ExternKind.Tag; readonly typeIndex: number };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

/**
 * One instruction of a constant expression. `op` is the opcode byte (0xfc-prefixed opcodes are
 * not constant in 2.0). Immediates: i32.const → number (signed), i64.const → bigint (signed),
 * f32.const → number (raw u32 bits), f64.const → bigint (raw u64 bits), ref.null → ValType,
 * ref.func / global.get → index. Instructions without immediates (e.g. i32.add) carry imm 0 so the
 * validator can reject them as non-constant (or accept them under extended-const).
 */
export interface ConstInstr {
  /** the opcode byte; GC instructions: 0xfb00 | sub-opcode */
  readonly op: number;
  readonly imm: number | bigint;
  /** array.new_fixed: the length */
  readonly imm2?: number;
  /** byte offset of the instruction in the module, for error messages */
  readonly offset: number;
}
export type ConstExpr = readonly ConstInstr[];

export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
}

/** A run of locals of one type, as declared in the code section. */
export interface LocalRun {
  readonly count: number;
  readonly type: ValType;
}

export interface FuncBody {
  readonly locals: readonly LocalRun[];
  /** total number of declared locals (not counting params) */
  readonly numLocals: number;
  /** byte offset of the first instruction in the module bytes */
  readonly codeStart: number;
  /** byte offset just past the final `end` opcode */
  readonly codeEnd: number;
}

export enum SegmentMode {
  Active = 0,
  Passive = 1,
  Declarative = 2,
}

export interface ElemSegment {
  readonly mode: SegmentMode;
  readonly table: number;
  /** offset expression, for active segments only */
  readonly offset: ConstExpr | undefined;
  readonly type: RefType;
  /** one constant expression per element (function-index forms become ref.func) */
  readonly init: readonly ConstExpr[];
}

export interface DataSegment {
  readonly mode: SegmentMode.Active | SegmentMode.Passive;
  readonly memory: number;
  readonly offset: ConstExpr | undefined;
  readonly bytes: Uint8Array;
}

export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * GC: a field's storage type, a value type or a packed type (0x78 i8, 0x77 i16), and mutability.
 * An array type has one field.
 */
export interface FieldType {
  readonly type: number;
  readonly mutable: boolean;
}

/** packed storage types (§5.3.7) */
export const PACKED_I8 = 0x78;
export const PACKED_I16 = 0x77;

/** what a type definition defines: a function type, or (GC) a struct or array type */
export enum CompKind {
  Func = 0,
  Struct = 1,
  Array = 2,
}

/** how a type was declared (rec groups, sub/final; absent in ModuleInfo: one final type per group) */
export interface TypeDef {
  /** absent: a function type */
  readonly kind?: CompKind;
  /** struct fields, or an array's element (GC); absent for function types */
  readonly fields?: readonly FieldType[];
  /** the type index of the declared supertype */
  readonly super: number | undefined;
  readonly final: boolean;
  /** types in this type's rec group; set on the group's first type */
  readonly groupSize: number;
}

export interface ModuleInfo {
  /** the module's bytes; function bodies are ranges of it */
  readonly bytes: Uint8Array;
  readonly types: readonly FuncType[];
  /** per type: its rec group and declared supertype */
  readonly typeDefs: readonly TypeDef[];
  readonly imports: readonly Import[];
  /** type index of each function defined in the module (not imports) */
  readonly funcs: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemType[];
  readonly globals: readonly Global[];
  /** type index of each tag defined in the module (not imports; exception handling) */
  readonly tags: readonly number[];
  readonly exports: readonly Export[];
  readonly start: number | undefined;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  readonly dataCount: number | undefined;
  readonly bodies: readonly FuncBody[];
  readonly customs: readonly CustomSection[];
  /** function names from the `name` custom section, by function index (imports included) */
  readonly funcNames: ReadonlyMap<number, string>;
}
