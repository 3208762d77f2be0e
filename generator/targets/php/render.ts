import type { Property, Type } from "../../ir/types.ts";
import type { PhpTypeDecl, PhpView } from "./plan.ts";
import { phpString } from "./words.ts";

/**
 * A PHP type: its declaration (for properties and parameters), its PHPDoc form (element types of arrays),
 * and the runtime's reader and writer closures that (de)serialise it (see RUNTIME-API.md).
 */
export interface PhpType {
  decl: string;
  doc: string;
  reader: string;
  writer: string;
}

const ANY: PhpType = { decl: "mixed", doc: "mixed", reader: "Utils\\Json::any()", writer: "Utils\\Json::writeAny()" };

function primitive(type: Extract<Type, { kind: "primitive" }>): PhpType {
  switch (type.name) {
    case "string": return { decl: "string", doc: "string", reader: "Utils\\Json::string()", writer: "Utils\\Json::writeString()" };
    case "boolean": return { decl: "bool", doc: "bool", reader: "Utils\\Json::bool()", writer: "Utils\\Json::writeBool()" };
    case "integer": return { decl: "int", doc: "int", reader: "Utils\\Json::int()", writer: "Utils\\Json::writeInt()" };
    case "number": return { decl: "float", doc: "float", reader: "Utils\\Json::float()", writer: "Utils\\Json::writeFloat()" };
    default: return ANY;
  }
}

/** A model as the emitted code names it: through its namespace's alias (`Components\UserPlexAccount`). */
export function qualified(decl: PhpTypeDecl): string {
  return `${decl.ns}\\${decl.name}`;
}

/** The raw type an open enum's property also takes for values the SDK does not know. */
function enumBase(decl: PhpTypeDecl): "string" | "int" {
  return decl.def.kind === "enum" && decl.def.base === "integer" ? "int" : "string";
}

/** The PHP type of an IR type (aliases resolved in place; unions and intersections kept as decoded JSON). */
export function phpType(type: Type, view: PhpView, seen: ReadonlySet<string> = new Set()): PhpType {
  switch (type.kind) {
    case "primitive": return primitive(type);
    case "literal": {
      const v = type.value;
      if (typeof v === "string") return { ...primitive({ kind: "primitive", name: "string" }), reader: `Utils\\Json::constant(Utils\\Json::string(), ${phpString(v)})` };
      if (typeof v === "boolean") return { ...primitive({ kind: "primitive", name: "boolean" }), reader: `Utils\\Json::constant(Utils\\Json::bool(), ${v})` };
      if (typeof v === "number" && Number.isSafeInteger(v)) return { ...primitive({ kind: "primitive", name: "integer" }), reader: `Utils\\Json::constant(Utils\\Json::int(), ${v})` };
      if (typeof v === "number" && Number.isFinite(v)) return { ...primitive({ kind: "primitive", name: "number" }), reader: `Utils\\Json::constant(Utils\\Json::float(), ${floatLiteral(v)})` };
      return ANY;
    }
    case "ref": {
      const decl = view.typesById.get(type.target);
      if (!decl) return ANY;
      if (decl.def.kind === "alias") return seen.has(decl.def.id) ? ANY : phpType(decl.def.type, view, new Set([...seen, decl.def.id]));
      const q = qualified(decl);
      if (decl.shape === "numberEnum") return { decl: "float", doc: "float", reader: `Utils\\Json::model(${q}::class)`, writer: `${q}::writer()` };
      if (decl.shape === "enum" && decl.def.kind === "enum") {
        if (!decl.def.open) return { decl: q, doc: q, reader: `Utils\\Json::enum(${q}::class)`, writer: `Utils\\Json::writeEnum(${q}::class, false)` };
        const raw = enumBase(decl);
        return { decl: `${q}|${raw}`, doc: `${q}|${raw}`, reader: `Utils\\Json::openEnum(${q}::class)`, writer: `Utils\\Json::writeEnum(${q}::class, true)` };
      }
      return { decl: q, doc: q, reader: `Utils\\Json::model(${q}::class)`, writer: "Utils\\Json::writeModel()" };
    }
    case "array": {
      const item = phpType(type.items, view, seen);
      return { decl: "array", doc: `array<${item.doc}>`, reader: `Utils\\Json::list(${item.reader})`, writer: `Utils\\Json::writeList(${item.writer})` };
    }
    case "map": {
      const value = phpType(type.values, view, seen);
      return { decl: "array", doc: `array<string, ${value.doc}>`, reader: `Utils\\Json::map(${value.reader})`, writer: `Utils\\Json::writeMap(${value.writer})` };
    }
    case "nullable": return nullable(phpType(type.inner, view, seen));
    default: return ANY;
  }
}

/** The type that also holds null, read and written as such. */
export function nullable(t: PhpType): PhpType {
  if (t.decl === "mixed" || t.reader.startsWith("Utils\\Json::nullable(")) return t;
  return { decl: orNull(t.decl), doc: `${t.doc}|null`, reader: `Utils\\Json::nullable(${t.reader})`, writer: `Utils\\Json::writeNullable(${t.writer})` };
}

/** A declaration that also takes null: `?T`, or `A|B|null` for unions (which `?` cannot prefix). */
export function orNull(decl: string): string {
  if (decl === "mixed" || decl.startsWith("?") || decl.endsWith("|null")) return decl;
  return decl.includes("|") ? `${decl}|null` : `?${decl}`;
}

/** The type of a value that may be left out: its declaration takes null (read and written as the type itself). */
export function omittable(t: PhpType): PhpType {
  return { ...t, decl: orNull(t.decl), doc: t.decl === "mixed" || t.doc.endsWith("|null") ? t.doc : `${t.doc}|null` };
}

/** Whether PHP code must give a property when it constructs its class: required, and sent both ways. */
export function mustSet(p: Property): boolean {
  return p.required && !p.readOnly && !p.writeOnly;
}

/** The declared type of a property: nullable unless it must be set and cannot be null. */
export function propertyType(p: Property, view: PhpView): { declared: PhpType; base: PhpType } {
  const base = phpType(p.type, view);
  return { declared: mustSet(p) ? base : omittable(base), base };
}

/** A PHP float literal that reads back as the same double. */
export function floatLiteral(v: number): string {
  const text = String(v);
  return /[.eE]/.test(text) ? text.replace(/e\+?/, "E") : `${text}.0`;
}

/**
 * A PHP expression of a declared default in a property's type: a literal when the value fits it, else the
 * JSON text read with the property's own reader. Undefined when there is none.
 */
export function defaultExpression(p: Property, base: PhpType, view: PhpView): string | undefined {
  const value = p.default;
  if (value === undefined) return undefined;
  if (value === null) return "null";
  const decl = base.decl.replace(/^\?/, "");
  if (typeof value === "boolean" && decl === "bool") return String(value);
  if (typeof value === "string" && decl === "string") return phpString(value);
  if (typeof value === "number" && Number.isSafeInteger(value) && decl === "int") return String(value);
  if (typeof value === "number" && Number.isFinite(value) && decl === "float") return floatLiteral(value);
  const ref = p.type.kind === "ref" ? view.typesById.get(p.type.target) : p.type.kind === "nullable" && p.type.inner.kind === "ref" ? view.typesById.get(p.type.inner.target) : undefined;
  if (ref?.shape === "enum" && ref.def.kind === "enum") {
    const i = ref.def.members.findIndex((m) => m.value === value);
    if (i >= 0) return `${qualified(ref)}::${ref.memberNames![i]}`;
  }
  return `Utils\\Json::parse(${phpString(JSON.stringify(value))}, ${base.reader})`;
}
