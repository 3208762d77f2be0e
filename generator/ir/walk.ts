import type { NamedType, Type } from "./types.ts";

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
