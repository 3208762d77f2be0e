import type { Property, Type } from "../../ir/types.ts";
import type { CsTypeDecl, CsView } from "./plan.ts";
import { csString } from "./words.ts";

/**
 * A C# type with the reader and writer expressions that (de)serialise it through the runtime's Json
 * building blocks: `reader` is a Func<JsonElement, string, T>, `writer` an Action<Utf8JsonWriter, T, string>.
 */
export interface CsType {
  text: string;
  /** A value type (struct), whose nullable form is Nullable<T>. */
  value: boolean;
  reader: string;
  writer: string;
}

const ANY: CsType = { text: "global::System.Text.Json.JsonElement", value: true, reader: "Json.ReadAny", writer: "Json.WriteAny" };

function primitive(type: Extract<Type, { kind: "primitive" }>): CsType {
  switch (type.name) {
    case "string": return type.format === "binary"
      ? { text: "byte[]", value: false, reader: "Json.ReadBytes", writer: "Json.WriteBytes" }
      : { text: "string", value: false, reader: "Json.ReadString", writer: "Json.WriteString" };
    case "boolean": return { text: "bool", value: true, reader: "Json.ReadBool", writer: "Json.WriteBool" };
    case "integer": return type.format === "int32"
      ? { text: "int", value: true, reader: "Json.ReadInt32", writer: "Json.WriteInt32" }
      : { text: "long", value: true, reader: "Json.ReadInt64", writer: "Json.WriteInt64" };
    case "number": return type.format === "float"
      ? { text: "float", value: true, reader: "Json.ReadSingle", writer: "Json.WriteSingle" }
      : { text: "double", value: true, reader: "Json.ReadDouble", writer: "Json.WriteDouble" };
    default: return ANY;
  }
}

/** The fully qualified name of a model, for expressions (a property may share a type's simple name). */
export function qualified(view: CsView, decl: CsTypeDecl): string {
  return `global::${view.config.namespace}.Models.${decl.ns}.${decl.name}`;
}

/** The C# type of an IR type (aliases resolved in place; unions and intersections kept as JSON). */
export function csType(type: Type, view: CsView, seen: ReadonlySet<string> = new Set()): CsType {
  switch (type.kind) {
    case "primitive": return primitive(type);
    case "literal": {
      const v = type.value;
      if (typeof v === "string") return { text: "string", value: false, reader: `Json.Const<string>(Json.ReadString, ${csString(v)})`, writer: "Json.WriteString" };
      if (typeof v === "boolean") return { text: "bool", value: true, reader: `Json.Const<bool>(Json.ReadBool, ${v})`, writer: "Json.WriteBool" };
      if (typeof v === "number" && Number.isSafeInteger(v)) return { text: "long", value: true, reader: `Json.Const<long>(Json.ReadInt64, ${v}L)`, writer: "Json.WriteInt64" };
      if (typeof v === "number" && Number.isFinite(v)) return { text: "double", value: true, reader: `Json.Const<double>(Json.ReadDouble, ${numberLiteral(v)})`, writer: "Json.WriteDouble" };
      return ANY;
    }
    case "ref": {
      const decl = view.typesById.get(type.target);
      if (!decl) return ANY;
      if (decl.def.kind === "alias") return seen.has(decl.def.id) ? ANY : csType(decl.def.type, view, new Set([...seen, decl.def.id]));
      if (decl.shape === "enum") {
        const helper = `global::${view.config.namespace}.Models.${decl.ns}.${decl.helperName}`;
        return { text: decl.name, value: true, reader: `${helper}.ReadJson`, writer: `${helper}.WriteJson` };
      }
      const q = qualified(view, decl);
      return { text: decl.name, value: false, reader: `${q}.ReadJson`, writer: `${q}.WriteJson` };
    }
    case "array": {
      const item = slot(type.items, view, seen);
      return { text: `global::System.Collections.Generic.List<${item.text}>`, value: false, reader: `Json.List<${item.text}>(${item.reader})`, writer: `Json.WriteList<${item.text}>(${item.writer})` };
    }
    case "map": {
      const item = slot(type.values, view, seen);
      return { text: `global::System.Collections.Generic.Dictionary<string, ${item.text}>`, value: false, reader: `Json.Map<${item.text}>(${item.reader})`, writer: `Json.WriteMap<${item.text}>(${item.writer})` };
    }
    case "nullable": return nullable(csType(type.inner, view, seen));
    case "union":
    case "intersection":
      return ANY;
  }
}

/** The nullable form of a type: T? with readers and writers that accept null. */
export function nullable(inner: CsType): CsType {
  if (inner.text.endsWith("?")) return inner;
  const kind = inner.value ? "Value" : "Ref";
  return {
    text: `${inner.text}?`, value: inner.value,
    reader: `Json.Nullable${kind}<${inner.text}>(${inner.reader})`,
    writer: `Json.WriteNullable${kind}<${inner.text}>(${inner.writer})`,
  };
}

/** The type of an array item or map value. */
function slot(type: Type, view: CsView, seen: ReadonlySet<string>): CsType {
  return csType(type, view, seen);
}

/** Whether C# code must set a property (the `required` modifier): required, and sent both ways. */
/** A type with references to aliases replaced by what they name, as C# (which has no aliases) spells it. */
export function withoutAliases(type: Type, view: CsView, seen = new Set<string>()): Type {
  if (type.kind !== "ref" || seen.has(type.target)) return type;
  const def = view.typesById.get(type.target)?.def;
  return def?.kind === "alias" ? withoutAliases(def.type, view, new Set([...seen, type.target])) : type;
}

export function mustSet(p: Property): boolean {
  return p.required && !p.readOnly && !p.writeOnly;
}

/** The declared type of a property: nullable unless it must be set and cannot be null. */
export function propertyType(p: Property, view: CsView): { declared: CsType; base: CsType } {
  const base = csType(p.type, view);
  return { declared: mustSet(p) && !base.text.endsWith("?") ? base : nullable(base), base };
}

export function numberLiteral(v: number): string {
  const text = String(v);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/**
 * A C# expression of a declared default in a property's type: a literal when the value fits it,
 * else the JSON text read with the property's own reader. Undefined when there is none to give.
 */
export function defaultExpression(p: Property, type: CsType, base: CsType, view: CsView): string | undefined {
  const value = p.default;
  if (value === undefined) return undefined;
  if (value === null) return type.text.endsWith("?") ? "null" : undefined;
  const bare = type.text.replace(/\?$/, "");
  if (typeof value === "boolean" && bare === "bool") return String(value);
  if (typeof value === "string" && bare === "string") return csString(value);
  if (typeof value === "number" && Number.isSafeInteger(value) && (bare === "long" || bare === "int" && Math.abs(value) < 2 ** 31)) return String(value);
  if (typeof value === "number" && Number.isFinite(value) && (bare === "double" || bare === "float")) return `${numberLiteral(value)}${bare === "float" ? "f" : ""}`;
  const ref = p.type.kind === "ref" ? view.typesById.get(p.type.target) : p.type.kind === "nullable" && p.type.inner.kind === "ref" ? view.typesById.get(p.type.inner.target) : undefined;
  if (ref?.def.kind === "enum") {
    const i = ref.def.members.findIndex((m) => m.value === value);
    if (i >= 0) return `${qualified(view, ref)}.${ref.memberNames![i]}`;
  }
  return `Json.Parse<${base.text}>(${csString(JSON.stringify(value))}, ${base.reader})`;
}
