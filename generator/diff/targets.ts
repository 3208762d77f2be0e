/** Each target's surface, from its own plan: its names, how it passes arguments and how it writes types. */
import type { GeneratorConfig, TargetName } from "../config.ts";
import type { Api, Body, NamedType, Operation, Parameter, Type } from "../ir/types.ts";
import { planCSharp } from "../targets/csharp/plan.ts";
import { planGo } from "../targets/go/plan.ts";
import { planPhp } from "../targets/php/plan.ts";
import { planPython } from "../targets/python/plan.ts";
import { planTypeScript } from "../targets/typescript/plan.ts";
import { keepPlan } from "../targets/shared-plan.ts";
import { buildSurface, type PlannedArg, type PlannedOp, type Surface, type TargetNaming } from "./surface.ts";

/** How a target spells types: its primitives and its type constructors. */
interface Spelling {
  primitives: Record<string, string>;
  array(item: string): string;
  map(value: string): string;
  nullable(inner: string): string;
  union(variants: string[]): string;
  intersection(parts: string[]): string;
  /** The type of an open enum's properties, when it differs from the enum's own name. */
  openEnum(name: string, base: string): string;
}

const SPELLINGS: Record<TargetName, Spelling> = {
  typescript: {
    primitives: { string: "string", integer: "number", number: "number", boolean: "boolean", null: "null", unknown: "unknown" },
    array: (t) => `Array<${t}>`, map: (t) => `Record<string, ${t}>`, nullable: (t) => `${t} | null`,
    union: (ts) => ts.join(" | "), intersection: (ts) => ts.join(" & "), openEnum: (name) => `OpenEnum<${name}>`,
  },
  python: {
    primitives: { string: "str", integer: "int", number: "float", boolean: "bool", null: "None", unknown: "typing.Any" },
    array: (t) => `typing.List[${t}]`, map: (t) => `typing.Dict[str, ${t}]`, nullable: (t) => `typing.Optional[${t}]`,
    union: (ts) => `typing.Union[${ts.join(", ")}]`, intersection: () => "typing.Dict[str, typing.Any]", openEnum: (name, base) => `typing.Union[${name}, ${base}]`,
  },
  go: {
    primitives: { string: "string", integer: "int64", number: "float64", boolean: "bool", null: "any", unknown: "any" },
    array: (t) => `[]${t}`, map: (t) => `map[string]${t}`, nullable: (t) => `*${t}`,
    union: () => "any", intersection: () => "any", openEnum: (name) => name,
  },
  csharp: {
    primitives: { string: "string", integer: "long", number: "double", boolean: "bool", null: "object", unknown: "JsonElement" },
    array: (t) => `List<${t}>`, map: (t) => `Dictionary<string, ${t}>`, nullable: (t) => `${t}?`,
    union: () => "JsonElement", intersection: () => "JsonElement", openEnum: (name) => name,
  },
  php: {
    primitives: { string: "string", integer: "int", number: "float", boolean: "bool", null: "null", unknown: "mixed" },
    array: (t) => `array<${t}>`, map: (t) => `array<string, ${t}>`, nullable: (t) => `?${t}`,
    union: () => "mixed", intersection: () => "mixed", openEnum: (name, base) => `${name}|${base}`,
  },
};

/** A type in the target's spelling; precise enough to tell when the target's type changes, not a copy of each emitter. */
function typeWriter(target: TargetName, nameOf: (id: string) => string | undefined, byId: Map<string, NamedType>): (type: Type) => string {
  const spell = SPELLINGS[target];
  const aliases: string[] = [];
  const write = (type: Type): string => {
    switch (type.kind) {
      case "primitive": return type.format === "binary" ? `${spell.primitives[type.name]}(binary)` : spell.primitives[type.name]!;
      case "literal": return JSON.stringify(type.value);
      case "ref": {
        const name = nameOf(type.target) ?? type.target;
        const def = byId.get(type.target);
        // Every target's aliases are transparent (TypeScript and Python type aliases, Go `type X = Y`, C# none): the type is what they stand for.
        if (def?.kind === "alias" && !aliases.includes(def.id)) {
          aliases.push(def.id);
          try {
            return write(def.type);
          } finally {
            aliases.pop();
          }
        }
        return def?.kind === "enum" && def.open ? spell.openEnum(name, spell.primitives[def.base]!) : name;
      }
      case "array": return spell.array(write(type.items));
      case "map": return spell.map(write(type.values));
      case "nullable": return spell.nullable(write(type.inner));
      case "union": return spell.union(type.variants.map(write));
      case "intersection": return spell.intersection(type.parts.map(write));
    }
  };
  return write;
}

function naming(target: TargetName, api: Api, nameOf: (id: string) => string | undefined, fieldName: TargetNaming["fieldName"], optionSurface: TargetNaming["optionSurface"]): TargetNaming {
  const byId = new Map(api.types.map((t) => [t.id, t]));
  const valueType = (type: Type): boolean => {
    if (target !== "csharp") return false;
    if (type.kind === "primitive") return type.name === "integer" || type.name === "number" || type.name === "boolean";
    if (type.kind !== "ref") return false;
    const def = byId.get(type.target);
    return def?.kind === "enum" && !def.open && def.base !== "number";
  };
  const nilable = (type: Type): boolean => {
    if (type.kind === "array" || type.kind === "map" || type.kind === "union" || type.kind === "intersection") return true;
    if (type.kind === "primitive") return type.name === "unknown" || type.name === "null";
    if (type.kind !== "ref") return false;
    const def = byId.get(type.target);
    return def?.kind === "alias" && nilable(def.type);
  };
  const pointer = (type: Type, required: boolean): boolean => {
    if (target !== "go") return false;
    const inner = type.kind === "nullable" ? type.inner : type;
    return !nilable(inner) && (!required || type.kind === "nullable");
  };
  return { target, typeName: nameOf, fieldName, typeText: typeWriter(target, nameOf, byId), valueType, pointer, optionSurface };
}

/** A planned argument or request field's source: a parameter, or the body. */
function fromSource(source: { kind: "param"; param: Parameter } | { kind: "body"; body: Body }): Pick<PlannedArg, "param" | "body"> {
  return source.kind === "param" ? { param: source.param } : { body: { type: source.body.type, required: source.body.required } };
}

/** Go and C# methods: every input an argument, in the plan's order. */
function argumentOp(
  o: { op: Operation; methodName: string; args: Array<{ name: string; required: boolean; pointer?: boolean; source: { kind: "param"; param: Parameter } | { kind: "body"; body: Body } }>; bodyFields: Array<{ status: string; name: string; body: Body }>; errors: Array<{ status: string; name: string }> },
  owner: string, passing: "positional" | "keyword",
): PlannedOp {
  return {
    op: o.op, display: `${owner}.${o.methodName}()`, group: owner, method: o.methodName, style: "arguments",
    args: o.args.map((a, i) => ({ ...fromSource(a.source), name: a.name, passing, position: i, required: a.required, pointer: a.pointer ?? false, prefix: "" })),
    bodies: o.bodyFields.map((b) => ({ status: b.status, name: b.name, type: b.body.type })),
    errors: o.errors.map((e) => ({ status: e.status, className: e.name })),
  };
}

/** The surface of one target's SDK for an IR; `keep`: its plan is kept for the target to generate with (see shared-plan.ts). */
export function surfaceFor(target: TargetName, api: Api, config: GeneratorConfig, keep = false): Surface {
  const planned = <V extends { config: unknown }>(view: V): V => {
    if (keep) keepPlan(target, api, config, view);
    return view;
  };
  switch (target) {
    case "typescript": {
      const view = planned(planTypeScript(api, config));
      const ops: PlannedOp[] = view.groups.flatMap((group) => group.operations.map((o): PlannedOp => {
        const owner = group.tag ? `sdk.${group.tag.propertyName}` : "sdk";
        const args: PlannedArg[] = o.style === "positional"
          ? o.args.map((a, i) => ({ param: a.param, name: a.name, passing: "positional", position: i, required: !a.optional, pointer: false, prefix: "" }))
          : o.request!.fields.map((f) => ({ ...fromSource(f.source), name: f.name, passing: "field", required: !f.optional, pointer: false, prefix: "request." }));
        return {
          op: o.op, display: `${owner}.${o.methodName}()`, group: owner, method: o.methodName, style: o.style, args,
          bodies: o.bodyFields.map((b) => ({ status: b.status, name: b.name, type: b.type })),
          errors: o.errors.map((e) => ({ status: e.status, className: e.className })),
        };
      }));
      const n = naming(target, api, (id) => view.typesById.get(id)?.name, (_owner, prop) => prop, (o) => `new ${view.clientName}({ ${o.name} })`);
      return buildSurface(api, n, ops, view.options);
    }
    case "python": {
      const view = planned(planPython(api, config));
      const ops: PlannedOp[] = view.groups.flatMap((group) => group.operations.map((o): PlannedOp => {
        const owner = group.tag ? `sdk.${group.tag.propertyName}` : "sdk";
        const args: PlannedArg[] = o.request === undefined
          ? o.args.map((a, i) => ({ param: a.param, name: a.name, passing: "keyword", position: i, required: !a.optional, pointer: false, prefix: "" }))
          : o.request.fields.map((f) => ({ ...fromSource(f.source), name: f.name, passing: "field", required: !f.optional, pointer: false, prefix: "request." }));
        return {
          op: o.op, display: `${owner}.${o.methodName}()`, group: owner, method: o.methodName, style: o.request ? "request" : "keywords", args,
          bodies: o.bodyFields.map((b) => ({ status: b.status, name: b.name, type: b.type })),
          errors: o.errors.map((e) => ({ status: e.status, className: e.className })),
        };
      }));
      const fieldName = (owner: string, prop: string) => view.typesById.get(owner)?.fields?.find((f) => f.prop.name === prop)?.name ?? prop;
      const n = naming(target, api, (id) => view.typesById.get(id)?.name, fieldName, (o) => `${view.clientName}(${o.name}=...)`);
      return buildSurface(api, n, ops, view.options);
    }
    case "go": {
      const view = planned(planGo(api, config));
      const ops = view.groups.flatMap((group) => group.operations.map((o) => argumentOp(o, group.fieldName ? `s.${group.fieldName}` : "s", "positional")));
      const fieldName = (owner: string, prop: string) => view.typesById.get(owner)?.fieldNames?.get(prop) ?? prop;
      const n = naming(target, api, (id) => view.typesById.get(id)?.name, fieldName, (o) => `${view.config.packageName}.${o.name}()`);
      return buildSurface(api, n, ops, view.options);
    }
    case "csharp": {
      const view = planned(planCSharp(api, config));
      const ops = view.groups.flatMap((group) => group.operations.map((o) => argumentOp(o, group.propertyName ? `sdk.${group.propertyName}` : "sdk", "keyword")));
      const fieldName = (owner: string, prop: string) => view.typesById.get(owner)?.properties?.find((p) => p.prop.name === prop)?.name ?? prop;
      const n = naming(target, api, (id) => view.typesById.get(id)?.name, fieldName, (o) => `new ${view.clientName}(${o.name}: ...)`);
      return buildSurface(api, n, ops, view.options);
    }
    case "php": {
      const view = planned(planPhp(api, config));
      const ops: PlannedOp[] = view.groups.flatMap((group) => group.operations.map((o): PlannedOp => {
        const owner = group.propertyName ? `$sdk->${group.propertyName}` : "$sdk";
        const args: PlannedArg[] = o.request === undefined
          ? o.args.map((a, i) => ({ ...fromSource(a.source), name: a.name, passing: "keyword", position: i, required: a.required, pointer: false, prefix: "" }))
          : o.request.fields.map((f) => ({ ...fromSource(f.source), name: f.name, passing: "field", required: f.required, pointer: false, prefix: "$request->" }));
        return {
          op: o.op, display: `${owner}->${o.methodName}()`, group: owner, method: o.methodName, style: o.request ? "request" : "keywords", args,
          bodies: o.bodyFields.map((b) => ({ status: b.status, name: b.name, type: b.body.type })),
          errors: o.errors.map((e) => ({ status: e.status, className: e.name })),
        };
      }));
      const fieldName = (owner: string, prop: string) => view.typesById.get(owner)?.properties?.find((p) => p.prop.name === prop)?.name ?? prop;
      const setters = new Map(view.setters.map((s) => [s.option.name, s.method]));
      const n = naming(target, api, (id) => view.typesById.get(id)?.name, fieldName, (o) => `${view.clientName}::builder()->${setters.get(o.name) ?? o.name}()`);
      return buildSurface(api, n, ops, view.options);
    }
  }
}
