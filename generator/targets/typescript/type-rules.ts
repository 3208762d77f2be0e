import type { NamedType, ObjectDef, Property, Type } from "../../ir/types.ts";

/**
 * Rules the TypeScript types and the runtime descriptors share, so that what a type promises and
 * what the SDK checks at run time never disagree.
 */

/**
 * Whether a property must be present in both directions. One model serves requests and responses:
 * a readOnly property is never sent, and a writeOnly one never comes back, so neither can be
 * required of both (OpenAPI: "required" applies to readOnly properties in responses only, and to
 * writeOnly properties in requests only).
 */
export function isRequired(p: Property): boolean {
  return p.required && !p.readOnly && !p.writeOnly;
}

/** Whether an object's own additionalProperties is a schema to check (not true, {}, false or absent). */
export function hasRestSchema(def: ObjectDef): boolean {
  const rest = def.additional;
  return typeof rest === "object" && !(rest.kind === "primitive" && rest.name === "unknown");
}

export type TypeLookup = (id: string) => NamedType | undefined;

/**
 * The schemas every undeclared property of an object must match, which its descriptor checks and
 * its index signature promises: its own additionalProperties when it declares any (true, {} and
 * false give none), else those of its allOf bases, each declared or inherited in turn. A base of
 * only `additionalProperties: {type: string}` (Zuora's custom fields) thus keeps the keys it adds to
 * an object extending it strings, while the object's own properties keep their own types.
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
 * The bases an object's interface extends: those whose undeclared properties have no schema. A base
 * with one has an index signature that the object's own properties (optional, or of other types)
 * need not fit, and that TypeScript forbids widening (TS2411, TS2430): its properties are copied into
 * the interface instead, whose own index signature takes them in.
 */
export function extendedBases(def: ObjectDef, lookup: TypeLookup): string[] {
  return def.bases.filter((id) => {
    const base = lookup(id);
    return base?.kind !== "object" || restSchemas(base, lookup).length === 0;
  });
}

export interface TaggedUnion {
  property: string;
  /** Discriminator values and the named type each picks, in the order of the mapping. */
  mapping: Array<{ value: string; target: string }>;
  /** Variants no value picks: tried one by one, as in an undiscriminated union. */
  others: Type[];
}

/**
 * A union with a discriminator whose mapping picks at least one of its variants; undefined when
 * the union has none (it is then told apart by trying each variant). Mapping entries that point
 * to no variant are left out: the IR warns about them.
 */
export function discriminated(type: Extract<Type, { kind: "union" }>): TaggedUnion | undefined {
  const d = type.discriminator;
  if (d === undefined) return undefined;
  const targets = new Set(type.variants.flatMap((v) => (v.kind === "ref" ? [v.target] : [])));
  const mapping = d.mapping.filter((m) => targets.has(m.target));
  if (mapping.length === 0) return undefined;
  const mapped = new Set(mapping.map((m) => m.target));
  return { property: d.property, mapping, others: type.variants.filter((v) => v.kind !== "ref" || !mapped.has(v.target)) };
}
