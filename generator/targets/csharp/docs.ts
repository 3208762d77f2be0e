import { DocPaths, link } from "../../docs/doc-paths.ts";
import { withCopiedBases, enumValueRows, CHECK, optionTables, describe, MINUS, operationSummary, UNTAGGED_OVERVIEW, type Row } from "../../docs/tables.ts";
import type { Property, Type } from "../../ir/types.ts";
import type { Render } from "../../templates.ts";
import { anchor, cell, codeBlock, codeSpan, exampleText, inline, prose, specCell } from "../../docs/markdown.ts";
import type { TypeHome } from "../../ir/walk.ts";
import type { GeneratedFile } from "../target.ts";
import type { CsGroup, CsNamespace, CsOperation, CsView } from "./plan.ts";
import { argType, bodyType } from "./emit.ts";
import { EXTRA_PROPERTY_DOC } from "./emit-models.ts";
import { csType } from "./render.ts";
import { NameScope } from "../../naming/namer.ts";
import { featureSample, methodSample, sampleValue } from "./samples.ts";

const HOMES: Record<CsNamespace, TypeHome> = { Components: "components", Requests: "operations", Errors: "errors" };

function operations(view: CsView): CsOperation[] {
  return view.groups.flatMap((g) => g.operations);
}

function docPaths(view: CsView): DocPaths {
  return new DocPaths({
    types: view.types.filter((t) => t.shape !== "alias").map((t) => ({ def: t.def, name: t.name, module: HOMES[t.ns] })),
    operations: operations(view).map((op) => ({ op: op.op, responseTypeName: op.responseName, errors: op.errors.map((e) => ({ status: e.status, className: e.name })) })),
  });
}

/** A type as Markdown in C#'s spelling, model names linked to their pages. */
function typeDoc(type: Type, view: CsView, paths: DocPaths, from: string, seen: ReadonlySet<string> = new Set()): string {
  const inner = (t: Type) => typeDoc(t, view, paths, from, seen);
  switch (type.kind) {
    case "ref": {
      const decl = view.typesById.get(type.target);
      if (decl?.def.kind === "alias") return seen.has(decl.def.id) ? "*JsonElement*" : typeDoc(decl.def.type, view, paths, from, new Set([...seen, decl.def.id]));
      return decl ? link(decl.name, paths.get(`type:${decl.def.id}`), from) : "*JsonElement*";
    }
    case "array": return `List<${inner(type.items)}>`;
    case "map": return `Dictionary<string, ${inner(type.values)}>`;
    case "nullable": return `${inner(type.inner)}?`;
    case "union":
    case "intersection": {
      // Kept as JSON in C#; the page says which shapes to expect.
      const parts = type.kind === "union" ? type.variants : type.parts;
      return `*JsonElement* (${type.kind === "union" ? "one of" : "all of"} ${parts.map(inner).join(", ")})`;
    }
    default: return `*${withoutNamespaces(csType(type, view).text)}*`;
  }
}

/** A C# type as a reader sees it: no namespaces. */
function withoutNamespaces(text: string): string {
  return text.replace(/global::(\w+\.)*/g, "");
}

function fieldRow(name: string, p: Property, view: CsView, paths: DocPaths, from: string): Row {
  return {
    name: codeSpan(name), type: cell(typeDoc(p.type, view, paths, from)), required: p.required ? CHECK : MINUS,
    description: describe(p.docs, p.default), example: exampleText(p.docs.example),
  };
}

const CALL_ROWS: Row[] = [
  { name: "`serverURL`", type: "*string*", required: MINUS, description: "An optional server URL to use.", example: "" },
  { name: "`options`", type: "[RequestOptions](../../../README.md#retries)", required: MINUS, description: "Timeout and retry settings of this call, replacing the client's.", example: "" },
  { name: "`cancellationToken`", type: "*CancellationToken*", required: MINUS, description: "Cancels the call.", example: "" },
];

function parameterRows(view: CsView, op: CsOperation, paths: DocPaths, from: string): Row[] {
  return [
    ...op.args.map((a) => {
      const docs = a.source.kind === "param" ? a.source.param.docs : a.source.body.docs;
      const global = a.source.kind === "param" && a.source.global ? " Sent instead of the client's value when given." : "";
      const type = a.source.kind === "body" && argType(a, view).text.replace(/\?$/, "") in { string: 1, "byte[]": 1 }
        ? `*${withoutNamespaces(argType(a, view).text)}*` : cell(typeDoc(a.source.kind === "param" ? a.source.param.type : a.source.body.type, view, paths, from));
      return {
        name: codeSpan(a.name), type, required: a.required ? CHECK : MINUS,
        description: `${describe(docs)}${global}`.trim(), example: exampleText(docs.example),
      };
    }),
    ...CALL_ROWS,
  ];
}

function errorRows(view: CsView, op: CsOperation, paths: DocPaths, from: string) {
  const ns = `${view.config.namespace}.Models.Errors`;
  return [
    ...op.errors.map((e) => ({ type: link(`${ns}.${e.name}`, paths.get(`error:${op.op.id}:${e.status}`), from), status: e.status, contentType: cell(e.error.body.contentType) })),
    { type: `${ns}.SDKException`, status: "4XX, 5XX", contentType: "\\*/\\*" },
  ];
}

/** Each group's page, docs/sdks/<name>/README.md, unique even where names differ only in case. */
function groupPages(view: CsView): Map<CsGroup, string> {
  const scope = new NameScope(() => false, (n) => n.toLowerCase());
  return new Map(view.groups.map((g) => [g, `docs/sdks/${scope.claim([(g.propertyName === undefined ? view.clientName : g.className).toLowerCase()])}/README.md`]));
}

function sdkPage(view: CsView, g: CsGroup, paths: DocPaths, from: string): GeneratedFile & { data: object } {
  const data = {
    title: inline(g.propertyName === undefined ? view.clientName : g.className),
    property: g.propertyName ?? "",
    overview: prose(g.propertyName === undefined ? UNTAGGED_OVERVIEW : g.tag?.description ?? "", 2),
    operations: g.operations.map((op) => ({
      name: op.methodName, anchor: anchor(op.methodName), summary: operationSummary(op.op.docs, op.methodName),
      description: prose(op.op.docs.description ?? op.op.docs.summary ?? "", 3),
      deprecated: op.op.docs.deprecated === true,
      example: codeBlock("csharp", methodSample(view, g, op)),
      standalone: "",
      parameters: parameterRows(view, op, paths, from),
      response: `**${link(op.responseName, paths.get(`response:${op.op.id}`), from)}**`,
      errors: errorRows(view, op, paths, from),
    })),
  };
  return { path: from, content: "", data };
}

function modelPages(view: CsView, paths: DocPaths): Array<{ path: string; data: object }> {
  const pages: Array<{ path: string; data: object }> = [];
  const page = (from: string, data: Record<string, unknown>) => pages.push({ path: from, data: { description: "", example: "", fields: [], values: [], open: false, ...data } });
  for (const t of view.types) {
    if (t.shape === "alias") continue;
    const from = paths.get(`type:${t.def.id}`);
    const base = { name: inline(t.name), description: prose(t.def.docs.description ?? t.def.docs.summary ?? "", 1) };
    const def = t.def;
    if (def.kind === "enum") {
      const sample = sampleValue({ kind: "ref", target: def.id }, undefined, view);
      page(from, {
        ...base,
        example: codeBlock("csharp", `using ${view.config.namespace}.Models.${t.ns};\n\nvar value = ${sample};`),
        values: enumValueRows(def.members, t.memberNames!),
        open: def.open,
      });
    } else if (def.kind === "object") {
      const fields = (t.properties ?? []).map((p) => fieldRow(p.name, p.prop, view, paths, from));
      if (t.extraProperty !== undefined) {
        fields.push({ name: codeSpan(t.extraProperty), type: cell(`Dictionary<string, ${typeDoc(t.extraType!, view, paths, from)}>`), required: MINUS, description: EXTRA_PROPERTY_DOC, example: "" });
      }
      // Properties of allOf bases are copied into the class, not inherited.
      const bases = def.bases.map((id) => typeDoc({ kind: "ref", target: id }, view, paths, from));
      page(from, { ...base, description: withCopiedBases(base.description, bases), fields });
    }
  }
  for (const op of operations(view)) {
    const from = paths.get(`response:${op.op.id}`);
    const fields: Row[] = [
      { name: "`ContentType`", type: "*string*", required: CHECK, description: "HTTP response content type for this operation", example: "" },
      { name: "`StatusCode`", type: "*int*", required: CHECK, description: "HTTP response status code for this operation", example: "" },
      { name: "`RawResponse`", type: "*HttpResponseMessage*", required: CHECK, description: "Raw HTTP response; its body has already been read", example: "" },
      ...op.bodyFields.map((b) => ({
        name: codeSpan(b.name),
        type: /json/i.test(b.body.contentType) ? cell(typeDoc(b.body.type, view, paths, from)) : `*${withoutNamespaces(bodyType(b.body, view).text)}*`,
        required: MINUS, description: specCell(op.op.responses.find((r) => r.status === b.status)?.docs.description ?? ""), example: "",
      })),
    ];
    page(from, { name: inline(op.responseName), description: `The answer of ${codeSpan(op.methodName)}.`, fields });
    for (const e of op.errors) {
      const json = /json/i.test(e.error.body.contentType);
      page(paths.get(`error:${op.op.id}:${e.status}`), {
        name: inline(e.name),
        description: prose(`${e.error.docs.description ?? `The API answered ${e.status}.`}\n\nThrown by ${op.methodName} for status ${e.status}; extends APIException (StatusCode, ContentType, Body, RawResponse, Headers).`, 1),
        fields: [{ name: "`Payload`", type: json ? cell(typeDoc(e.error.body.type, view, paths, from)) : "*string*", required: CHECK, description: "The decoded body of the error response.", example: "" }],
      });
    }
  }
  return pages;
}

function readmeData(view: CsView, pages: Map<CsGroup, string>): object {
  const firstGroup = view.groups[0];
  const first = firstGroup?.operations[0];
  const sample = (edit: Parameters<typeof featureSample>[3]) => (first && firstGroup ? codeBlock("csharp", featureSample(view, firstGroup, first, edit)) : "");
  const declared = first?.errors[0];
  const errors = sample({
    usings: ["System", `${view.config.namespace}.Models.Errors`],
    wrap: (call) => [
      "try", "{", `    ${call.replace(/\n/g, "\n    ")}`, "}",
      ...(declared ? [`catch (${declared.name} e)`, "{", "    // A declared error: the API's message, and its decoded body in e.Payload.", "    Console.Error.WriteLine($\"{e.StatusCode}: {e.Message}\");", "}"] : []),
      "catch (SDKException e)", "{", "    // Any other status or content type; the body is in e.Body, never in the message.", "    Console.Error.WriteLine($\"unexpected response {e.StatusCode} ({e.Body?.Length ?? 0} characters)\");", "}",
      "catch (ResponseValidationException e)", "{", "    Console.Error.WriteLine($\"unexpected body at {e.Path}\");", "}",
      "catch (RequestTimeoutException)", "{", "    Console.Error.WriteLine(\"timed out\");", "}",
      "catch (ConnectionException)", "{", "    Console.Error.WriteLine(\"could not reach the server\");", "}",
    ],
  });
  const retries = sample({
    usings: [`${view.config.namespace}.Utils`],
    client: ["retryConfig: new RetryConfig\n    {\n        Strategy = RetryConfig.RetryStrategy.BACKOFF,\n        Backoff = new BackoffStrategy { InitialIntervalMs = 500, MaxIntervalMs = 60000, Exponent = 1.5, MaxElapsedTimeMs = 3600000 },\n    }"],
    call: ["options: new RequestOptions\n    {\n        RetryConfig = new RetryConfig { Strategy = RetryConfig.RetryStrategy.BACKOFF, RetryConnectionErrors = true },\n        RetryCodes = new[] { \"429\", \"5XX\" },\n    }"],
  });
  const serverURL = sample({ client: ['serverURL: "https://example.com"'], call: ['serverURL: "https://other.example.com"'] });
  const httpClient = sample({
    usings: ["System", "System.Net.Http", `${view.config.namespace}.Utils`],
    client: ["client: new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })", "timeout: TimeSpan.FromSeconds(30)"],
    call: ["options: new RequestOptions { Timeout = TimeSpan.FromSeconds(5) }"],
  });
  return {
    title: inline(view.api.info.title),
    summary: prose(view.api.info.summary ?? view.api.info.description?.split("\n\n")[0] ?? "", 1),
    namespace: view.config.namespace,
    version: view.config.packageVersion,
    client: view.clientName,
    example: first && firstGroup ? codeBlock("csharp", methodSample(view, firstGroup, first)) : "",
    hasOperations: first !== undefined,
    resources: view.groups.map((g) => ({
      name: g.propertyName === undefined ? view.clientName : g.className, page: pages.get(g)!,
      operations: g.operations.map((op) => ({ name: op.methodName, anchor: anchor(op.methodName), summary: operationSummary(op.op.docs, op.methodName) })),
    })),
    retries, errors, serverURL, httpClient,
    ...optionTables(view.api, view.options, (name) => name),
  };
}

/** The C# SDK's Markdown: README, one page per resource, one page per model, through the shared templates. */
export function emitCSharpDocs(view: CsView, render: Render): GeneratedFile[] {
  const paths = docPaths(view);
  const pages = groupPages(view);
  return [
    ...view.groups.map((g) => {
      const page = sdkPage(view, g, paths, pages.get(g)!);
      return { path: page.path, content: render("sdk", page.data) };
    }),
    ...modelPages(view, paths).map((p) => ({ path: p.path, content: render("model", p.data) })),
    { path: "README.md", content: render("readme", readmeData(view, pages)) },
  ];
}
