import type { ObjectDef, Property, Type } from "../../ir/types.ts";

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

/** Whether an object's undeclared properties have a schema to check (additionalProperties given as a schema). */
export function hasRestSchema(def: ObjectDef): boolean {
  const rest = def.additional;
  return typeof rest === "object" && !(rest.kind === "primitive" && rest.name === "unknown");
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
