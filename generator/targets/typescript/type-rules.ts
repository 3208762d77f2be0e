import type { ObjectDef, Property, Type } from "../../ir/types.ts";
import { restSchemas, type TypeLookup } from "../../ir/walk.ts";

// The rule for undeclared properties is every target's (ir/walk.ts); the TypeScript code names it from here.
export { restType, type TypeLookup } from "../../ir/walk.ts";

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
