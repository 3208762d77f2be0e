import { StructureKind, type ImportDeclarationStructure } from "./print.ts";
import type { NamedType, PrimitiveName, Property, Type } from "../../ir/types.ts";
import { jsonLiteral, propertyKey } from "./literals.ts";
import type { TypeContext } from "./render-type.ts";
import { discriminated, isRequired, restType } from "./type-rules.ts";

/** Name of the schema descriptor exported next to a named type. */
export function schemaName(typeName: string): string {
  return `${typeName}$`;
}

/** Calls a descriptor builder of the runtime (see runtime/schema.ts), noting it for import. */
function builder(name: string, args: string[], ctx: TypeContext): string {
  ctx.schemaImports?.add(name);
  return `${name}(${args.join(", ")})`;
}

/** The runtime's shared descriptor of a primitive type, noted for import. */
function primitive(name: PrimitiveName, ctx: TypeContext): string {
  ctx.schemaImports?.add(`$${name}`);
  return `$${name}`;
}

/** Imports the runtime descriptors and builders an emitted module used. */
export function schemaImports(names: Set<string>, moduleSpecifier: string): ImportDeclarationStructure[] {
  if (names.size === 0) return [];
  return [{ kind: StructureKind.ImportDeclaration, moduleSpecifier, namedImports: [...names].sort() }];
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
      if (type.name === "string" && type.format === "binary") {
        ctx.schemaImports?.add("$binary");
        return "$binary";
      }
      return primitive(type.name, ctx);
    case "literal":
      return builder("$literal", [jsonLiteral(type.value)], ctx);
    case "ref":
      // Descriptors of named types are built lazily, so they can be referred to directly.
      return schemaReference(type.target, ctx) ?? primitive("unknown", ctx);
    case "array":
      return builder("$array", [renderSchema(type.items, ctx)], ctx);
    case "nullable":
      return builder("$nullable", [renderSchema(type.inner, ctx)], ctx);
    case "map":
      return builder("$map", [renderSchema(type.values, ctx)], ctx);
    case "union": {
      const tagged = discriminated(type);
      if (tagged === undefined) return builder("$union", type.variants.map((v) => renderSchema(v, ctx)), ctx);
      const mapping = tagged.mapping.map((m) => `[${jsonLiteral(m.value)}, ${renderSchema({ kind: "ref", target: m.target }, ctx)}]`);
      return builder("$discriminated", [jsonLiteral(tagged.property), `[${mapping.join(", ")}]`, ...tagged.others.map((v) => renderSchema(v, ctx))], ctx);
    }
    case "intersection":
      return builder("$all", type.parts.map((p) => renderSchema(p, ctx)), ctx);
  }
}

function renderProp(p: Property, ctx: TypeContext): string {
  const args = [renderSchema(p.type, ctx), ...(p.default !== undefined ? [jsonLiteral(p.default)] : [])];
  return `  ${propertyKey(p.name)}: ${builder(isRequired(p) ? "$req" : "$opt", args, ctx)},`;
}

/** Marks a call free of side effects, so bundlers drop it when its result is unused. */
function pure(call: string): string {
  return `/* @__PURE__ */ ${call}`;
}

/** The initializer of a named type's descriptor: built on first use when it refers to others. */
export function renderNamedSchema(def: NamedType, ctx: TypeContext): string {
  const lazy = (expression: string) => pure(builder("$lazy", [`() => ${expression}`], ctx));
  if (def.kind === "enum") return pure(builder("$enum", [jsonLiteral(def.members.map((m) => m.value)), String(def.open)], ctx));
  if (def.kind === "alias") {
    // A primitive's shared descriptor exists before any model; anything else may not exist yet.
    return def.type.kind === "primitive" ? renderSchema(def.type, ctx) : lazy(renderSchema(def.type, ctx));
  }
  const bases = def.bases.flatMap((id) => {
    const name = schemaReference(id, ctx);
    return name === undefined ? [] : [name];
  });
  const props = def.properties.map((p) => renderProp(p, ctx));
  const literal = props.length > 0 ? `{\n${props.join("\n")}\n}` : "{}";
  // Undeclared properties are checked when additionalProperties, the object's own or else its bases',
  // gives them a schema (see restSchemas); true, false and absent check nothing.
  const rest = restType(def, (id) => ctx.view.typesById.get(id)?.def);
  if (rest !== undefined) return lazy(builder("$objectRest", [renderSchema(rest, ctx), literal, ...bases], ctx));
  return lazy(builder("$object", [literal, ...bases], ctx));
}
