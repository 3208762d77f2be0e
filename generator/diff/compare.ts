/** Compares two surfaces of one target and names every change by the rule that classifies it. */
import { TARGETS, type TargetName } from "../config.ts";
import { compareStrings } from "../ir/pointer.ts";
import { classify, RULES, type Level, type RuleId } from "./rules.ts";
import type { Entry, FieldSurface, InputFacts, ModelSurface, OpSurface, OutputFacts, Shape, Surface } from "./surface.ts";

export interface Change {
  target: TargetName;
  /** The surface in the target's own terms, e.g. `sdk.authentication.getTokenDetails(): response.userPlexAccount.id`. */
  surface: string;
  rule: RuleId;
  /** What changed, with the old and new values where they help. */
  change: string;
  breaking: boolean;
  reason: string;
  level: Level;
}

type Relation = { rel: "same" } | { rel: "widened" | "narrowed"; via?: "number" | "enum" } | { rel: "changed" };

export function compareSurfaces(before: Surface, after: Surface): Change[] {
  const target = after.target;
  const changes: Change[] = [];
  const add = (surface: string, rule: RuleId, detail?: string) => {
    const { breaking, reason, level } = classify(rule, target);
    changes.push({ target, surface, rule, change: detail ? `${RULES[rule].change}: ${detail}` : RULES[rule].change, breaking, reason, level });
  };

  // Operations: by method and path, then those left over by operationId (the path changed).
  const pairs: Array<[OpSurface, OpSurface]> = [];
  const removed = [...before.ops.values()].filter((o) => !after.ops.has(o.key));
  const added = [...after.ops.values()].filter((o) => !before.ops.has(o.key));
  for (const [key, op] of before.ops) if (after.ops.has(key)) pairs.push([op, after.ops.get(key)!]);
  for (const old of [...removed]) {
    const match = added.find((o) => o.operationId === old.operationId);
    if (!match) continue;
    removed.splice(removed.indexOf(old), 1);
    added.splice(added.indexOf(match), 1);
    add(match.display, "operation.path-changed", `${old.key} -> ${match.key}`);
    pairs.push([old, match]);
  }
  for (const op of removed) add(op.display, "operation.removed", op.key);
  for (const op of added) add(op.display, "operation.added", op.key);
  for (const [a, b] of pairs) compareOps(a, b, add);

  // Models, by the target's type name: each field once, as an input and as an output where the model is used so.
  for (const [key, a] of before.models) {
    const b = after.models.get(key);
    if (b) compareModels(a, b, add);
  }

  // Enums, by the target's type name.
  for (const [key, a] of before.enums) {
    const b = after.enums.get(key);
    if (!b) continue;
    const values = new Set(a.values.map(String));
    const newValues = new Set(b.values.map(String));
    for (const v of b.values) {
      if (values.has(String(v))) continue;
      add(`${b.surface}: ${JSON.stringify(v)}`, b.open ? "enum.value-added.open" : b.usedIn.output ? "enum.value-added.response" : "enum.value-added.request");
    }
    for (const v of a.values) if (!newValues.has(String(v))) add(`${a.surface}: ${JSON.stringify(v)}`, "enum.value-removed");
    if (a.open !== b.open) add(b.surface, b.open ? "enum.opened" : "enum.closed");
  }

  // Client options: credentials, server variables and globals, by what they stand for.
  for (const [key, a] of before.options) {
    const b = after.options.get(key);
    if (!b) add(a.surface, "option.removed", a.detail);
    else if (a.name !== b.name) add(a.surface, "option.renamed", `${a.name} -> ${b.name}`);
    else if (a.detail !== b.detail) add(b.surface, key.startsWith("variable ") ? "option.default-changed" : "option.changed", `${a.detail} -> ${b.detail}`);
  }
  for (const [key, b] of after.options) if (!before.options.has(key)) add(b.surface, "option.added", b.detail);

  for (let i = 0; i < Math.max(before.servers.length, after.servers.length); i++) {
    const a = before.servers[i];
    const b = after.servers[i];
    if (a === undefined) add(`servers[${i}]`, "server.added", b);
    else if (b === undefined) add(`servers[${i}]`, "server.removed", a);
    else if (a !== b) add(`servers[${i}]`, "server.changed", `${a} -> ${b}`);
  }
  compareSecurity("client security", before.security, after.security, add);
  return sortChanges(changes);
}

function compareOps(a: OpSurface, b: OpSurface, add: (surface: string, rule: RuleId, detail?: string) => void): void {
  if (a.group !== b.group) add(a.display, "operation.moved", `now ${b.display}`);
  else if (a.method !== b.method) add(a.display, "operation.renamed", `now ${b.display}`);
  const signatureChanged = a.style !== b.style;
  if (signatureChanged) add(b.display, "operation.signature-changed", `${a.style} -> ${b.style}`);
  const keys = [...new Set([...a.entries.keys(), ...b.entries.keys()])].sort(compareStrings);
  for (const key of keys) {
    const x = a.entries.get(key);
    const y = b.entries.get(key);
    const where = (e: Entry) => `${(y ? b : a).display}: ${e.surface}`;
    if (x && !y) {
      if (x.kind === "input") add(where(x), "input.removed");
      else if (x.kind === "output") add(where(x), "output.removed");
      else if (x.kind === "error") add(where(x), "error.removed");
    } else if (!x && y) {
      if (y.kind === "input") add(where(y), y.facts.required ? "input.added.required" : y.facts.passing === "field" ? "field.added.optional" : "input.added.optional");
      else if (y.kind === "output") add(where(y), "output.added");
      else if (y.kind === "error") add(where(y), "error.added");
    } else if (x && y) {
      if (x.kind === "input" && y.kind === "input") compareInputs(where(y), x.facts, y.facts, signatureChanged, add);
      else if (x.kind === "output" && y.kind === "output") compareOutputs(where(y), x.facts, y.facts, add);
      else if (x.kind === "error" && y.kind === "error" && x.facts.className !== y.facts.className) add(where(x), "error.renamed", `${x.facts.className} -> ${y.facts.className}`);
      else if (x.kind === "security" && y.kind === "security") compareSecurity(`${b.display}: security`, x.facts.alternatives, y.facts.alternatives, add);
    }
  }
}

function compareModels(a: ModelSurface, b: ModelSurface, add: (surface: string, rule: RuleId, detail?: string) => void): void {
  const oldFields = new Map(a.fields.map((f) => [f.key, f]));
  const newFields = new Map(b.fields.map((f) => [f.key, f]));
  const sides: Array<"input" | "output"> = [];
  if (a.usage.input || b.usage.input) sides.push("input");
  if (a.usage.output || b.usage.output) sides.push("output");
  for (const side of sides) {
    const base = (side === "input" ? b.inputPath ?? a.inputPath : b.outputPath ?? a.outputPath) ?? b.key;
    const asInput = (f: FieldSurface): InputFacts => ({
      name: f.name, passing: "field", required: f.required, nullable: f.nullable, type: f.type, shape: f.shape, pointer: f.pointer,
      ...(f.default === undefined ? {} : { default: f.default }),
    });
    const asOutput = (f: FieldSurface): OutputFacts => ({ required: f.required, nullable: f.nullable, type: f.type, shape: f.shape, valueType: f.valueType, pointer: f.pointer });
    for (const key of [...new Set([...oldFields.keys(), ...newFields.keys()])].sort(compareStrings)) {
      const x = oldFields.get(key);
      const y = newFields.get(key);
      const surface = `${base}.${(y ?? x)!.name}`;
      if (x && !y) add(surface, side === "input" ? "input.removed" : "output.removed");
      else if (!x && y) add(surface, side === "output" ? "output.added" : y.required ? "input.added.required" : "field.added.optional");
      else if (x && y && side === "input") compareInputs(surface, asInput(x), asInput(y), false, add);
      else if (x && y) compareOutputs(surface, asOutput(x), asOutput(y), add);
    }
  }
}

function compareInputs(surface: string, a: InputFacts, b: InputFacts, signatureChanged: boolean, add: (surface: string, rule: RuleId, detail?: string) => void): void {
  // A method that switched between arguments and a request object is reported once, not per input.
  if (!signatureChanged && a.passing === b.passing) {
    if (a.name !== b.name) add(surface, a.passing === "positional" ? "input.renamed.positional" : "input.renamed", `${a.name} -> ${b.name}`);
    if (a.position !== undefined && b.position !== undefined && a.position !== b.position) {
      add(surface, a.passing === "positional" ? "input.moved.positional" : "input.moved.keyword", `position ${a.position + 1} -> ${b.position + 1}`);
    }
  }
  if (a.required !== b.required) add(surface, b.required ? "input.became-required" : !a.pointer && b.pointer ? "input.became-optional.pointer" : "input.became-optional");
  if (a.nullable !== b.nullable) add(surface, b.nullable ? "input.nullable.added" : "input.nullable.removed");
  // The same shape in another spelling (an enum that became open, say) is reported where it changed.
  const r = relate(a.shape, b.shape);
  if (a.type !== b.type && r.rel !== "same") {
    const detail = `${a.type} -> ${b.type}`;
    if (r.rel === "widened") add(surface, r.via === "number" ? "input.type.widened.number" : r.via === "enum" ? "input.type.widened.enum" : "input.type.widened", detail);
    else if (r.rel === "narrowed") add(surface, "input.type.narrowed", detail);
    else add(surface, "input.type.changed", detail);
  }
  if (JSON.stringify(a.default) !== JSON.stringify(b.default)) add(surface, "input.default.changed", `${JSON.stringify(a.default) ?? "none"} -> ${JSON.stringify(b.default) ?? "none"}`);
}

function compareOutputs(surface: string, a: OutputFacts, b: OutputFacts, add: (surface: string, rule: RuleId, detail?: string) => void): void {
  const lostPointer = a.pointer && !b.pointer;
  if (a.required !== b.required) {
    add(surface, !b.required ? "output.became-optional" : lostPointer ? "output.became-required.pointer" : a.valueType || b.valueType ? "output.became-required.value-type" : "output.became-required");
  }
  if (a.nullable !== b.nullable) add(surface, b.nullable ? "output.nullable.added" : lostPointer ? "output.nullable.removed.pointer" : a.valueType || b.valueType ? "output.nullable.removed.value-type" : "output.nullable.removed");
  const r = relate(a.shape, b.shape);
  if (a.type !== b.type && r.rel !== "same") {
    const detail = `${a.type} -> ${b.type}`;
    if (r.rel === "widened") add(surface, "output.type.widened", detail);
    else if (r.rel === "narrowed") add(surface, r.via === "number" ? "output.type.narrowed.number" : r.via === "enum" ? "output.type.narrowed.enum" : "output.type.narrowed", detail);
    else add(surface, "output.type.changed", detail);
  }
}

function compareSecurity(surface: string, a: string[], b: string[], add: (surface: string, rule: RuleId, detail?: string) => void): void {
  if (a.join() === b.join()) return;
  const detail = `${a.join(" | ") || "none"} -> ${b.join(" | ") || "none"}`;
  add(surface, a.every((alt) => b.includes(alt)) ? "security.relaxed" : "security.changed", detail);
}

/** Whether `b` accepts every value `a` does (widened), the reverse (narrowed), or neither. */
export function relate(a: Shape, b: Shape): Relation {
  if (JSON.stringify(a) === JSON.stringify(b)) return { rel: "same" };
  const wider = (x: Shape, y: Shape): "number" | "enum" | "other" | undefined => {
    if (x.kind === "primitive" && y.kind === "primitive" && x.name === "integer" && y.name === "number") return "number";
    if (x.kind === "ref" && x.enumBase !== undefined && y.kind === "primitive" && (y.name === x.enumBase || (x.enumBase === "integer" && y.name === "number"))) return "enum";
    if (x.kind === "literal" && y.kind === "primitive" && literalType(x.value) !== undefined && (literalType(x.value) === y.name || (literalType(x.value) === "integer" && y.name === "number"))) return "other";
    if (y.kind === "primitive" && y.name === "unknown") return "other";
    if ((x.kind === "array" && y.kind === "array") || (x.kind === "map" && y.kind === "map")) {
      const inner = relate(x.kind === "array" ? x.items : (x as { values: Shape }).values, y.kind === "array" ? y.items : (y as { values: Shape }).values);
      return inner.rel === "widened" ? (inner.via ?? "other") : undefined;
    }
    return undefined;
  };
  const up = wider(a, b);
  if (up) return { rel: "widened", ...(up === "other" ? {} : { via: up }) };
  const down = wider(b, a);
  if (down) return { rel: "narrowed", ...(down === "other" ? {} : { via: down }) };
  return { rel: "changed" };
}

function literalType(value: unknown): string | undefined {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return undefined;
}

const TARGET_ORDER: readonly TargetName[] = TARGETS;

/** Sorted by target, then surface, then rule: the report never depends on the order found. */
export function sortChanges(changes: Change[]): Change[] {
  return [...changes].sort((x, y) =>
    TARGET_ORDER.indexOf(x.target) - TARGET_ORDER.indexOf(y.target) || compareStrings(x.surface, y.surface) || compareStrings(x.rule, y.rule) || compareStrings(x.change, y.change));
}
