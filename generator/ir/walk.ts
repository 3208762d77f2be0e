import type { Api, NamedType, ObjectDef, Property, Type } from "./types.ts";

export type TypeLookup = (id: string) => NamedType | undefined;

const UNKNOWN: Type = { kind: "primitive", name: "unknown" };

/**
 * The type of the values of the properties an object's own schema does not name, when it declares
 * additionalProperties itself (`true` or `{}` give any value); undefined when it declares none or `false`.
 * What its allOf bases declare is not looked at: see extraPropertyType for that.
 */
function ownExtraPropertyType(def: ObjectDef): Type | undefined {
  if (def.additional === undefined || def.additional === false) return undefined;
  return def.additional === "any" ? UNKNOWN : def.additional;
}

/** Whether an object's own additionalProperties is a schema to check (not true, {}, false or absent). */
function hasRestSchema(def: ObjectDef): boolean {
  const rest = def.additional;
  return typeof rest === "object" && !(rest.kind === "primitive" && rest.name === "unknown");
}

/**
 * The schemas every undeclared property of an object must match: its own additionalProperties when
 * it declares any (true, {} and false give none), else those of its allOf bases, each declared or
 * inherited in turn. A base of only `additionalProperties: {type: string}` (Zuora's custom fields)
 * thus keeps the keys it adds to an object extending it strings, while the object's own properties
 * keep their own types. Every target follows it (through extraPropertyType, or TypeScript's restType).
 */
export function restSchemas(def: ObjectDef, lookup: TypeLookup, seen = new Set<string>()): Type[] {
  if (def.additional !== undefined) return hasRestSchema(def) ? [def.additional as Type] : [];
  if (seen.has(def.id)) return [];
  seen.add(def.id);
  const found = new Map<string, Type>();
  for (const id of def.bases) {
    const base = lookup(id);
    if (base?.kind === "object") for (const t of restSchemas(base, lookup, seen)) found.set(JSON.stringify(t), t);
  }
  return [...found.values()];
}

/** The one type of an object's undeclared properties (all of restSchemas), or undefined when there is none. */
export function restType(def: ObjectDef, lookup: TypeLookup): Type | undefined {
  const rests = restSchemas(def, lookup);
  if (rests.length === 0) return undefined;
  return rests.length === 1 ? rests[0]! : { kind: "intersection", parts: rests };
}

/**
 * The type of the values of an object's undeclared properties, which the SDKs keep beside the declared
 * ones (an extra field or map), or undefined when they are not kept. The object's own
 * additionalProperties decides when it declares any: a schema, any value (`true`, `{}`) or none
 * (`false`). Else its allOf bases decide, each by the same rule: the schemas they give (restType:
 * several at once are their intersection), else any value when one of them takes any. So an object
 * extending Zuora's `dataAccessControlField` (only `additionalProperties: {type: string}`) keeps its
 * custom fields, as strings.
 */
export function extraPropertyType(def: ObjectDef, lookup: TypeLookup): Type | undefined {
  if (def.additional !== undefined) return ownExtraPropertyType(def);
  return restType(def, lookup) ?? (takesAnyExtra(def, lookup, new Set()) ? UNKNOWN : undefined);
}

/** Whether an object, or else a base it inherits from, declares additionalProperties that take any value. */
function takesAnyExtra(def: ObjectDef, lookup: TypeLookup, seen: Set<string>): boolean {
  if (def.additional !== undefined) return ownExtraPropertyType(def) !== undefined;
  if (seen.has(def.id)) return false;
  seen.add(def.id);
  return def.bases.some((id) => {
    const base = lookup(id);
    return base?.kind === "object" && takesAnyExtra(base, lookup, seen);
  });
}

/**
 * Every property of an object, those of its allOf bases first (depth first, each base once); a later
 * property of the same wire name replaces an earlier one and takes its later place.
 */
export function flattenedProperties(def: ObjectDef, lookup: (id: string) => NamedType | undefined): Property[] {
  const byWire = new Map<string, Property>();
  const collect = (d: ObjectDef, seen: Set<string>) => {
    for (const base of d.bases) {
      const b = lookup(base);
      if (b?.kind === "object" && !seen.has(b.id)) collect(b, new Set([...seen, b.id]));
    }
    for (const p of d.properties) {
      byWire.delete(p.name);
      byWire.set(p.name, p);
    }
  };
  collect(def, new Set([def.id]));
  return [...byWire.values()];
}

/** Ids of the named types a type refers to directly. */
export function referencedIds(type: Type): string[] {
  switch (type.kind) {
    case "ref": return [type.target];
    case "array": return referencedIds(type.items);
    case "nullable": return referencedIds(type.inner);
    case "map": return referencedIds(type.values);
    case "union": return type.variants.flatMap(referencedIds);
    case "intersection": return type.parts.flatMap(referencedIds);
    default: return [];
  }
}

export function typesInside(def: NamedType): Type[] {
  if (def.kind === "alias") return [def.type];
  if (def.kind === "enum") return [];
  const additional = typeof def.additional === "object" ? [def.additional] : [];
  return [...def.bases.map((b): Type => ({ kind: "ref", target: b })), ...def.properties.map((p) => p.type), ...additional];
}

/** The three homes of named types that every target keeps apart (as modules or packages). */
export type TypeHome = "components" | "operations" | "errors";

/**
 * Where each named type lives: components for those reachable from component schemas, else the
 * operations or errors that reach it first. One rule for every target, so types sit alike in each.
 */
export function typeHomes(api: Api): Map<string, TypeHome> {
  const byId = new Map(api.types.map((t) => [t.id, t]));
  const homes = new Map<string, TypeHome>();
  const visit = (type: Type, home: TypeHome) => {
    for (const id of referencedIds(type)) {
      if (homes.has(id)) continue;
      const def = byId.get(id);
      if (!def) continue;
      homes.set(id, home);
      for (const t of typesInside(def)) visit(t, home);
    }
  };
  for (const def of api.types) if (def.id.startsWith("/components/schemas/")) visit({ kind: "ref", target: def.id }, "components");
  for (const op of api.operations) {
    for (const p of op.params) visit(p.type, "operations");
    if (op.body) visit(op.body.type, "operations");
    for (const r of op.responses) if (r.body) visit(r.body.type, "operations");
  }
  for (const p of api.globals) visit(p.type, "operations");
  for (const op of api.operations) for (const e of op.errors) visit(e.body.type, "errors");
  return homes;
}
