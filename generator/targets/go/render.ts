import type { NamedType, ObjectDef, Property, Type } from "../../ir/types.ts";
import { referencedIds, typesInside } from "../../ir/walk.ts";
import type { GoPackage, GoTypeDecl, GoView } from "./plan.ts";
import { alignRows, commentLines, goString, isJsonTagName, tagLiteral } from "./words.ts";

/** Packages a file refers to, collected while its code is rendered. */
export class Imports {
  readonly used = new Set<string>();
  constructor(readonly view: GoView, readonly self: GoPackage | "root" | "retry") {}

  /** A qualifier for a package of the module ("" inside the package itself). */
  pkg(name: GoPackage | "sdkcore" | "retry" | "hooks"): string {
    if (name === this.self) return "";
    this.used.add(name);
    return `${name}.`;
  }

  std(name: string): string {
    this.used.add(`std:${name}`);
    return `${name.split("/").pop()!}.`;
  }

  /** The import block, standard library first, each group sorted as gofmt sorts it. */
  block(): string {
    const std = [...this.used].filter((u) => u.startsWith("std:")).map((u) => u.slice(4)).sort();
    const mod = this.view.config.modulePath;
    const local = [...this.used].filter((u) => !u.startsWith("std:")).map((u) => {
      if (u === "sdkcore") return `${mod}/internal/sdkcore`;
      if (u === "retry" || u === "hooks") return `${mod}/${u}`;
      return `${mod}/models/${u}`;
    }).sort();
    if (std.length + local.length === 0) return "";
    const groups = [std, local].filter((g) => g.length > 0).map((g) => g.map((p) => `\t${goString(p)}`).join("\n"));
    return `import (\n${groups.join("\n\n")}\n)\n\n`;
  }
}

function primitive(type: Extract<Type, { kind: "primitive" }>): string {
  switch (type.name) {
    case "string": return type.format === "binary" ? "[]byte" : "string";
    case "boolean": return "bool";
    case "integer": return type.format === "int64" ? "int64" : "int";
    case "number": return type.format === "float" ? "float32" : "float64";
    default: return "any";
  }
}

/** Whether the Go type already has nil (slice, map, interface), so it needs no pointer to be optional. */
export function nilable(goType: string): boolean {
  return goType.startsWith("[]") || goType.startsWith("map[") || goType === "any";
}

/** The Go type of an IR type, as a value (nullability is handled by the slot that holds it). */
export function goType(type: Type, im: Imports): string {
  switch (type.kind) {
    case "primitive": return primitive(type);
    case "literal": return typeof type.value === "string" ? "string" : typeof type.value === "boolean" ? "bool" : typeof type.value === "number" ? "float64" : "any";
    case "ref": {
      const decl = im.view.typesById.get(type.target);
      return decl ? `${im.pkg(decl.pkg)}${decl.name}` : "any";
    }
    case "array": return `[]${slot(type.items, im)}`;
    case "map": return `map[string]${slot(type.values, im)}`;
    case "nullable": return goType(type.inner, im);
    case "union": {
      // A union of one type and null is that type, nullable; any other union is left untyped.
      return "any";
    }
    case "intersection": return "any";
  }
}

/** The type of an array item or map value: a pointer when the item may be null. */
export function slot(type: Type, im: Imports): string {
  const inner = goType(type, im);
  return type.kind === "nullable" && !nilable(inner) ? `*${inner}` : inner;
}

/** The type of a struct field: a pointer when it may be absent or null (and has no nil of its own). */
export function fieldType(p: Property, owner: ObjectDef, im: Imports): string {
  const inner = goType(p.type, im);
  if (nilable(inner)) return inner;
  const recursive = p.type.kind === "ref" && reachesByValue(p.type.target, owner.id, im.view);
  return !p.required || p.type.kind === "nullable" || recursive ? `*${inner}` : inner;
}

/** Whether a struct held by value would contain `target` by value: such a field must be a pointer. */
function reachesByValue(from: string, target: string, view: GoView, seen = new Set<string>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const def = view.typesById.get(from)?.def;
  if (!def) return false;
  if (def.kind === "alias") return def.type.kind === "ref" && reachesByValue(def.type.target, target, view, seen);
  if (def.kind !== "object") return false;
  if (def.bases.some((b) => reachesByValue(b, target, view, seen))) return true;
  return def.properties.some((p) => p.required && p.type.kind === "ref" && reachesByValue(p.type.target, target, view, seen));
}

function docOf(def: NamedType | Property): string | undefined {
  const d = def.docs;
  const text = [d.deprecated ? "Deprecated: this is deprecated." : "", d.description ?? d.summary ?? ""].filter((t) => t !== "").join("\n\n");
  return text === "" ? undefined : text;
}

/** The struct body of an object type: embedded bases, then one field per property. */
function structBody(decl: GoTypeDecl, def: ObjectDef, im: Imports): string {
  const lines: string[] = [];
  let run: string[][] = [];
  const flush = () => {
    lines.push(...alignRows(run));
    run = [];
  };
  for (const base of decl.embeds!) {
    const b = im.view.typesById.get(base)!;
    flush();
    lines.push(`\t${im.pkg(b.pkg)}${b.name}`);
  }
  for (const p of decl.fields!) {
    const comment = commentLines(docOf(p), "\t");
    if (comment.length > 0) {
      flush();
      lines.push(...comment);
    }
    const type = fieldType(p, def, im);
    // A name encoding/json cannot take from the json tag is left to the struct's own MarshalJSON and
    // UnmarshalJSON (wireJSON), which read it, as the SDK does, from the wire tag.
    let tag = isJsonTagName(p.name)
      ? `json:${goString(p.required ? p.name : `${p.name},omitempty`)}`
      : `json:"-" wire:${goString(p.name)}${p.required ? "" : ` omitempty:"true"`}`;
    if (p.type.kind === "nullable") tag += ` nullable:"true"`;
    if (p.default !== undefined) tag += ` default:${goString(JSON.stringify(p.default))}`;
    run.push([decl.fieldNames!.get(p.name)!, type, tagLiteral(tag)]);
  }
  if (decl.extraField !== undefined) {
    flush();
    lines.push(...commentLines("The properties the schema does not name, by their name in the JSON.", "\t"));
    run.push([decl.extraField, goType({ kind: "map", values: decl.extraType! }, im), tagLiteral(`json:"-" additionalProperties:"true"`)]);
  }
  flush();
  return lines.join("\n");
}

function enumLiteral(value: string | number, base: string): string {
  if (typeof value === "string") return goString(value);
  if (base === "integer") return Number.isSafeInteger(value) ? String(value) : "0";
  return Number.isFinite(value) ? String(value) : "0";
}

export interface ModelData {
  doc: string;
  kind: "struct" | "enum" | "alias";
  name: string;
  /** An alias declared as a defined type (`type X []Y`, not `type X = []Y`), see aliasInCycle. */
  defined?: boolean;
  body?: string;
  /** MarshalJSON and UnmarshalJSON through the runtime (GoTypeDecl.wireJSON). */
  wireJSON?: boolean;
  underlying?: string;
  consts?: string;
  members?: string;
  open?: boolean;
}

/** What a model file's template needs; imports are collected in `im`. */
export function modelData(decl: GoTypeDecl, im: Imports): ModelData {
  const def = decl.def;
  const summary = docOf(def);
  const doc = commentLines(summary ? `${decl.name} - ${summary}` : `${decl.name} is a model of the API.`).join("\n");
  if (def.kind === "object") {
    if (decl.wireJSON) im.pkg("sdkcore");
    return { doc, kind: "struct", name: decl.name, body: structBody(decl, def, im), wireJSON: decl.wireJSON === true };
  }
  if (def.kind === "alias") {
    const inner = def.type.kind === "nullable" ? slot(def.type, im) : goType(def.type, im);
    return { doc, kind: "alias", name: decl.name, underlying: inner, defined: inner !== "any" && aliasInCycle(def.id, im.view) };
  }
  const underlying = enumBase(def.base);
  const consts = alignRows(def.members.map((m, i) => [decl.memberNames![i]!, decl.name, `= ${enumLiteral(m.value, def.base)}`])).join("\n");
  im.pkg("sdkcore");
  return { doc, kind: "enum", name: decl.name, underlying, consts, members: decl.memberNames!.join(", "), open: def.open };
}

/**
 * Whether a named type reaches itself through the types it refers to. Go 1.19 to 1.22 reject an alias
 * on such a cycle ("invalid use of type alias in recursive type"), so that alias becomes a defined
 * type: the same underlying type, still assignable from a literal of it.
 */
export function aliasInCycle(id: string, view: GoView): boolean {
  const seen = new Set<string>();
  const pending = typesInside(view.typesById.get(id)!.def).flatMap(referencedIds);
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next === id) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    const decl = view.typesById.get(next);
    if (decl) pending.push(...typesInside(decl.def).flatMap(referencedIds));
  }
  return false;
}

export function enumBase(base: "string" | "integer" | "number"): string {
  return base === "string" ? "string" : base === "integer" ? "int64" : "float64";
}
