import type { Type } from "../../ir/types.ts";
import { jsonLiteral } from "./literals.ts";
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
      return `Record<string, ${renderType(type.values, ctx)}>`;
    case "union":
      return type.variants.map((v) => wrap(v, ctx)).join(" | ");
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
