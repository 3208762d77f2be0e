import type { Body, ObjectDef, Type } from "../../ir/types.ts";
import { argType } from "./emit.ts";
import type { CsGroup, CsOperation, CsView } from "./plan.ts";
import { csType, mustSet } from "./render.ts";
import { csString, ident } from "./words.ts";

/** The `using` lines of a sample: the root namespace and the model namespaces it names. */
function usingLines(view: CsView, extra: string[] = []): string[] {
  const ns = view.config.namespace;
  const models = (["Requests", "Components"] as const).filter((m) => view.types.some((t) => t.ns === m && t.shape !== "alias") || (m === "Requests" && view.groups.length > 0));
  return [ns, ...models.map((m) => `${ns}.Models.${m}`), ...extra].map((u) => `using ${u};`);
}

function numberText(value: unknown, integer: boolean): string {
  if (typeof value === "number" && (integer ? Number.isSafeInteger(value) : Number.isFinite(value))) return String(value);
  if (typeof value === "string" && (integer ? /^-?\d{1,15}$/ : /^-?\d{1,15}(\.\d{1,15})?$/).test(value)) return value;
  return "0";
}

/** A sample value of a type, from its example where it fits; undefined when a simple one cannot be written. */
export function sampleValue(type: Type, example: unknown, view: CsView, depth = 0): string | undefined {
  if (csType(type, view).text.replace(/\?$/, "") === "global::System.Text.Json.JsonElement") {
    // Kept as JSON: the example itself, parsed.
    return `System.Text.Json.JsonDocument.Parse(${csString(example === undefined ? "{}" : JSON.stringify(example))}).RootElement`;
  }
  if (type.kind === "nullable") return sampleValue(type.inner, example, view, depth);
  if (type.kind === "literal") return typeof type.value === "string" ? csString(type.value) : type.value === null ? undefined : String(type.value);
  if (type.kind === "ref") {
    const decl = view.typesById.get(type.target);
    if (!decl) return undefined;
    if (decl.def.kind === "alias") return sampleValue(decl.def.type, example ?? decl.def.docs.example, view, depth);
    if (decl.def.kind === "enum") {
      const i = Math.max(0, decl.def.members.findIndex((m) => m.value === example));
      return `${decl.name}.${decl.memberNames![i]}`;
    }
    return depth > 3 ? undefined : objectSample(decl.name, decl.properties ?? [], view, depth + 1, "    ".repeat(depth));
  }
  if (type.kind === "array" || type.kind === "map") return `new ${csType(type, view).text.replace(/global::System\.Collections\.Generic\./g, "")}()`;
  if (type.kind !== "primitive") return undefined;
  const t = csType(type, view).text;
  switch (t) {
    case "string": return csString(typeof example === "string" ? example : example === undefined ? "<value>" : JSON.stringify(example));
    case "byte[]": return `System.Text.Encoding.UTF8.GetBytes(${csString(typeof example === "string" ? example : "<value>")})`;
    case "bool": return typeof example === "boolean" ? String(example) : "false";
    case "int": case "long": return numberText(example, true);
    case "double": return numberText(example, false);
    case "float": return `${numberText(example, false)}f`;
  }
  return undefined;
}

/** An object initializer with the properties that must be set, and those with an example. */
function objectSample(name: string, props: Array<{ name: string; prop: import("../../ir/types.ts").Property }>, view: CsView, depth: number, indent: string): string | undefined {
  const lines: string[] = [];
  for (const { name: propName, prop } of props) {
    if (prop.readOnly || (!mustSet(prop) && prop.docs.example === undefined)) continue;
    const value = sampleValue(prop.type, prop.docs.example, view, depth);
    if (value === undefined) {
      if (mustSet(prop)) return undefined;
      continue;
    }
    lines.push(`${indent}    ${propName} = ${value},`);
  }
  return lines.length === 0 ? `new ${name}()` : `new ${name}() {\n${lines.join("\n")}\n${indent}}`;
}

function usesSecurity(view: CsView, op: CsOperation): boolean {
  const security = op.op.security === "inherit" ? view.api.security : op.op.security;
  return security.some((alt) => alt.length > 0);
}

/** `new Client(...)` with a credential when the operation needs one and every required global. */
export function clientConstruction(view: CsView, op: CsOperation | undefined, extra: string[] = []): string {
  const args: string[] = [];
  const scheme = view.options.find((o) => o.kind === "security");
  if (scheme?.kind === "security" && (op === undefined || usesSecurity(view, op))) {
    const basic = scheme.scheme.kind === "http" && scheme.scheme.scheme === "basic";
    args.push(`${ident(scheme.name)}: ${basic ? `new BasicAuth("<USERNAME>", "<PASSWORD>")` : csString("<YOUR_API_KEY_HERE>")}`);
  }
  for (const o of view.options) {
    if (o.kind !== "global" || !o.param.required) continue;
    const value = sampleValue(o.param.type, o.param.docs.example, view);
    if (value !== undefined) args.push(`${ident(o.name)}: ${value}`);
  }
  args.push(...extra);
  return `var sdk = new ${view.clientName}(${args.length === 0 ? "" : `\n${args.map((a) => `    ${a}`).join(",\n")}\n`});`;
}

/** A body's sample: text and bytes for media types sent as they are, else its model. */
function bodySample(body: Body, csText: string, view: CsView): string | undefined {
  const example = body.docs.example;
  if (csText === "string") return csString(typeof example === "string" ? example : "<value>");
  if (csText === "byte[]") return `System.Text.Encoding.UTF8.GetBytes(${csString(typeof example === "string" ? example : "<value>")})`;
  return sampleValue(body.type, example, view, 1);
}

/** The call of one operation with its required arguments, named as the seed names them. */
export function callStatement(view: CsView, group: CsGroup, op: CsOperation, extra: string[] = []): string {
  const args: string[] = [];
  for (const a of op.args) {
    if (!a.required && !(a.source.kind === "body")) continue;
    const value = a.source.kind === "body" ? bodySample(a.source.body, argType(a, view).text.replace(/\?$/, ""), view) : sampleValue(a.source.param.type, a.source.param.docs.example, view);
    if (value !== undefined) args.push(`${ident(a.name)}: ${value.replace(/\n/g, "\n    ")}`);
  }
  args.push(...extra);
  const target = group.propertyName === undefined ? "sdk" : `sdk.${group.propertyName}`;
  const list = args.length === 0 ? "" : args.length === 1 && !args[0]!.includes("\n") ? args[0]! : `\n${args.map((a) => `    ${a}`).join(",\n")}\n`;
  return `var res = await ${target}.${op.methodName}(${list});`;
}

/** A whole program calling one operation, as in the seed's "Example Usage". */
export function methodSample(view: CsView, group: CsGroup, op: CsOperation): string {
  const call = callStatement(view, group, op);
  const client = clientConstruction(view, op);
  return [...usingLines(view, collectionsUsing(view, client + call)), "", client, "", call, "", "// handle response"].join("\n");
}

/** System.Collections.Generic when a sample makes a list or a dictionary; the runtime's namespace for BasicAuth. */
function collectionsUsing(view: CsView, code: string): string[] {
  return [
    ...(/\b(List|Dictionary)</.test(code) ? ["System.Collections.Generic"] : []),
    ...(/\bnew BasicAuth\(/.test(code) ? [`${view.config.namespace}.Utils`] : []),
  ];
}

/** A README program: the first operation's call with client and call arguments added, and statements around it. */
export function featureSample(
  view: CsView, group: CsGroup, op: CsOperation,
  edit: { usings?: string[]; client?: string[]; call?: string[]; wrap?: (call: string) => string[] },
): string {
  const call = callStatement(view, group, op, edit.call);
  const client = clientConstruction(view, op, edit.client);
  const extra = [...(edit.usings ?? []), ...collectionsUsing(view, client + call)].filter((u, i, all) => all.indexOf(u) === i);
  return [
    ...usingLines(view, extra), "", client, "",
    ...(edit.wrap ? edit.wrap(call) : [call, "", "// handle response"]),
  ].join("\n");
}

export type { ObjectDef };
