import { DocPaths, link } from "../../docs/doc-paths.ts";
import { withCopiedBases, enumValueRows, CHECK, optionTables, describe, MINUS, operationSummary, UNTAGGED_OVERVIEW, type Row } from "../../docs/tables.ts";
import type { Property, Type } from "../../ir/types.ts";
import type { Render } from "../../templates.ts";
import { anchor, cell, codeBlock, codeSpan, exampleText, inline, prose, specCell } from "../../docs/markdown.ts";
import type { TypeHome } from "../../ir/walk.ts";
import type { GeneratedFile } from "../target.ts";
import { NameScope } from "../../naming/namer.ts";
import type { PhpGroup, PhpNamespace, PhpOperation, PhpView } from "./plan.ts";
import { bodyType, fieldDocs, fieldType } from "./emit.ts";
import { EXTRA_PROPERTY_DOC } from "./emit-models.ts";
import { phpType, qualified } from "./render.ts";
import { featureSample, methodSample, rootAlias, sampleValue } from "./samples.ts";

const HOMES: Record<PhpNamespace, TypeHome> = { Components: "components", Operations: "operations", Errors: "errors" };

function operations(view: PhpView): PhpOperation[] {
  return view.groups.flatMap((g) => g.operations);
}

function docPaths(view: PhpView): DocPaths {
  return new DocPaths({
    types: view.types.filter((t) => t.shape !== "alias").map((t) => ({ def: t.def, name: t.name, module: HOMES[t.ns] })),
    operations: operations(view).map((op) => ({
      op: op.op, request: op.request ? { typeName: op.request.className } : undefined, responseTypeName: op.responseName,
      errors: op.errors.map((e) => ({ status: e.status, className: e.name })),
    })),
  });
}

/** A type as Markdown in PHP's spelling, model names linked to their pages. */
function typeDoc(type: Type, view: PhpView, paths: DocPaths, from: string, seen: ReadonlySet<string> = new Set()): string {
  const inner = (t: Type) => typeDoc(t, view, paths, from, seen);
  switch (type.kind) {
    case "ref": {
      const decl = view.typesById.get(type.target);
      if (decl?.def.kind === "alias") return seen.has(decl.def.id) ? "*mixed*" : typeDoc(decl.def.type, view, paths, from, new Set([...seen, decl.def.id]));
      if (!decl) return "*mixed*";
      const linked = link(qualified(decl), paths.get(`type:${decl.def.id}`), from);
      return decl.def.kind === "enum" && decl.def.open ? `${linked}\\|*${decl.def.base === "integer" ? "int" : "string"}*` : linked;
    }
    case "array": return `array<${inner(type.items)}>`;
    case "map": return `array<string, ${inner(type.values)}>`;
    case "nullable": return `?${inner(type.inner)}`;
    case "union":
    case "intersection": {
      // Kept as decoded JSON in PHP; the page says which shapes to expect.
      const parts = type.kind === "union" ? type.variants : type.parts;
      return `*mixed* (${type.kind === "union" ? "one of" : "all of"} ${parts.map(inner).join(", ")})`;
    }
    default: return `*${phpType(type, view).decl}*`;
  }
}

function fieldRow(name: string, p: Property, view: PhpView, paths: DocPaths, from: string): Row {
  return {
    name: codeSpan(name), type: cell(typeDoc(p.type, view, paths, from)), required: p.required ? CHECK : MINUS,
    description: describe(p.docs, p.default), example: exampleText(p.docs.example),
  };
}

const SERVER_ROW: Row = { name: "`$serverURL`", type: "*string*", required: MINUS, description: "An optional server URL to use.", example: "" };
const OPTIONS_ROW: Row = { name: "`$options`", type: "[Utils\\RequestOptions](../../../README.md#retries)", required: MINUS, description: "Timeout and retry settings of this call, replacing the client's.", example: "" };

function parameterRows(view: PhpView, op: PhpOperation, paths: DocPaths, from: string): Row[] {
  if (op.request) {
    const request = link(`Operations\\${op.request.className}`, paths.get(`request:${op.op.id}`), from);
    return [{ name: "`$request`", type: request, required: CHECK, description: "The request object to use for the request.", example: "" }, SERVER_ROW, OPTIONS_ROW];
  }
  return [
    ...op.args.map((a) => {
      const docs = a.source.kind === "param" ? a.source.param.docs : a.source.body.docs;
      const plain = a.source.kind === "body" && fieldType(a, view).decl.replace(/^\?/, "") === "string";
      const type = plain ? "*string*" : cell(typeDoc(a.source.kind === "param" ? a.source.param.type : a.source.body.type, view, paths, from));
      return { name: codeSpan(a.name), type, required: a.required ? CHECK : MINUS, description: specCell(fieldDocs(a)), example: exampleText(docs.example) };
    }),
    SERVER_ROW, OPTIONS_ROW,
  ];
}

function errorRows(op: PhpOperation, paths: DocPaths, from: string) {
  return [
    ...op.errors.map((e) => ({ type: link(`Errors\\${e.name}`, paths.get(`error:${op.op.id}:${e.status}`), from), status: e.status, contentType: cell(e.error.body.contentType) })),
    { type: "Errors\\SDKException", status: "4XX, 5XX", contentType: "\\*/\\*" },
  ];
}

/** Each group's page, docs/sdks/<name>/README.md, unique even where names differ only in case. */
function groupPages(view: PhpView): Map<PhpGroup, string> {
  const scope = new NameScope(() => false, (n) => n.toLowerCase());
  return new Map(view.groups.map((g) => [g, `docs/sdks/${scope.claim([(g.propertyName ?? view.clientName).toLowerCase()])}/README.md`]));
}

function sdkPage(view: PhpView, g: PhpGroup, paths: DocPaths, from: string): object {
  return {
    title: inline(g.propertyName === undefined ? view.clientName : g.className),
    property: g.propertyName ?? "",
    overview: prose(g.propertyName === undefined ? UNTAGGED_OVERVIEW : g.tag?.description ?? "", 2),
    operations: g.operations.map((op) => ({
      name: op.methodName, anchor: anchor(op.methodName), summary: operationSummary(op.op.docs, op.methodName),
      description: prose(op.op.docs.description ?? op.op.docs.summary ?? "", 3),
      deprecated: op.op.docs.deprecated === true,
      example: codeBlock("php", methodSample(view, g, op)),
      standalone: "",
      parameters: parameterRows(view, op, paths, from),
      response: `**${link(`?Operations\\${op.responseName}`, paths.get(`response:${op.op.id}`), from)}**`,
      errors: errorRows(op, paths, from),
    })),
  };
}

function modelPages(view: PhpView, paths: DocPaths): Array<{ path: string; data: object }> {
  const pages: Array<{ path: string; data: object }> = [];
  const page = (from: string, data: Record<string, unknown>) => pages.push({ path: from, data: { description: "", example: "", fields: [], values: [], open: false, ...data } });
  const useModels = (ns: PhpNamespace) => `use ${view.config.namespace}\\Models\\${ns};`;
  for (const t of view.types) {
    if (t.shape === "alias") continue;
    const from = paths.get(`type:${t.def.id}`);
    const base = { name: inline(t.name), description: prose(t.def.docs.description ?? t.def.docs.summary ?? "", 1) };
    const def = t.def;
    if (def.kind === "enum") {
      const sample = sampleValue({ kind: "ref", target: def.id }, undefined, view);
      page(from, {
        ...base,
        example: codeBlock("php", `${useModels(t.ns)}\n\n$value = ${sample};`),
        values: enumValueRows(def.members, t.memberNames!),
        open: def.open,
      });
    } else if (def.kind === "object") {
      const fields = (t.properties ?? []).map((p) => fieldRow(p.name, p.prop, view, paths, from));
      if (t.extraProperty !== undefined) {
        fields.push({ name: codeSpan(t.extraProperty), type: cell(`array<string, ${typeDoc(t.extraType!, view, paths, from)}>`), required: MINUS, description: EXTRA_PROPERTY_DOC, example: "" });
      }
      // Properties of allOf bases are copied into the class, not inherited.
      const bases = def.bases.map((id) => typeDoc({ kind: "ref", target: id }, view, paths, from));
      page(from, { ...base, description: withCopiedBases(base.description, bases), fields });
    }
  }
  for (const op of operations(view)) {
    if (op.request) {
      const from = paths.get(`request:${op.op.id}`);
      page(from, {
        name: inline(op.request.className), description: `The arguments of ${codeSpan(op.methodName)}.`,
        fields: op.request.fields.map((f) => ({
          name: codeSpan(f.name),
          type: f.source.kind === "body" && fieldType(f, view).decl.replace(/^\?/, "") === "string" ? "*string*" : cell(typeDoc(f.source.kind === "param" ? f.source.param.type : f.source.body.type, view, paths, from)),
          required: f.required ? CHECK : MINUS, description: specCell(fieldDocs(f)),
          example: exampleText(f.source.kind === "param" ? f.source.param.docs.example : f.source.body.docs.example),
        })),
      });
    }
    const from = paths.get(`response:${op.op.id}`);
    const fields: Row[] = [
      { name: "`contentType`", type: "*string*", required: CHECK, description: "HTTP response content type for this operation", example: "" },
      { name: "`statusCode`", type: "*int*", required: CHECK, description: "HTTP response status code for this operation", example: "" },
      { name: "`rawResponse`", type: "*\\Psr\\Http\\Message\\ResponseInterface*", required: CHECK, description: "Raw HTTP response; its body has already been read", example: "" },
      ...op.bodyFields.map((b) => ({
        name: codeSpan(b.name),
        type: /json/i.test(b.body.contentType) ? cell(typeDoc(b.body.type, view, paths, from)) : `*${bodyType(b.body, view).decl}*`,
        required: MINUS, description: specCell(op.op.responses.find((r) => r.status === b.status)?.docs.description ?? ""), example: "",
      })),
    ];
    page(from, { name: inline(op.responseName), description: `The answer of ${codeSpan(op.methodName)}.`, fields });
    for (const e of op.errors) {
      const json = /json/i.test(e.error.body.contentType);
      page(paths.get(`error:${op.op.id}:${e.status}`), {
        name: inline(e.name),
        description: prose(`${e.error.docs.description ?? `The API answered ${e.status}.`}\n\nThrown by ${op.methodName} for status ${e.status}; extends APIException (statusCode, contentType, body, rawResponse, headers()).`, 1),
        fields: [{ name: "`data`", type: json ? cell(typeDoc(e.error.body.type, view, paths, from)) : "*string*", required: CHECK, description: "The decoded body of the error response.", example: "" }],
      });
    }
  }
  return pages;
}

function readmeData(view: PhpView, pages: Map<PhpGroup, string>): object {
  const firstGroup = view.groups[0];
  const first = firstGroup?.operations[0];
  const sample = (edit: Parameters<typeof featureSample>[3]) => (first && firstGroup ? codeBlock("php", featureSample(view, firstGroup, first, edit)) : "");
  const declared = first?.errors[0];
  const errors = sample({
    wrap: (call) => [
      "try {", `    ${call.replace(/\n/g, "\n    ")}`,
      ...(declared ? [`} catch (Errors\\${declared.name} $e) {`, "    // A declared error: the API's message, and its decoded body in $e->data.", "    error_log($e->statusCode . ': ' . $e->getMessage());"] : []),
      "} catch (Errors\\SDKException $e) {", "    // Any other status or content type; the body is in $e->body, never in the message.", "    error_log('unexpected response ' . $e->statusCode);",
      "} catch (Errors\\ResponseValidationException $e) {", "    error_log('unexpected body at ' . $e->path);",
      "} catch (Errors\\RequestTimeoutException $e) {", "    error_log('timed out');",
      "} catch (Errors\\ConnectionException $e) {", "    error_log('could not reach the server');", "}",
    ],
  });
  const retries = sample({
    client: ["->setRetryConfig(new Utils\\RetryConfig(\n    strategy: 'backoff',\n    backoff: new Utils\\BackoffStrategy(initialIntervalMs: 500, maxIntervalMs: 60000, exponent: 1.5, maxElapsedTimeMs: 3600000),\n    retryConnectionErrors: false,\n))"],
    call: ["options: new Utils\\RequestOptions(\n    retryConfig: new Utils\\RetryConfig(strategy: 'backoff', retryConnectionErrors: true),\n    retryCodes: ['429', '5XX'],\n)"],
  });
  const serverURL = sample({ client: ["->setServerURL('https://example.com')"], call: ["serverURL: 'https://other.example.com'"] });
  const httpClient = sample({
    client: ["->setClient(new \\GuzzleHttp\\Client(['allow_redirects' => false, 'http_errors' => false]))", "->setTimeoutMs(30000)"],
    call: ["options: new Utils\\RequestOptions(timeoutMs: 5000)"],
  });
  return {
    title: inline(view.api.info.title),
    summary: prose(view.api.info.summary ?? view.api.info.description?.split("\n\n")[0] ?? "", 1),
    namespace: view.config.namespace,
    packageName: view.config.packageName,
    entry: `${rootAlias(view)}\\${view.clientName}`,
    client: view.clientName,
    builder: view.builderName,
    example: first && firstGroup ? codeBlock("php", methodSample(view, firstGroup, first)) : "",
    hasOperations: first !== undefined,
    resources: view.groups.map((g) => ({
      name: g.propertyName === undefined ? view.clientName : g.className, page: pages.get(g)!,
      operations: g.operations.map((op) => ({ name: op.methodName, anchor: anchor(op.methodName), summary: operationSummary(op.op.docs, op.methodName) })),
    })),
    retries, errors, serverURL, httpClient,
    ...optionTables(view.api, view.options, (name) => view.setters.find((s) => s.option.name === name)?.method ?? name),
    setters: view.setters.map((s) => ({ method: codeSpan(`${s.method}()`), option: s.option.name })),
  };
}

/** The PHP SDK's Markdown: README, one page per resource, one page per model, through the shared templates. */
export function emitPhpDocs(view: PhpView, render: Render): GeneratedFile[] {
  const paths = docPaths(view);
  const pages = groupPages(view);
  return [
    ...view.groups.map((g) => ({ path: pages.get(g)!, content: render("sdk", sdkPage(view, g, paths, pages.get(g)!)) })),
    ...modelPages(view, paths).map((p) => ({ path: p.path, content: render("model", p.data) })),
    { path: "README.md", content: render("readme", readmeData(view, pages)) },
  ];
}
