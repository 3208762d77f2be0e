import type { Type } from "../../ir/types.ts";
import { jsonLiteral, propertyKey } from "./literals.ts";
import { discriminated } from "./type-rules.ts";
import type { ModuleName, TsView } from "./plan.ts";

/** Where a type expression is written: a model module, or elsewhere (every model name is then qualified). */
export interface TypeContext {
  view: TsView;
  from: ModuleName | "outside";
  /** Model modules the expression refers to, to be imported as namespaces. */
  used: Set<ModuleName>;
  /** Runtime descriptors and descriptor builders the expression uses, to be imported from lib/schema. */
  schemaImports?: Set<string>;
}

export function renderType(type: Type, ctx: TypeContext): string {
  switch (type.kind) {
    case "primitive":
      // Binary data (format: binary): a multipart file part or an upload's bytes.
      if (isBinaryType(type)) return "Blob | Uint8Array | string";
      return type.name === "integer" ? "number" : type.name;
    case "literal":
      return jsonLiteral(type.value);
    case "ref": {
      const decl = ctx.view.typesById.get(type.target);
      if (!decl) return "unknown";
      if (decl.module === ctx.from) return decl.name;
      ctx.used.add(decl.module);
      return `${decl.module}.${decl.name}`;
    }
    case "array":
      return `Array<${renderType(type.items, ctx)}>`;
    case "nullable":
      return `${wrap(type.inner, ctx)} | null`;
    case "map":
      // An index signature of a named type: a type alias may refer to itself through it, not through Record.
      return type.values.kind === "primitive" || type.values.kind === "literal"
        ? `Record<string, ${renderType(type.values, ctx)}>`
        : `{ [key: string]: ${renderType(type.values, ctx)} }`;
    case "union": {
      // A discriminated variant says which values of the discriminator it takes, so a check of that property narrows the union.
      const tagged = discriminated(type);
      return type.variants.map((v) => {
        const values = tagged && v.kind === "ref" ? tagged.mapping.filter((m) => m.target === v.target).map((m) => jsonLiteral(m.value)) : [];
        return values.length > 0 ? `(${wrap(v, ctx)} & { ${propertyKey(tagged!.property)}: ${values.join(" | ")} })` : wrap(v, ctx);
      }).join(" | ");
    }
    case "intersection":
      return type.parts.map((p) => wrap(p, ctx)).join(" & ");
  }
}

/** Parenthesises unions and intersections where they sit inside another operator. */
function wrap(type: Type, ctx: TypeContext): string {
  const text = renderType(type, ctx);
  return type.kind === "union" || type.kind === "intersection" || type.kind === "nullable" || isBinaryType(type) ? `(${text})` : text;
}

function isBinaryType(type: Type): boolean {
  return type.kind === "primitive" && type.name === "string" && type.format === "binary";
}
