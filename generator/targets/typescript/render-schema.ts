import { StructureKind, type ImportDeclarationStructure } from "ts-morph";
import type { NamedType, PrimitiveName, Property, Type } from "../../ir/types.ts";
import { indexedValue, jsonLiteral, propertyKey } from "./literals.ts";
import type { TypeContext } from "./render-type.ts";

/** Name of the schema descriptor exported next to a named type. */
export function schemaName(typeName: string): string {
  return `${typeName}$`;
}

/** The runtime's shared descriptor of a primitive type (see runtime/schema.ts). */
export function primitiveSchema(name: PrimitiveName): string {
  return `$${name}`;
}

/** Imports the shared primitive descriptors an emitted module used. */
export function primitiveImports(primitives: Set<PrimitiveName>, moduleSpecifier: string): ImportDeclarationStructure[] {
  if (primitives.size === 0) return [];
  const names = [...primitives].sort().map(primitiveSchema);
  return [{ kind: StructureKind.ImportDeclaration, moduleSpecifier, namedImports: names }];
}

/** The (qualified) name of a named type's descriptor, as seen from ctx.from. */
function schemaReference(id: string, ctx: TypeContext): string | undefined {
  const decl = ctx.view.typesById.get(id);
  if (!decl) return undefined;
  if (decl.module === ctx.from) return schemaName(decl.name);
  ctx.used.add(decl.module);
  return `${decl.module}.${schemaName(decl.name)}`;
}

/** A schema descriptor expression (see runtime/schema.ts) for an IR type. */
export function renderSchema(type: Type, ctx: TypeContext): string {
  switch (type.kind) {
    case "primitive":
      ctx.primitives?.add(type.name);
      return primitiveSchema(type.name);
    case "literal":
      return `{ t: "literal", value: ${jsonLiteral(type.value)} }`;
    case "ref": {
      const name = schemaReference(type.target, ctx);
      if (name !== undefined) return `{ t: "ref", get: () => ${name} }`;
      ctx.primitives?.add("unknown");
      return primitiveSchema("unknown");
    }
    case "array":
      return `{ t: "array", items: ${renderSchema(type.items, ctx)} }`;
    case "nullable":
      return `{ t: "nullable", inner: ${renderSchema(type.inner, ctx)} }`;
    case "map":
      return `{ t: "map", values: ${renderSchema(type.values, ctx)} }`;
    case "union":
      return `{ t: "union", variants: [${type.variants.map((v) => renderSchema(v, ctx)).join(", ")}] }`;
    case "intersection":
      return `{ t: "all", parts: [${type.parts.map((p) => renderSchema(p, ctx)).join(", ")}] }`;
  }
}

function renderProp(p: Property, ctx: TypeContext): string {
  const parts = [`s: ${renderSchema(p.type, ctx)}`];
  if (p.required) parts.push("r: true");
  if (p.default !== undefined) parts.push(`d: ${jsonLiteral(p.default)}`);
  return `    ${propertyKey(p.name)}: ${indexedValue(p.name, `{ ${parts.join(", ")} }`)},`;
}

/** The initializer of a named type's descriptor. */
export function renderNamedSchema(def: NamedType, ctx: TypeContext): string {
  if (def.kind === "alias") return renderSchema(def.type, ctx);
  if (def.kind === "enum") return `{ t: "enum", values: ${jsonLiteral(def.members.map((m) => m.value))}, open: ${String(def.open)} }`;
  const bases = def.bases.flatMap((id) => {
    const name = schemaReference(id, ctx);
    return name === undefined ? [] : [`() => ${name}`];
  });
  const props = def.properties.map((p) => renderProp(p, ctx));
  const lines = ["{", '  t: "object",', props.length > 0 ? `  props: {\n${props.join("\n")}\n  },` : "  props: {},"];
  if (bases.length > 0) lines.push(`  bases: [${bases.join(", ")}],`);
  lines.push("}");
  return lines.join("\n");
}
