import type { NamedType, Property, Type } from "./types.ts";

/**
 * allOf asks a value to satisfy every part, so a property that several parts (or an object and
 * the objects it extends) declare must satisfy every declaration: it is required when any part
 * requires it, and its type is the narrowest the parts agree on. These helpers compute that, so
 * an object type never redeclares an inherited property with a type the base does not accept.
 */

/** Properties of the object with the given bases: declared ones merged by name, and inherited conflicts settled. */
export function mergeProperties(declared: Property[], bases: string[], types: ReadonlyMap<string, NamedType>): Property[] {
  const byName = new Map<string, Property>();
  for (const p of declared) {
    const seen = byName.get(p.name);
    byName.set(p.name, seen ? combine(seen, p, types) : p);
  }
  // What each base has, own or inherited; several bases declaring one name must agree too.
  const inherited = new Map<string, Property[]>();
  for (const base of bases) {
    for (const p of effectiveProperties(base, types, new Set())) inherited.set(p.name, [...(inherited.get(p.name) ?? []), p]);
  }
  for (const [name, fromBases] of inherited) {
    const own = byName.get(name);
    const all = own ? [own, ...fromBases] : fromBases;
    const merged = all.slice(1).reduce((acc, p) => combine(acc, p, types), all[0]!);
    const needed = own
      ? !sameProperty(merged, own)
      : fromBases.some((p) => !sameProperty(p, merged));
    if (needed) byName.set(name, own ? { ...merged, docs: own.docs } : merged);
  }
  return [...byName.values()];
}

/**
 * The object's properties with the named ones required, as an allOf part of only `required`
 * (`allOf: [{$ref: Base}, {required: [id]}]`) asks: a property of its own becomes required, and one it
 * inherits optional is declared again, required. Names it has nowhere are left to the spec's validator.
 */
export function requireProperties(properties: Property[], names: ReadonlySet<string>, bases: string[], types: ReadonlyMap<string, NamedType>): Property[] {
  if (names.size === 0) return properties;
  const result = properties.map((p) => (names.has(p.name) && !p.required ? { ...p, required: true } : p));
  const present = new Set(result.map((p) => p.name));
  const seen = new Set<string>();
  for (const base of bases) {
    for (const p of effectiveProperties(base, types, new Set())) {
      if (!names.has(p.name) || present.has(p.name) || seen.has(p.name) || p.required) continue;
      seen.add(p.name);
      result.push({ ...p, required: true });
    }
  }
  return result;
}

/** The properties an object has, its own first, then those of its bases it does not redeclare. */
function effectiveProperties(id: string, types: ReadonlyMap<string, NamedType>, visiting: Set<string>): Property[] {
  const def = types.get(id);
  if (def?.kind !== "object" || visiting.has(id)) return [];
  visiting.add(id);
  const own = new Map(def.properties.map((p) => [p.name, p]));
  for (const base of def.bases) {
    for (const p of effectiveProperties(base, types, visiting)) if (!own.has(p.name)) own.set(p.name, p);
  }
  visiting.delete(id);
  return [...own.values()];
}

function sameProperty(a: Property, b: Property): boolean {
  return a.required === b.required && sameType(a.type, b.type);
}

function combine(a: Property, b: Property, types: ReadonlyMap<string, NamedType>): Property {
  return {
    ...a,
    required: a.required || b.required,
    type: narrowType(a.type, b.type, types),
    docs: { ...b.docs, ...a.docs },
    ...(a.default === undefined && b.default !== undefined ? { default: b.default } : {}),
    readOnly: a.readOnly || b.readOnly,
    writeOnly: a.writeOnly || b.writeOnly,
    errorMessage: a.errorMessage || b.errorMessage,
  };
}

export function sameType(a: Type, b: Type): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A type whose values are values of both `a` and `b`, as simple as can be told without a solver. */
export function narrowType(a: Type, b: Type, types: ReadonlyMap<string, NamedType>): Type {
  if (sameType(a, b)) return a;
  if (isUnknown(a)) return b;
  if (isUnknown(b)) return a;
  if (a.kind === "nullable" && b.kind === "nullable") return { kind: "nullable", inner: narrowType(a.inner, b.inner, types) };
  // Null satisfies only the side that allows it, so the result is not nullable.
  if (a.kind === "nullable") return narrowType(a.inner, b, types);
  if (b.kind === "nullable") return narrowType(a, b.inner, types);
  if (a.kind === "array" && b.kind === "array") return { kind: "array", items: narrowType(a.items, b.items, types) };
  if (a.kind === "map" && b.kind === "map") return { kind: "map", values: narrowType(a.values, b.values, types) };
  if (isLooser(a, b, types)) return b;
  if (isLooser(b, a, types)) return a;
  return { kind: "intersection", parts: [a, b] };
}

function isUnknown(type: Type): boolean {
  return type.kind === "primitive" && type.name === "unknown";
}

/** Whether every value of `narrow` is plainly a value of `loose`: a format, a literal or an enum of a plain type. */
function isLooser(loose: Type, narrow: Type, types: ReadonlyMap<string, NamedType>): boolean {
  if (loose.kind === "primitive" && narrow.kind === "primitive") {
    return (loose.name === narrow.name && loose.format === undefined) || (loose.name === "number" && narrow.name === "integer");
  }
  if (loose.kind === "primitive" && narrow.kind === "literal") {
    const value = narrow.value;
    return (loose.name === "string" && typeof value === "string") || (loose.name === "boolean" && typeof value === "boolean") ||
      ((loose.name === "number" || (loose.name === "integer" && Number.isInteger(value))) && typeof value === "number");
  }
  const def = narrow.kind === "ref" ? types.get(narrow.target) : undefined;
  if (loose.kind === "primitive" && def?.kind === "enum") {
    return loose.name === def.base || (loose.name === "number" && def.base === "integer");
  }
  return false;
}
