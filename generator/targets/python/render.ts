import type { Type } from "../../ir/types.ts";
import { call, list, pyValue, type Expr } from "./literals.ts";
import type { ModuleName, PyTypeDecl, PyView } from "./plan.ts";

/**
 * Where a type is written: inside one of the model modules (names of that module bare), or
 * outside them (every model name qualified by its module). `used` collects modules referred to.
 */
export interface TypeContext {
  view: PyView;
  from: ModuleName | "outside";
  used: Set<ModuleName>;
  /** "input": objects a request carries also accept their TypedDict twin. */
  mode: "model" | "input";
}

export function qualified(decl: PyTypeDecl, ctx: TypeContext, name = decl.name): string {
  if (decl.module === ctx.from) return name;
  ctx.used.add(decl.module);
  return `${decl.module}.${name}`;
}

function union(parts: string[]): string {
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  if (unique.length === 1) return unique[0]!;
  if (unique.includes("None")) {
    const rest = unique.filter((p) => p !== "None");
    return `typing.Optional[${union(rest)}]`;
  }
  return `typing.Union[${unique.join(", ")}]`;
}

/** A Python type annotation. */
export function renderType(type: Type, ctx: TypeContext): string {
  switch (type.kind) {
    case "primitive":
      if (type.name === "string" && type.format === "binary") return "bytes";
      return { string: "str", integer: "int", number: "float", boolean: "bool", null: "None", unknown: "typing.Any" }[type.name];
    case "literal":
      if (type.value === null) return "None";
      if (typeof type.value === "number" && !Number.isInteger(type.value)) return "float";
      return `typing.Literal[${pyValue(type.value)}]`;
    case "ref": {
      const decl = ctx.view.typesById.get(type.target);
      if (!decl) return "typing.Any";
      const name = qualified(decl, ctx);
      if (decl.def.kind === "enum" && decl.def.open) return `typing.Union[${name}, ${decl.def.base === "string" ? "str" : decl.def.base === "integer" ? "int" : "float"}]`;
      if (ctx.mode === "input" && decl.typedDict) return `typing.Union[${name}, ${qualified(decl, ctx, decl.typedDict)}]`;
      return name;
    }
    case "array":
      return `typing.List[${renderType(type.items, ctx)}]`;
    case "nullable":
      return union([renderType(type.inner, ctx), "None"]);
    case "map":
      return `typing.Dict[str, ${renderType(type.values, ctx)}]`;
    case "union":
      return union(type.variants.map((v) => renderType(v, ctx)));
    case "intersection":
      return "typing.Dict[str, typing.Any]";
  }
}

/** The annotation of a field that may be absent: Optional unless it already admits None. */
export function optionalType(annotation: string): string {
  if (annotation === "None" || annotation === "typing.Any" || annotation.startsWith("typing.Optional[")) return annotation;
  return `typing.Optional[${annotation}]`;
}

export function schemaConst(name: string): string {
  return `${name}_SCHEMA`;
}

/** The runtime schema descriptor (utils/schema.py) of a type. */
export function renderSchema(type: Type, ctx: TypeContext): Expr {
  switch (type.kind) {
    case "primitive":
      if (type.name === "string" && type.format === "binary") return "_s.BYTES";
      return `_s.${{ string: "STRING", integer: "INTEGER", number: "NUMBER", boolean: "BOOLEAN", null: "NULL", unknown: "ANY" }[type.name]}`;
    case "literal":
      return call("_s.Literal", [pyValue(type.value)]);
    case "ref": {
      const decl = ctx.view.typesById.get(type.target);
      if (!decl) return "_s.ANY";
      return call("_s.Ref", [`lambda: ${qualified(decl, ctx, schemaConst(decl.name))}`]);
    }
    case "array":
      return call("_s.Array", [renderSchema(type.items, ctx)]);
    case "nullable":
      return call("_s.Nullable", [renderSchema(type.inner, ctx)]);
    case "map":
      return call("_s.Map", [renderSchema(type.values, ctx)]);
    case "union":
      return call("_s.Union_", [list(type.variants.map((v) => renderSchema(v, ctx)))]);
    case "intersection":
      return call("_s.AllOf", [list(type.parts.map((p) => renderSchema(p, ctx)))]);
  }
}
