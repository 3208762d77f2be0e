/**
 * The public surface of one target's SDK, taken from the IR and the target's plan: every method,
 * argument, request and response field, error class, enum, server and client option, each under
 * the name the target gives it. Surfaces of two spec versions are what `sdkgen diff` compares.
 */
import type { TargetName } from "../config.ts";
import type { Api, NamedType, ObjectDef, Operation, Parameter, Property, SecurityRequirement, Type } from "../ir/types.ts";
import { referencedIds, typesInside } from "../ir/walk.ts";
import type { ClientOption } from "../targets/target.ts";
import { compareStrings } from "../ir/pointer.ts";

/** How an input reaches the SDK: by position (TypeScript positional methods, Go), by keyword (Python, C#) or as a field of a request object. */
export type Passing = "positional" | "keyword" | "field";

/** A target-neutral spelling of a type, for telling widened from narrowed: refs by the target's type name, nullability apart. */
export type Shape =
  | { kind: "primitive"; name: string }
  | { kind: "literal"; value: unknown }
  | { kind: "ref"; name: string; enumBase?: string }
  | { kind: "array"; items: Shape }
  | { kind: "map"; values: Shape }
  | { kind: "other"; text: string };

export interface InputFacts {
  name: string;
  passing: Passing;
  /** Place among the method's arguments, for positional and keyword passing. */
  position?: number;
  required: boolean;
  nullable: boolean;
  /** The type as the target writes it (nullability left out). */
  type: string;
  shape: Shape;
  default?: unknown;
  /** Held by pointer (Go): an optional value that is a pointer where a required one is not. */
  pointer: boolean;
}

export interface OutputFacts {
  required: boolean;
  nullable: boolean;
  type: string;
  shape: Shape;
  /** The target holds the field in a value type (C#: long, bool, an enum), where optional and required differ in kind. */
  valueType: boolean;
  /** Held by pointer (Go). */
  pointer: boolean;
}

export type Entry =
  | { kind: "input"; key: string; surface: string; facts: InputFacts }
  | { kind: "output"; key: string; surface: string; facts: OutputFacts }
  | { kind: "error"; key: string; surface: string; facts: { className: string } }
  | { kind: "security"; key: string; surface: string; facts: { alternatives: string[] } };

/** A field of a model: what both sides need, so a model used in requests and responses is compared both ways. */
export interface FieldSurface {
  /** The property's wire name. */
  key: string;
  /** The target's field name. */
  name: string;
  required: boolean;
  nullable: boolean;
  type: string;
  shape: Shape;
  default?: unknown;
  valueType: boolean;
  pointer: boolean;
}

/**
 * An object type with its fields, once however many methods use it. Changes of its fields are named
 * by the first path that reaches it (methods in order of their names), e.g.
 * `sdk.authentication.getTokenDetails(): response.userPlexAccount.subscription`.
 */
export interface ModelSurface {
  /** The target's type name. */
  key: string;
  usage: { input: boolean; output: boolean };
  inputPath?: string;
  outputPath?: string;
  fields: FieldSurface[];
}

export interface OpSurface {
  /** "GET /path": an operation keeps its identity while its method and path stay. */
  key: string;
  operationId: string;
  /** How a caller calls it, e.g. `sdk.authentication.getTokenDetails()`. */
  display: string;
  group: string;
  method: string;
  /** "positional", "request" (one request object) or "arguments" (Go, C#, Python's keywords). */
  style: string;
  entries: Map<string, Entry>;
}

export interface EnumSurface {
  key: string;
  surface: string;
  values: Array<string | number>;
  open: boolean;
  usedIn: { input: boolean; output: boolean };
}

export interface OptionSurface {
  key: string;
  surface: string;
  name: string;
  /** What the option holds, e.g. "apiKey header X-Plex-Token" or "variable default https". */
  detail: string;
}

export interface Surface {
  target: TargetName;
  ops: Map<string, OpSurface>;
  models: Map<string, ModelSurface>;
  enums: Map<string, EnumSurface>;
  options: Map<string, OptionSurface>;
  servers: string[];
  security: string[];
}

/** What a target contributes: its names and how it writes types. */
export interface TargetNaming {
  target: TargetName;
  typeName(id: string): string | undefined;
  /** The field name of a property of an object type (the type that declares it). */
  fieldName(ownerId: string, property: string): string;
  /** A type as the target writes it. */
  typeText(type: Type): string;
  /** Whether the target holds the type in a value type (C#); false elsewhere. */
  valueType(type: Type): boolean;
  /** Whether the target holds a field of this type by pointer (Go: optional or nullable, and not a slice, map or interface). */
  pointer(type: Type, required: boolean): boolean;
  /** How a client option is written, e.g. `new PlexAPI({ accessToken })`. */
  optionSurface(option: ClientOption): string;
}

export interface PlannedArg {
  param?: Parameter;
  /** Set for the request body. */
  body?: { type: Type; required: boolean };
  name: string;
  passing: Passing;
  position?: number;
  required: boolean;
  /** Held by pointer (Go's optional arguments). */
  pointer: boolean;
  /** Written before the field's own name: "request." for fields of a request object. */
  prefix: string;
}

export interface PlannedOp {
  op: Operation;
  display: string;
  group: string;
  method: string;
  style: string;
  args: PlannedArg[];
  bodies: Array<{ status: string; name: string; type: Type }>;
  errors: Array<{ status: string; className: string }>;
}

/** Builds a target's surface from its planned operations and options. */
export function buildSurface(api: Api, naming: TargetNaming, ops: PlannedOp[], options: ClientOption[]): Surface {
  const byId = new Map(api.types.map((t) => [t.id, t]));
  const surface: Surface = {
    target: naming.target, ops: new Map(), models: new Map(), enums: new Map(), options: new Map(),
    servers: api.servers.map((s) => s.url), security: alternatives(api.security),
  };
  const shapeOf = (type: Type): Shape => shape(type, byId, naming);
  const models = new ModelWalk(byId, naming, shapeOf);

  // Methods in order of their names, so a model's path is the same whatever the spec's order.
  for (const planned of [...ops].sort((a, b) => compareStrings(a.display, b.display))) {
    const { op } = planned;
    const entries = new Map<string, Entry>();
    const add = (entry: Entry) => entries.set(entry.key, entry);
    for (const arg of planned.args) {
      const type = arg.param?.type ?? arg.body!.type;
      const key = arg.param ? `param ${arg.param.in}:${arg.param.wireName.toLowerCase()}` : "body";
      const surfaceName = `${arg.prefix}${arg.name}`;
      add({ kind: "input", key, surface: surfaceName, facts: inputFacts(arg.name, arg.passing, arg.required, type, arg.param?.default, arg.pointer, arg.position) });
      models.reach(type, "input", `${planned.display}: ${surfaceName}`);
    }
    for (const body of planned.bodies) {
      const surfaceName = `response.${body.name}`;
      add({ kind: "output", key: `response ${body.status}`, surface: surfaceName, facts: outputFacts(true, body.type) });
      models.reach(body.type, "output", `${planned.display}: ${surfaceName}`);
    }
    for (const error of planned.errors) add({ kind: "error", key: `error ${error.status}`, surface: `throws ${error.className} (${error.status})`, facts: { className: error.className } });
    add({ kind: "security", key: "security", surface: "security", facts: { alternatives: alternatives(op.security === "inherit" ? api.security : op.security) } });
    surface.ops.set(`${op.method.toUpperCase()} ${op.path}`, {
      key: `${op.method.toUpperCase()} ${op.path}`, operationId: op.operationId, display: planned.display, group: planned.group,
      method: planned.method, style: planned.style, entries,
    });
  }
  // Error bodies after every method: a model read from a response is named from there first.
  for (const planned of [...ops].sort((a, b) => compareStrings(a.display, b.display))) {
    for (const error of planned.errors) {
      const body = planned.op.errors.find((e) => e.status === error.status)?.body;
      if (body) models.reach(body.type, "output", `${planned.display}: throws ${error.className}`);
    }
  }
  for (const g of api.globals) models.reach(g.type, "input", g.wireName);
  surface.models = models.result();

  const usage = enumUsage(api, byId);
  for (const def of api.types) {
    if (def.kind !== "enum") continue;
    const name = naming.typeName(def.id) ?? def.id;
    const usedIn = usage.get(def.id) ?? { input: false, output: false };
    surface.enums.set(`enum ${name}`, { key: `enum ${name}`, surface: name, values: def.members.map((m) => m.value), open: def.open, usedIn });
  }
  for (const option of options) {
    const key = option.kind === "security" ? `security ${option.scheme.key}` : option.kind === "serverVariable" ? `variable ${option.variable}` : `global ${option.param.in}:${option.param.wireName.toLowerCase()}`;
    const detail = option.kind === "security"
      ? (option.scheme.kind === "apiKey" ? `apiKey ${option.scheme.in} ${option.scheme.wireName}` : option.scheme.kind === "http" ? `http ${option.scheme.scheme}` : option.scheme.kind)
      : option.kind === "serverVariable" ? `default ${option.default}` : `${option.param.in} ${option.param.wireName}`;
    surface.options.set(key, { key, surface: naming.optionSurface(option), name: option.name, detail });
  }
  return surface;

  function inputFacts(name: string, passing: Passing, required: boolean, type: Type, dflt: unknown, pointer: boolean, position?: number): InputFacts {
    const nullable = type.kind === "nullable";
    const inner = nullable ? (type as { inner: Type }).inner : type;
    return {
      name, passing, required, nullable, type: naming.typeText(inner), shape: shapeOf(inner), pointer,
      ...(position === undefined ? {} : { position }), ...(dflt === undefined ? {} : { default: dflt }),
    };
  }
  function outputFacts(required: boolean, type: Type): OutputFacts {
    const nullable = type.kind === "nullable";
    const inner = nullable ? (type as { inner: Type }).inner : type;
    return { required, nullable, type: naming.typeText(inner), shape: shapeOf(inner), valueType: naming.valueType(inner), pointer: naming.pointer(type, required) };
  }
}

/** Security alternatives as sorted strings ("a+b"), "none" standing for an empty requirement. */
function alternatives(security: SecurityRequirement[]): string[] {
  return [...new Set(security.map((alt) => (alt.length === 0 ? "none" : [...alt].sort().join("+"))))].sort();
}

function shape(type: Type, byId: Map<string, NamedType>, naming: TargetNaming, aliases: string[] = []): Shape {
  switch (type.kind) {
    case "primitive": return { kind: "primitive", name: type.name };
    case "literal": return { kind: "literal", value: type.value };
    case "ref": {
      const def = byId.get(type.target);
      // Aliases are transparent in every target: compared by what they stand for.
      if (def?.kind === "alias" && !aliases.includes(def.id)) return shape(def.type, byId, naming, [...aliases, def.id]);
      return { kind: "ref", name: naming.typeName(type.target) ?? type.target, ...(def?.kind === "enum" ? { enumBase: def.base } : {}) };
    }
    case "array": return { kind: "array", items: shape(type.items, byId, naming, aliases) };
    case "map": return { kind: "map", values: shape(type.values, byId, naming, aliases) };
    default: return { kind: "other", text: naming.typeText(type) };
  }
}

/** Finds the object types a method reaches, with the first path to each, and lists their fields. */
class ModelWalk {
  private readonly found = new Map<string, ModelSurface>();
  constructor(
    private readonly byId: Map<string, NamedType>,
    private readonly naming: TargetNaming,
    private readonly shapeOf: (type: Type) => Shape,
  ) {}

  /** Breadth first from `type`, so each model's path is the shortest from the first method that reaches it. */
  reach(type: Type, side: "input" | "output", path: string): void {
    const queue: Array<{ type: Type; path: string }> = [{ type, path }];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const { type: t, path: p } = queue.shift()!;
      switch (t.kind) {
        case "nullable": queue.push({ type: t.inner, path: p }); break;
        case "array": queue.push({ type: t.items, path: `${p}[]` }); break;
        case "map": queue.push({ type: t.values, path: `${p}{}` }); break;
        case "union": t.variants.forEach((v) => queue.push({ type: v, path: p })); break;
        case "intersection": t.parts.forEach((v) => queue.push({ type: v, path: p })); break;
        case "ref": {
          if (seen.has(t.target)) break;
          seen.add(t.target);
          const def = this.byId.get(t.target);
          if (def?.kind === "alias") queue.push({ type: def.type, path: p });
          if (def?.kind !== "object") break;
          const model = this.model(def);
          // Reached from this side before: so was everything it leads to, each with its path already set.
          if (model.usage[side]) break;
          model.usage[side] = true;
          const pathKey = side === "input" ? "inputPath" : "outputPath";
          if (model[pathKey] === undefined) model[pathKey] = p;
          for (const { owner, prop } of properties(def, this.byId)) queue.push({ type: prop.type, path: `${p}.${this.naming.fieldName(owner, prop.name)}` });
          break;
        }
        default: break;
      }
    }
  }

  private model(def: ObjectDef): ModelSurface {
    const key = this.naming.typeName(def.id) ?? def.id;
    let model = this.found.get(key);
    if (model) return model;
    const fields = properties(def, this.byId).map(({ owner, prop }): FieldSurface => {
      const nullable = prop.type.kind === "nullable";
      const inner = prop.type.kind === "nullable" ? prop.type.inner : prop.type;
      return {
        key: prop.name, name: this.naming.fieldName(owner, prop.name), required: prop.required, nullable,
        type: this.naming.typeText(inner), shape: this.shapeOf(inner), ...(prop.default === undefined ? {} : { default: prop.default }),
        valueType: this.naming.valueType(inner), pointer: this.naming.pointer(prop.type, prop.required),
      };
    });
    model = { key, usage: { input: false, output: false }, fields: fields.sort((a, b) => compareStrings(a.key, b.key)) };
    this.found.set(key, model);
    return model;
  }

  result(): Map<string, ModelSurface> {
    return new Map([...this.found].sort(([a], [b]) => compareStrings(a, b)));
  }
}

/** An object's properties with those of its allOf bases, each with the type that declares it (a redeclared one wins). */
function properties(def: ObjectDef, byId: Map<string, NamedType>, seen = new Set<string>()): Array<{ owner: string; prop: Property }> {
  if (seen.has(def.id)) return [];
  seen.add(def.id);
  const found = new Map<string, { owner: string; prop: Property }>();
  for (const base of def.bases) {
    const b = byId.get(base);
    if (b?.kind === "object") for (const p of properties(b, byId, seen)) found.set(p.prop.name, p);
  }
  for (const prop of def.properties) found.set(prop.name, { owner: def.id, prop });
  return [...found.values()];
}

/** Whether each enum is reached from requests (input), responses and errors (output), or both. */
function enumUsage(api: Api, byId: Map<string, NamedType>): Map<string, { input: boolean; output: boolean }> {
  const usage = new Map<string, { input: boolean; output: boolean }>();
  const visit = (type: Type, side: "input" | "output", seen: Set<string>) => {
    for (const id of referencedIds(type)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const def = byId.get(id);
      if (!def) continue;
      if (def.kind === "enum") {
        const u = usage.get(id) ?? { input: false, output: false };
        u[side] = true;
        usage.set(id, u);
      }
      for (const t of typesInside(def)) visit(t, side, seen);
    }
  };
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  for (const op of api.operations) {
    for (const p of op.params) visit(p.type, "input", inputs);
    if (op.body) visit(op.body.type, "input", inputs);
    for (const r of op.responses) if (r.body) visit(r.body.type, "output", outputs);
    for (const e of op.errors) visit(e.body.type, "output", outputs);
  }
  for (const g of api.globals) visit(g.type, "input", inputs);
  return usage;
}
