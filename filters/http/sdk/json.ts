// A small JSON reader/writer for filter configurations and bodies. Keeps object key order and
// numbers' original text, so rewriting a document changes only what a filter changed.

export enum JsonKind { Null, Bool, Number, String, Array, Object }

export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  bool: bool = false;
  /** numbers: the text as written; strings: the decoded value */
  text: string = "";
  items: JsonValue[] = [];
  keys: string[] = [];

  static str(s: string): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.String;
    v.text = s;
    return v;
  }

  /** member `key` of an object (null if absent or not an object) */
  get(key: string): JsonValue | null {
    if (this.kind != JsonKind.Object) return null;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] == key) return this.items[i];
    return null;
  }
  getString(key: string, dflt: string): string {
    const v = this.get(key);
    return v != null && v.kind == JsonKind.String ? v.text : dflt;
  }
  getNumber(key: string, dflt: f64): f64 {
    const v = this.get(key);
    return v != null && v.kind == JsonKind.Number ? parseFloat(v.text) : dflt;
  }
  getBool(key: string, dflt: bool): bool {
    const v = this.get(key);
    return v != null && v.kind == JsonKind.Bool ? v.bool : dflt;
  }
  /** a list of strings (non-strings skipped) */
  getStrings(key: string): string[] {
    const out = new Array<string>();
    const v = this.get(key);
    if (v == null || v.kind != JsonKind.Array) return out;
    for (let i = 0; i < v.items.length; i++) if (v.items[i].kind == JsonKind.String) out.push(v.items[i].text);
    return out;
  }
  asNumber(): f64 {
    return this.kind == JsonKind.Number ? parseFloat(this.text) : NaN;
  }
}

class Parser {
  pos: i32 = 0;
  failed: bool = false;
  constructor(public s: string) {}

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c == 32 || c == 9 || c == 10 || c == 13) this.pos++;
      else break;
    }
  }
  fail(): JsonValue {
    this.failed = true;
    return new JsonValue();
  }
  value(depth: i32): JsonValue {
    if (depth > 64) return this.fail();
    this.ws();
    if (this.pos >= this.s.length) return this.fail();
    const c = this.s.charCodeAt(this.pos);
    if (c == 123) return this.object(depth);
    if (c == 91) return this.array(depth);
    if (c == 34) {
      const v = new JsonValue();
      v.kind = JsonKind.String;
      v.text = this.string();
      return v;
    }
    if (this.s.startsWith("true", this.pos)) { this.pos += 4; const v = new JsonValue(); v.kind = JsonKind.Bool; v.bool = true; return v; }
    if (this.s.startsWith("false", this.pos)) { this.pos += 5; const v = new JsonValue(); v.kind = JsonKind.Bool; return v; }
    if (this.s.startsWith("null", this.pos)) { this.pos += 4; return new JsonValue(); }
    return this.number();
  }
  number(): JsonValue {
    const start = this.pos;
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if ((c >= 48 && c <= 57) || c == 45 || c == 43 || c == 46 || c == 101 || c == 69) this.pos++;
      else break;
    }
    if (this.pos == start) return this.fail();
    const v = new JsonValue();
    v.kind = JsonKind.Number;
    v.text = s.substring(start, this.pos);
    if (isNaN(parseFloat(v.text))) return this.fail();
    return v;
  }
  string(): string {
    const s = this.s;
    this.pos++; // opening quote
    let out = "";
    let run = this.pos;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c == 34) {
        out += s.substring(run, this.pos);
        this.pos++;
        return out;
      }
      if (c == 92) {
        out += s.substring(run, this.pos);
        this.pos++;
        if (this.pos >= s.length) break;
        const e = s.charCodeAt(this.pos);
        if (e == 110) out += "\n";
        else if (e == 116) out += "\t";
        else if (e == 114) out += "\r";
        else if (e == 98) out += "\b";
        else if (e == 102) out += "\f";
        else if (e == 117) {
          if (this.pos + 4 >= s.length) break;
          out += String.fromCharCode(<i32>parseInt(s.substring(this.pos + 1, this.pos + 5), 16));
          this.pos += 4;
        } else out += String.fromCharCode(e);
        this.pos++;
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    this.failed = true;
    return out;
  }
  array(depth: i32): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.Array;
    this.pos++;
    this.ws();
    if (this.pos < this.s.length && this.s.charCodeAt(this.pos) == 93) { this.pos++; return v; }
    while (!this.failed) {
      v.items.push(this.value(depth + 1));
      this.ws();
      if (this.pos >= this.s.length) return this.fail();
      const c = this.s.charCodeAt(this.pos++);
      if (c == 93) return v;
      if (c != 44) return this.fail();
    }
    return v;
  }
  object(depth: i32): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.Object;
    this.pos++;
    this.ws();
    if (this.pos < this.s.length && this.s.charCodeAt(this.pos) == 125) { this.pos++; return v; }
    while (!this.failed) {
      this.ws();
      if (this.pos >= this.s.length || this.s.charCodeAt(this.pos) != 34) return this.fail();
      v.keys.push(this.string());
      this.ws();
      if (this.pos >= this.s.length || this.s.charCodeAt(this.pos) != 58) return this.fail();
      this.pos++;
      v.items.push(this.value(depth + 1));
      this.ws();
      if (this.pos >= this.s.length) return this.fail();
      const c = this.s.charCodeAt(this.pos++);
      if (c == 125) return v;
      if (c != 44) return this.fail();
    }
    return v;
  }
}

/** Parse JSON text; null when it is not valid JSON. */
export function parseJson(text: string): JsonValue | null {
  const p = new Parser(text);
  const v = p.value(0);
  p.ws();
  if (p.failed || p.pos != text.length) return null;
  return v;
}

function quote(s: string): string {
  let out = "\"";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34 || c == 92 || c < 32) {
      out += s.substring(run, i);
      if (c == 34) out += "\\\"";
      else if (c == 92) out += "\\\\";
      else if (c == 10) out += "\\n";
      else if (c == 13) out += "\\r";
      else if (c == 9) out += "\\t";
      else out += "\\u00" + (c < 16 ? "0" : "") + c.toString(16);
      run = i + 1;
    }
  }
  return out + s.substring(run) + "\"";
}

export function stringifyJson(v: JsonValue): string {
  switch (v.kind) {
    case JsonKind.Null: return "null";
    case JsonKind.Bool: return v.bool ? "true" : "false";
    case JsonKind.Number: return v.text;
    case JsonKind.String: return quote(v.text);
    case JsonKind.Array: {
      const parts = new Array<string>(v.items.length);
      for (let i = 0; i < v.items.length; i++) parts[i] = stringifyJson(v.items[i]);
      return "[" + parts.join(",") + "]";
    }
    default: {
      const parts = new Array<string>(v.items.length);
      for (let i = 0; i < v.items.length; i++) parts[i] = quote(v.keys[i]) + ":" + stringifyJson(v.items[i]);
      return "{" + parts.join(",") + "}";
    }
  }
}
