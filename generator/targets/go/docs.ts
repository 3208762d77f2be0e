import type { Render } from "../../templates.ts";
import { CHECK, optionTables, MINUS, operationSummary, UNTAGGED_OVERVIEW } from "../../docs/tables.ts";
import type { GeneratedFile } from "../target.ts";
import type { ObjectDef, Type } from "../../ir/types.ts";
import { anchor, cell, codeBlock, codeSpan, exampleText, inline, prose, specCell } from "../../docs/markdown.ts";
import type { GoGroup, GoOperation, GoView } from "./plan.ts";
import { argType } from "./emit.ts";
import { fieldType, goType, Imports } from "./render.ts";
import { alignKeyValues, goString } from "./words.ts";

/** Imports of a sample program: the standard library first, then the SDK's packages. */
class SampleImports {
  readonly std = new Set<string>(["context", "log"]);
  readonly sdk = new Set<string>();
  constructor(readonly view: GoView) {}
  block(): string {
    const mod = this.view.config.modulePath;
    const local = [mod, ...[...this.sdk].map((p) => (p === "retry" || p === "hooks" ? `${mod}/${p}` : `${mod}/models/${p}`))].sort();
    return `import (\n${[...this.std].sort().map((p) => `\t"${p}"`).join("\n")}\n\n${local.map((p) => `\t"${p}"`).join("\n")}\n)`;
  }
}

/** Records the SDK packages a rendered type string refers to. */
function note(types: string, im: SampleImports): void {
  for (const m of types.matchAll(/\b(operations|components|sdkerrors)\./g)) im.sdk.add(m[1]!);
}

const POINTER_HELPERS: Record<string, string> = { string: "String", bool: "Bool", int: "Int", int64: "Int64", float64: "Float64", float32: "Float32" };

function scalarSample(type: Type, goT: string, example: unknown, view: GoView, pkgQual: string): string | undefined {
  const value = example;
  if (type.kind === "nullable") return scalarSample(type.inner, goT, example, view, pkgQual);
  if (type.kind === "ref") {
    const decl = view.typesById.get(type.target);
    if (decl?.def.kind === "enum") {
      const i = Math.max(0, decl.def.members.findIndex((m) => m.value === example));
      return `${pkgQual === decl.pkg ? "" : `${decl.pkg}.`}${decl.memberNames![i]}`;
    }
    if (decl?.def.kind === "alias") return scalarSample(decl.def.type, goT, example, view, pkgQual);
    return undefined;
  }
  if (type.kind !== "primitive") return undefined;
  switch (type.name) {
    case "string": {
      const text = goString(typeof value === "string" ? value : value === undefined ? "<value>" : JSON.stringify(value));
      return type.format === "binary" ? `[]byte(${text})` : text;
    }
    case "boolean": return typeof value === "boolean" ? String(value) : "false";
    case "integer": return typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" && /^-?\d{1,15}$/.test(value) ? value : "0";
    case "number": return typeof value === "number" && Number.isFinite(value) ? String(value) : "0";
  }
  return undefined;
}

/** A sample value of a Go type: pointers through the SDK's helpers, enums through their constants. */
function sampleValue(type: Type, goT: string, example: unknown, view: GoView, im: SampleImports, root: string): string {
  note(goT, im);
  const pointer = goT.startsWith("*");
  const bare = pointer ? goT.slice(1) : goT;
  const scalar = scalarSample(type, bare, example, view, "");
  if (scalar === undefined) return pointer || bare.startsWith("[]") || bare.startsWith("map[") || bare === "any" ? "nil" : `${bare}{}`;
  note(scalar, im);
  if (!pointer) return scalar;
  const helper = POINTER_HELPERS[bare];
  if (helper) return `${root}.${helper}(${scalar})`;
  return /^\w+\.\w+$/.test(scalar) && !/^[\d.]/.test(scalar) ? `${scalar}.ToPointer()` : `${root}.Pointer(${scalar})`;
}

function bodySample(type: Type, view: GoView, im: SampleImports, root: string): string {
  const decl = type.kind === "ref" ? view.typesById.get(type.target) : undefined;
  if (decl?.def.kind !== "object") return "nil";
  im.sdk.add(decl.pkg);
  const def = decl.def as ObjectDef;
  const typeIm = new Imports(view, decl.pkg);
  const lines: Array<[string, string]> = [];
  for (const p of decl.fields!) {
    if (!p.required && p.docs.example === undefined) continue;
    const t = fieldType(p, def, typeIm);
    const qualified = t.replace(/^(\*?)(?!(?:string|bool|int|int64|float64|float32|any)\b)([A-Z]\w*)$/, `$1${decl.pkg}.$2`);
    const value = sampleValue(p.type, qualified, p.docs.example, view, im, root);
    if (value === "nil" || value.endsWith("{}")) continue;
    lines.push([decl.fieldNames!.get(p.name)!, value]);
  }
  return `&${decl.pkg}.${decl.name}{\n${alignKeyValues(lines, "\t\t").join("\n")}\n\t}`;
}

function usesSecurity(view: GoView, op: GoOperation): boolean {
  const security = op.op.security === "inherit" ? view.api.security : op.op.security;
  return security.some((alt) => alt.length > 0);
}

/** A full program calling one operation, as in the seed's "Example Usage". */
export function methodSample(view: GoView, group: GoGroup, op: GoOperation): string {
  const root = view.config.packageName;
  const im = new SampleImports(view);
  const options: string[] = [];
  if (usesSecurity(view, op)) {
    const sec = view.options.find((o) => o.kind === "security");
    if (sec?.kind === "security") options.push(sec.scheme.kind === "http" && sec.scheme.scheme === "basic" ? `${root}.${sec.name}("<USERNAME>", "<PASSWORD>")` : `${root}.${sec.name}("<YOUR_API_KEY_HERE>")`);
  }
  for (const o of view.options) {
    if (o.kind !== "global" || !o.param.required) continue;
    const t = goType(o.param.type, new Imports(view, "root"));
    options.push(`${root}.${o.name}(${sampleValue(o.param.type, t, o.param.docs.example, view, im, root)})`);
  }
  const args = op.args.map((a) => {
    const t = argType(a, new Imports(view, "root"));
    if (a.source.kind === "body") return bodySample(a.source.body.type, view, im, root);
    // Optional parameters and per-call globals are left to the client: nil.
    if (a.pointer && !a.source.param.required) return "nil";
    return sampleValue(a.source.param.type, t, a.source.param.docs.example, view, im, root);
  });
  const target = group.fieldName === undefined ? "s" : `s.${group.fieldName}`;
  const check = op.bodyFields.length > 0 ? `res.${op.bodyFields[0]!.name} != nil` : "res != nil";
  return [
    "package main",
    "",
    im.block(),
    "",
    "func main() {",
    `\ts := ${root}.New(${options.map((o) => `\n\t\t${o},`).join("")}${options.length > 0 ? "\n\t" : ""})`,
    "",
    "\tctx := context.Background()",
    `\tres, err := ${target}.${op.methodName}(${["ctx", ...args].join(", ")})`,
    "\tif err != nil {",
    "\t\tlog.Fatal(err)",
    "\t}",
    `\tif ${check} {`,
    "\t\t// handle response",
    "\t}",
    "}",
  ].join("\n");
}

/** A program for a README section: the first operation's call wrapped in some setup. */
function featureSample(view: GoView, group: GoGroup, op: GoOperation, edit: (lines: string[], im: SampleImports) => void): string {
  const lines = methodSample(view, group, op).split("\n");
  const im = new SampleImports(view);
  edit(lines, im);
  const start = lines.findIndex((l) => l === "import (");
  const end = lines.indexOf(")", start);
  const existing = lines.slice(start + 1, end).map((l) => l.trim().replace(/"/g, "")).filter((l) => l !== "");
  const mod = view.config.modulePath;
  for (const p of existing) if (!p.startsWith(mod)) im.std.add(p);
  for (const p of existing) if (p.startsWith(`${mod}/`)) im.sdk.add(p.slice(mod.length + 1).replace(/^models\//, ""));
  lines.splice(start, end - start + 1, ...im.block().split("\n"));
  return lines.join("\n");
}

function typeCell(goT: string): string {
  return codeSpan(goT);
}

function parameterRows(view: GoView, op: GoOperation) {
  const rows = [{ name: "`ctx`", type: "[context.Context](https://pkg.go.dev/context#Context)", required: CHECK, description: "The context to use for the request.", example: "" }];
  for (const a of op.args) {
    const t = argType(a, new Imports(view, "root"));
    const docs = a.source.kind === "param" ? a.source.param.docs : a.source.body.docs;
    const global = a.source.kind === "param" && a.source.global ? " Sent instead of the client's value when given." : "";
    rows.push({
      name: codeSpan(a.name), type: typeCell(t), required: a.required ? CHECK : MINUS,
      description: specCell(`${docs.description ?? docs.summary ?? ""}${global}`.trim()), example: exampleText(docs.example),
    });
  }
  rows.push({ name: "`opts`", type: "[][operations.Option](../../../README.md#per-call-options)", required: MINUS, description: "The options for this request.", example: "" });
  return rows;
}

function errorRows(op: GoOperation) {
  return [
    ...op.errors.map((e) => ({ type: codeSpan(`*sdkerrors.${e.name}`), status: e.status, contentType: cell(e.error.body.contentType) })),
    { type: "`*sdkerrors.SDKError`", status: "4XX, 5XX", contentType: "\\*/\\*" },
  ];
}

function summaryOf(op: GoOperation): string {
  return operationSummary(op.op.docs, op.methodName);
}

function groupFile(g: GoGroup): string {
  return `docs/sdks/${g.file.replace(/\.go$/, "")}/README.md`;
}

/** Every sample program in the docs, for the test that compiles them. */
export function emitGoDocs(view: GoView, render: Render): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  // Operations without a tag are the client's own methods, and their page is the client's.
  for (const g of view.groups) {
    files.push({
      path: groupFile(g),
      content: render("sdk", {
        title: inline(g.fieldName === undefined ? view.clientName : g.typeName),
        property: g.fieldName ?? "",
        overview: prose(g.fieldName === undefined ? UNTAGGED_OVERVIEW : g.tag?.description ?? "", 2),
        operations: g.operations.map((op) => ({
          name: op.methodName, anchor: anchor(op.methodName), summary: summaryOf(op),
          description: prose(op.op.docs.description ?? op.op.docs.summary ?? "", 3),
          deprecated: op.op.docs.deprecated === true,
          example: codeBlock("go", methodSample(view, g, op)),
          standalone: "",
          parameters: parameterRows(view, op),
          response: `${codeSpan(`*operations.${op.responseName}`)}, ${codeSpan("error")}`,
          errors: errorRows(op),
        })),
      }),
    });
  }
  files.push({ path: "README.md", content: render("readme", readmeData(view)) });
  return files;
}

function readmeData(view: GoView): object {
  const root = view.config.packageName;
  const firstGroup = view.groups[0];
  const first = firstGroup?.operations[0];
  const sample = (edit: (lines: string[], im: SampleImports) => void) =>
    first && firstGroup ? codeBlock("go", featureSample(view, firstGroup, first, edit)) : "";
  const newLine = (lines: string[]) => lines.findIndex((l) => l.includes(`${root}.New(`));
  const addOption = (option: string) => (lines: string[]) => {
    const i = newLine(lines);
    lines[i] = lines[i]!.replace(`${root}.New(`, `${root}.New(\n\t\t${option},`).replace(/,\)$/, ",\n\t)");
  };
  const callLine = (lines: string[]) => lines.findIndex((l) => l.startsWith("\tres, err := "));
  const addCallOption = (option: string) => (lines: string[]) => {
    const i = callLine(lines);
    lines[i] = lines[i]!.replace(/\)$/, `, ${option})`);
  };
  const retries = sample((lines, im) => {
    im.sdk.add("operations").add("retry");
    addOption(`${root}.WithRetryConfig(retry.Config{Strategy: "backoff", Backoff: &retry.BackoffStrategy{InitialInterval: 500, MaxInterval: 60000, Exponent: 1.5, MaxElapsedTime: 3600000}})`)(lines);
    addCallOption(`operations.WithRetries(retry.Config{Strategy: "backoff", RetryConnectionErrors: true}), operations.WithRetryCodes("429", "5XX")`)(lines);
  });
  const errorsSample = sample((lines, im) => {
    im.std.add("errors");
    im.sdk.add("sdkerrors");
    const i = lines.findIndex((l) => l === "\tif err != nil {");
    const declared = first?.errors[0];
    lines.splice(i, 3,
      "\tif err != nil {",
      ...(declared ? [
        `\t\tvar declared *sdkerrors.${declared.name}`,
        "\t\tif errors.As(err, &declared) {",
        "\t\t\tlog.Fatalf(\"the API answered %d: %s\", declared.StatusCode, declared.Error())",
        "\t\t}",
      ] : []),
      "\t\tvar apiErr *sdkerrors.SDKError",
      "\t\tif errors.As(err, &apiErr) {",
      "\t\t\tlog.Fatalf(\"unexpected response %d (%d bytes)\", apiErr.StatusCode, len(apiErr.Body))",
      "\t\t}",
      "\t\tvar invalid *sdkerrors.ResponseValidationError",
      "\t\tif errors.As(err, &invalid) {",
      "\t\t\tlog.Fatalf(\"unexpected body at %s\", invalid.Path)",
      "\t\t}",
      "\t\tvar timeout *sdkerrors.RequestTimeoutError",
      "\t\tif errors.As(err, &timeout) || errors.Is(err, context.DeadlineExceeded) {",
      "\t\t\tlog.Fatal(\"timed out\")",
      "\t\t}",
      "\t\tvar conn *sdkerrors.ConnectionError",
      "\t\tif errors.As(err, &conn) {",
      "\t\t\tlog.Fatal(\"could not reach the server\")",
      "\t\t}",
      "\t\tlog.Fatal(err)",
      "\t}");
  });
  const serverURL = sample((lines, im) => {
    im.sdk.add("operations");
    addOption(`${root}.WithServerURL("https://example.com")`)(lines);
    addCallOption(`operations.WithServerURL("https://other.example.com")`)(lines);
  });
  const httpClient = sample((lines, im) => {
    im.std.add("net/http");
    im.std.add("time");
    im.sdk.add("operations");
    addOption(`${root}.WithClient(&http.Client{Transport: http.DefaultTransport})`)(lines);
    addOption(`${root}.WithTimeout(30 * time.Second)`)(lines);
    addCallOption("operations.WithTimeout(5 * time.Second)")(lines);
  });
  const hooksSample = sample((lines, im) => {
    im.std.add("fmt");
    im.std.add("net/http");
    im.sdk.add("hooks");
    addOption([
      `${root}.WithHooks(hooks.Hooks{`,
      "\t\t\tBeforeRequest: func(hc hooks.Context, req *http.Request) (*http.Request, error) {",
      "\t\t\t\treq.Header.Set(\"X-Request-Id\", fmt.Sprintf(\"%s-%d\", hc.OperationID, hc.Attempt))",
      "\t\t\t\treturn req, nil",
      "\t\t\t},",
      "\t\t\tAfterError: func(hc hooks.Context, res *http.Response, err error) (*http.Response, error) {",
      "\t\t\t\tlog.Printf(\"attempt %d failed: %v\", hc.Attempt, err)",
      "\t\t\t\treturn res, err",
      "\t\t\t},",
      "\t\t})",
    ].join("\n"))(lines);
  });
  return {
    title: inline(view.api.info.title),
    summary: prose(view.api.info.summary ?? view.api.info.description?.split("\n\n")[0] ?? "", 1),
    modulePath: view.config.modulePath,
    packageName: root,
    client: view.clientName,
    example: first && firstGroup ? codeBlock("go", methodSample(view, firstGroup, first)) : "",
    hasOperations: first !== undefined,
    resources: view.groups.map((g) => ({
      name: g.fieldName === undefined ? view.clientName : g.typeName, page: groupFile(g),
      operations: g.operations.map((op) => ({ name: op.methodName, anchor: anchor(op.methodName), summary: summaryOf(op) })),
    })),
    retries, errors: errorsSample, serverURL, httpClient, hooks: hooksSample,
    ...optionTables(view.api, view.options, (name) => `${name}(value string)`),
  };
}
