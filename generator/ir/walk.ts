import type { Api, NamedType, ObjectDef, Property, Type } from "./types.ts";

/**
 * The type of the values of the properties an object's schema does not name, when it declares
 * additionalProperties (`true` or `{}` give any value); undefined when it declares none or `false`.
 */
export function extraPropertyType(def: ObjectDef): Type | undefined {
  if (def.additional === undefined || def.additional === false) return undefined;
  return def.additional === "any" ? { kind: "primitive", name: "unknown" } : def.additional;
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
