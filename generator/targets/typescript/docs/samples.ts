import type { Type } from "../../../ir/types.ts";
import { flattenedProperties } from "../../../ir/walk.ts";
import { jsonLiteral, propertyKey } from "../literals.ts";
import type { ModuleName, TsOperation, TsView } from "../plan.ts";

/** A sample value as a small tree, printed with indentation at the end. */
type Sample = { code: string } | { entries: Array<[string, Sample]> } | { items: Sample[] };

/** Collects what a code sample imports from the package's model entry points. */
class SampleImports {
  private readonly models = new Map<ModuleName, Set<string>>();
  add(module: ModuleName, name: string): void {
    const names = this.models.get(module) ?? new Set<string>();
    names.add(name);
    this.models.set(module, names);
  }
  lines(packageName: string): string[] {
    return (["components", "operations", "errors"] as ModuleName[])
      .filter((m) => this.models.has(m))
      .map((m) => `import { ${[...this.models.get(m)!].sort().join(", ")} } from ${jsonLiteral(`${packageName}/models/${m}`)};`);
  }
}

const MAX_DEPTH = 4;

function sample(type: Type, example: unknown, view: TsView, imports: SampleImports, depth = 0): Sample {
  switch (type.kind) {
    case "primitive":
      return { code: primitiveSample(type.name, type.format, example) };
    case "literal":
      return { code: jsonLiteral(type.value) };
    case "nullable":
      return sample(type.inner, example, view, imports, depth);
    case "union":
      return type.variants[0] ? sample(type.variants[0], example, view, imports, depth) : { code: "null" };
    case "intersection":
      return type.parts[0] ? sample(type.parts[0], example, view, imports, depth) : { code: "{}" };
    case "array": {
      const item = Array.isArray(example) ? example[0] : undefined;
      return { items: depth >= MAX_DEPTH ? [] : [sample(type.items, item, view, imports, depth + 1)] };
    }
    case "map":
      return { entries: depth >= MAX_DEPTH ? [] : [["key", sample(type.values, undefined, view, imports, depth + 1)]] };
    case "ref": {
      const decl = view.typesById.get(type.target);
      if (!decl) return { code: "{}" };
      const def = decl.def;
      if (def.kind === "alias") return sample(def.type, example ?? def.docs.example, view, imports, depth);
      if (def.kind === "enum") {
        const index = Math.max(0, def.members.findIndex((m) => m.value === example));
        imports.add(decl.module, decl.name);
        return { code: `${decl.name}.${decl.memberNames![index]!}` };
      }
      if (depth >= MAX_DEPTH) return { entries: [] };
      const given = typeof example === "object" && example !== null ? (example as Record<string, unknown>) : {};
      // Inherited properties too: a required one of an allOf base is required of the sample as well.
      const all = flattenedProperties(def, (id) => view.typesById.get(id)?.def);
      const props = all.filter((p) => !p.readOnly && (p.required || p.docs.example !== undefined || p.name in given));
      return { entries: props.map((p) => [p.name, sample(p.type, given[p.name] ?? p.docs.example, view, imports, depth + 1)]) };
    }
  }
}

function primitiveSample(name: string, format: string | undefined, example: unknown): string {
  if (name === "string") {
    if (typeof example === "string") return jsonLiteral(example);
    if (typeof example === "number" || typeof example === "boolean") return jsonLiteral(String(example));
    if (format === "date-time") return jsonLiteral("2025-01-01T00:00:00Z");
    if (format === "date") return jsonLiteral("2025-01-01");
    if (format === "binary") return `new Blob([${jsonLiteral("<value>")}])`;
    return jsonLiteral("<value>");
  }
  if (name === "integer" || name === "number") return typeof example === "number" ? String(example) : "1";
  if (name === "boolean") return typeof example === "boolean" ? String(example) : "true";
  if (name === "null") return "null";
  return example === undefined ? "{}" : jsonLiteral(example);
}

function print(s: Sample, indent: string): string {
  if ("code" in s) return s.code;
  const inner = `${indent}  `;
  if ("items" in s) return s.items.length === 0 ? "[]" : `[\n${s.items.map((i) => `${inner}${print(i, inner)},`).join("\n")}\n${indent}]`;
  if (s.entries.length === 0) return "{}";
  return `{\n${s.entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${print(v, inner)},`).join("\n")}\n${indent}}`;
}

/** `new Client({ ... })` options: credentials where the operation is secured, and the globals. */
function clientOptions(view: TsView, op: TsOperation | undefined, imports: SampleImports): Sample {
  const secured = op === undefined || op.op.security === "inherit" ? view.api.security.length > 0 : op.op.security.length > 0;
  const entries: Array<[string, Sample]> = [];
  for (const o of view.options) {
    if (o.kind === "security" && secured) {
      const basic = o.scheme.kind === "http" && o.scheme.scheme === "basic";
      entries.push([o.name, basic ? { entries: [["username", { code: '"<USERNAME>"' }], ["password", { code: '"<PASSWORD>"' }]] } : { code: '"<YOUR_API_KEY_HERE>"' }]);
    }
    if (o.kind === "global" && (o.param.required || o.param.docs.example !== undefined)) {
      entries.push([o.name, sample(o.param.type, o.param.docs.example, view, imports)]);
    }
  }
  return { entries };
}

function callArguments(op: TsOperation, view: TsView, imports: SampleImports): string[] {
  if (op.request) {
    const entries: Array<[string, Sample]> = [];
    for (const f of op.request.fields) {
      if (f.source.kind === "body") entries.push([f.name, sample(f.source.body.type, f.source.body.docs.example, view, imports)]);
      else if (!f.optional) entries.push([f.name, sample(f.source.param.type, f.source.param.docs.example, view, imports)]);
    }
    return [print({ entries }, "  ")];
  }
  return op.args.filter((a) => !a.optional).map((a) => print(sample(a.param.type, a.param.docs.example, view, imports), "  "));
}

function clientVariable(view: TsView): string {
  return view.clientName.charAt(0).toLowerCase() + view.clientName.slice(1);
}

/** A complete program calling one operation through the client class. */
export function methodSample(view: TsView, op: TsOperation, group: string | undefined): string {
  const imports = new SampleImports();
  const options = print(clientOptions(view, op, imports), "");
  const args = callArguments(op, view, imports);
  const client = clientVariable(view);
  const target = group ? `${client}.${group}.${op.methodName}` : `${client}.${op.methodName}`;
  return [
    `import { ${view.clientName} } from ${jsonLiteral(view.config.packageName)};`,
    ...imports.lines(view.config.packageName),
    "",
    `const ${client} = new ${view.clientName}(${options});`,
    "",
    "async function run() {",
    `  const result = await ${target}(${args.join(", ")});`,
    "",
    "  console.log(result);",
    "}",
    "",
    "run();",
  ].join("\n");
}

/** The same call through the standalone function, which returns a Result instead of throwing. */
export function functionSample(view: TsView, op: TsOperation): string {
  const imports = new SampleImports();
  const options = print(clientOptions(view, op, imports), "");
  const args = callArguments(op, view, imports);
  const client = clientVariable(view);
  return [
    `import { ${view.coreName} } from ${jsonLiteral(view.config.packageName)};`,
    `import { ${op.funcName} } from ${jsonLiteral(`${view.config.packageName}/funcs/${op.funcName}`)};`,
    ...imports.lines(view.config.packageName),
    "",
    `// Use \`${view.coreName}\` for best tree-shaking performance.`,
    `const ${client} = new ${view.coreName}(${options});`,
    "",
    "async function run() {",
    `  const res = await ${op.funcName}(${[client, ...args].join(", ")});`,
    "  if (!res.ok) throw res.error;",
    "",
    "  console.log(res.value);",
    "}",
    "",
    "run();",
  ].join("\n");
}

/** How an enum's values are used, for its model page. */
export function enumSample(view: TsView, typeId: string): string {
  const decl = view.typesById.get(typeId)!;
  const def = decl.def;
  if (def.kind !== "enum") throw new Error(`${decl.name} is not an enum`);
  return [
    `import { ${decl.name} } from ${jsonLiteral(`${view.config.packageName}/models/${decl.module}`)};`,
    "",
    `let value: ${decl.name} = ${jsonLiteral(def.members[0]?.value ?? "")};`,
    `value = ${decl.name}.${decl.memberNames![0]!};`,
    "console.log(value);",
  ].join("\n");
}

/** The README's feature samples, each a complete program against the first operation. */
export function featureSamples(
  view: TsView, op: TsOperation, group: string | undefined,
): { retries: string; errors: string; serverURL: string; httpClient: string; debugging: string } {
  const imports = new SampleImports();
  // The client options' lines, ready to sit inside `new Client({ ... })` after other options.
  const printed = print(clientOptions(view, op, imports), "");
  const options = printed === "{}" ? "" : printed.replace(/^\{\n|\n\}$/g, "");
  const args = callArguments(op, view, imports);
  const client = clientVariable(view);
  const call = (extra: string) => `${group ? `${client}.${group}.${op.methodName}` : `${client}.${op.methodName}`}(${[...args, ...(extra ? [extra] : [])].join(", ")})`;
  const head = (more: string[] = []) => [`import { ${[view.clientName, ...more].join(", ")} } from ${jsonLiteral(view.config.packageName)};`, ...imports.lines(view.config.packageName)];
  const withOptions = (extra: string) => `const ${client} = new ${view.clientName}({\n${extra}${options ? `${options}\n` : ""}});`;
  const errorNames = op.errors.map((e) => e.className);
  return {
    retries: [
      ...head(),
      "",
      withOptions('  retryConfig: {\n    strategy: "backoff",\n    backoff: { initialInterval: 500, maxInterval: 60000, exponent: 1.5, maxElapsedTime: 3600000 },\n    retryConnectionErrors: false,\n  },\n'),
      "",
      "async function run() {",
      `  // Per call: retry 503 only, and at most for ten seconds.`,
      `  const result = await ${call('{ retries: { strategy: "backoff", backoff: { maxElapsedTime: 10000 } }, retryCodes: ["503"] }')};`,
      "  console.log(result);",
      "}",
      "",
      "run();",
    ].join("\n"),
    errors: [
      ...head(),
      `import { ${[...errorNames, "SDKError", "SDKValidationError", "ConnectionError", "RequestTimeoutError"].join(", ")} } from ${jsonLiteral(`${view.config.packageName}/models/errors`)};`,
      "",
      withOptions(""),
      "",
      "async function run() {",
      "  try {",
      `    const result = await ${call("")};`,
      "    console.log(result);",
      "  } catch (error) {",
      ...errorNames.map((name, i) => `    ${i === 0 ? "if" : "} else if"} (error instanceof ${name}) {\n      console.error(error.statusCode, error.message, error.data$);`),
      `    ${errorNames.length > 0 ? "} else if" : "if"} (error instanceof SDKError) {`,
      "      // Any other status, or an unexpected content type: the body is kept as text.",
      "      console.error(error.statusCode, error.contentType, error.body);",
      "    } else if (error instanceof SDKValidationError) {",
      "      console.error(\"invalid input at\", error.path);",
      "    } else if (error instanceof ConnectionError || error instanceof RequestTimeoutError) {",
      "      console.error(\"network problem:\", error.message);",
      "    } else {",
      "      throw error;",
      "    }",
      "  }",
      "}",
      "",
      "run();",
    ].join("\n"),
    serverURL: [
      ...head(),
      "",
      withOptions('  serverURL: "https://api.example.com",\n'),
      "",
      "async function run() {",
      `  const result = await ${call('{ serverURL: "https://other.example.com" }')};`,
      "  console.log(result);",
      "}",
      "",
      "run();",
    ].join("\n"),
    httpClient: [
      ...head(),
      "",
      withOptions([
        "  // Any function from Request to Response can send the requests.",
        "  fetcher: async (request) => {",
        "    const started = Date.now();",
        "    const response = await fetch(request);",
        "    console.log(request.method, request.url, response.status, Date.now() - started, \"ms\");",
        "    return response;",
        "  },",
        "  hooks: {",
        "    beforeRequest: (_context, request) => {",
        "      const next = new Request(request);",
        "      next.headers.set(\"x-request-source\", \"docs\");",
        "      return next;",
        "    },",
        "    afterError: (context, response, error) => {",
        "      console.warn(context.operationId, response?.status, error);",
        "    },",
        "  },",
        "",
      ].join("\n")),
      "",
      "async function run() {",
      `  const result = await ${call("")};`,
      "  console.log(result);",
      "}",
      "",
      "run();",
    ].join("\n"),
    debugging: [
      ...head(),
      "",
      withOptions("  // Credentials are shown as [REDACTED].\n  debugLogger: console,\n"),
    ].join("\n"),
  };
}
