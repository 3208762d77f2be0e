import type { Body, Property, Type } from "../../ir/types.ts";
import { fieldType } from "./emit.ts";
import type { PhpField, PhpGroup, PhpOperation, PhpView } from "./plan.ts";
import { floatLiteral, mustSet, phpType, qualified } from "./render.ts";
import { phpString } from "./words.ts";

/** The alias samples use for the root namespace: its last segment, as in the seed (`Plex_API\PlexAPI`). */
export function rootAlias(view: PhpView): string {
  return view.config.namespace.split("\\").pop()!;
}

function numberText(value: unknown, integer: boolean): string {
  if (typeof value === "number" && (integer ? Number.isSafeInteger(value) : Number.isFinite(value))) return integer ? String(value) : floatLiteral(value);
  if (typeof value === "string" && (integer ? /^-?\d{1,15}$/ : /^-?\d{1,15}(\.\d{1,15})?$/).test(value)) return integer || value.includes(".") ? value : `${value}.0`;
  return integer ? "0" : "0.0";
}

/** A PHP literal of a JSON value in its decoded form (objects as \stdClass), for values kept as `mixed`. */
function jsonLiteral(value: unknown): string {
  return value === undefined ? "null" : `json_decode(${phpString(JSON.stringify(value))})`;
}

/** A sample value of a type, from its example where it fits; undefined when a simple one cannot be written. */
export function sampleValue(type: Type, example: unknown, view: PhpView, depth = 0): string | undefined {
  if (phpType(type, view).decl === "mixed") return jsonLiteral(example);
  if (type.kind === "nullable") return sampleValue(type.inner, example, view, depth);
  if (type.kind === "literal") return typeof type.value === "string" ? phpString(type.value) : type.value === null ? "null" : typeof type.value === "number" && !Number.isSafeInteger(type.value) ? floatLiteral(type.value) : String(type.value);
  if (type.kind === "ref") {
    const decl = view.typesById.get(type.target);
    if (!decl) return undefined;
    if (decl.def.kind === "alias") return sampleValue(decl.def.type, example ?? decl.def.docs.example, view, depth);
    if (decl.def.kind === "enum") {
      const i = Math.max(0, decl.def.members.findIndex((m) => m.value === example));
      return `${qualified(decl)}::${decl.memberNames![i]}`;
    }
    return depth > 3 ? undefined : objectSample(qualified(decl), decl.properties ?? [], view, depth + 1);
  }
  if (type.kind === "array" || type.kind === "map") return "[]";
  if (type.kind !== "primitive") return undefined;
  switch (phpType(type, view).decl) {
    case "string": return phpString(typeof example === "string" ? example : example === undefined ? "<value>" : JSON.stringify(example));
    case "bool": return typeof example === "boolean" ? String(example) : "false";
    case "int": return numberText(example, true);
    case "float": return numberText(example, false);
  }
  return undefined;
}

/** `new Model(...)` with the properties that must be set, and those with an example, by name. */
function objectSample(className: string, props: Array<{ name: string; prop: Property }>, view: PhpView, depth: number): string | undefined {
  const args: string[] = [];
  for (const { name, prop } of props) {
    if (prop.readOnly || (!mustSet(prop) && prop.docs.example === undefined)) continue;
    const value = sampleValue(prop.type, prop.docs.example, view, depth);
    if (value === undefined) {
      if (mustSet(prop)) return undefined;
      continue;
    }
    args.push(`${name}: ${value}`);
  }
  return namedCall(`new ${className}`, args, ",");
}

/** A call with named arguments: on one line when short, else one argument a line. */
function namedCall(callee: string, args: string[], trailing: string): string {
  if (args.length === 0) return `${callee}()`;
  return `${callee}(\n${args.map((a) => `    ${a.replace(/\n/g, "\n    ")}`).join(",\n")}${trailing}\n)`;
}

function usesSecurity(view: PhpView, op: PhpOperation | undefined): boolean {
  if (op === undefined) return true;
  const security = op.op.security === "inherit" ? view.api.security : op.op.security;
  return security.some((alt) => alt.length > 0);
}

/** `$sdk = Client::builder()->...->build();` with a credential when the operation needs one and every required global. */
export function clientConstruction(view: PhpView, op: PhpOperation | undefined, extra: string[] = []): string {
  const calls: string[] = [];
  const credential = view.setters.find((s) => s.option.kind === "security");
  if (credential?.option.kind === "security" && usesSecurity(view, op)) {
    const basic = credential.option.scheme.kind === "http" && credential.option.scheme.scheme === "basic";
    calls.push(`->${credential.method}(\n    ${basic ? `new Utils\\BasicAuth('<USERNAME>', '<PASSWORD>')` : "'<YOUR_API_KEY_HERE>'"}\n)`);
  }
  for (const s of view.setters) {
    if (s.option.kind !== "global" || !s.option.param.required) continue;
    const value = sampleValue(s.option.param.type, s.option.param.docs.example, view);
    if (value !== undefined) calls.push(`->${s.method}(${value})`);
  }
  calls.push(...extra);
  const head = `$sdk = ${rootAlias(view)}\\${view.clientName}::builder()`;
  return calls.length === 0 ? `${head}->build();` : `${head}\n${[...calls, "->build();"].join("\n")}`;
}

/** A body's sample: text and bytes for media types sent as they are, else its model. */
function bodySample(body: Body, field: PhpField, view: PhpView): string | undefined {
  const example = body.docs.example;
  if (fieldType(field, view).decl.replace(/^\?/, "") === "string" && !/json|form/i.test(body.contentType)) return phpString(typeof example === "string" ? example : "<value>");
  return sampleValue(body.type, example, view, 1);
}

function fieldSample(field: PhpField, view: PhpView): string | undefined {
  return field.source.kind === "body" ? bodySample(field.source.body, field, view) : sampleValue(field.source.param.type, field.source.param.docs.example, view);
}

/** What to give of a field in a sample: required ones, bodies, and parameters with an example. */
function shown(field: PhpField): boolean {
  return field.required || field.source.kind === "body" || field.source.param.docs.example !== undefined;
}

/** The statements calling one operation with its arguments named as the seed names them. */
export function callStatements(view: PhpView, group: PhpGroup, op: PhpOperation, extra: string[] = []): string[] {
  const target = group.propertyName === undefined ? "$sdk" : `$sdk->${group.propertyName}`;
  const before: string[] = [];
  const args: string[] = [];
  if (op.request) {
    const fields = op.request.fields.filter(shown).flatMap((f) => {
      const value = fieldSample(f, view);
      return value === undefined ? [] : [`${f.name}: ${value}`];
    });
    before.push(`${namedCall(`$request = new Operations\\${op.request.className}`, fields, ",")};`, "");
    args.push("request: $request");
  } else {
    for (const a of op.args.filter((f) => f.required || f.source.kind === "body")) {
      const value = fieldSample(a, view);
      if (value !== undefined) args.push(`${a.name}: ${value}`);
    }
  }
  args.push(...extra);
  const call = args.length === 0 ? `$response = ${target}->${op.methodName}(\n);` : `${namedCall(`$response = ${target}->${op.methodName}`, args, "")};`;
  return [...before, call];
}

/** What a sample checks of the response: its decoded body when there is one, else the status. */
function responseCheck(op: PhpOperation): string {
  const field = op.bodyFields[0];
  const status = op.op.responses.find((r) => /^\d+$/.test(r.status))?.status ?? "200";
  return field ? `if ($response->${field.name} !== null) {` : `if ($response->statusCode === ${status}) {`;
}

/** The `use` lines of a sample: the root namespace, then the aliases its code names. */
function useLines(view: PhpView, code: string): string[] {
  const root = view.config.namespace;
  const aliases = ["Components", "Errors", "Operations"].filter((a) => new RegExp(`(?<![\\w\\\\$])${a}\\\\`).test(code)).map((a) => `use ${root}\\Models\\${a};`);
  return [`use ${root};`, ...aliases, ...(/(?<![\w\\$])Utils\\/.test(code) ? [`use ${root}\\Utils;`] : [])];
}

/** A whole program calling one operation, as in the seed's "Example Usage". */
export function methodSample(view: PhpView, group: PhpGroup, op: PhpOperation): string {
  const calls = callStatements(view, group, op);
  const client = clientConstruction(view, op);
  const body = [client, "", ...calls, "", responseCheck(op), "    // handle response", "}"];
  return ["declare(strict_types=1);", "", "require 'vendor/autoload.php';", "", ...useLines(view, body.join("\n")), "", ...body].join("\n");
}

/** A README program: the first operation's call with builder and call arguments added, and statements around it. */
export function featureSample(
  view: PhpView, group: PhpGroup, op: PhpOperation,
  edit: { client?: string[]; call?: string[]; wrap?: (call: string) => string[] },
): string {
  const calls = callStatements(view, group, op, edit.call);
  const client = clientConstruction(view, op, edit.client);
  const callText = calls.join("\n");
  const body = [client, "", ...(edit.wrap ? edit.wrap(callText) : [callText, "", responseCheck(op), "    // handle response", "}"])];
  return ["declare(strict_types=1);", "", "require 'vendor/autoload.php';", "", ...useLines(view, body.join("\n")), "", ...body].join("\n");
}
