import { DocPaths, link } from "../../../docs/doc-paths.ts";
import { enumValueRows, CHECK, describe, errorRows, MINUS, operationSummary, UNTAGGED_OVERVIEW, type Row } from "../../../docs/tables.ts";
import type { Property, Type } from "../../../ir/types.ts";
import { extraPropertyType, flattenedProperties } from "../../../ir/walk.ts";
import type { TsGroup, TsOperation, TsView } from "../plan.ts";
import { extendedBases, isRequired } from "../type-rules.ts";
import { anchor, cell, codeBlock, codeSpan, exampleText, inline, prose, specCell } from "../../../docs/markdown.ts";
import { enumSample, featureSamples, functionSample, methodSample } from "./samples.ts";

/** One Markdown page: its path in the package and the data its template renders. */
export interface DocPage {
  path: string;
  template: "readme" | "sdk" | "model";
  data: object;
}

function allOperations(view: TsView): TsOperation[] {
  return view.groups.flatMap((g) => g.operations);
}

/** A type as Markdown, model names linked to their pages (relative to the page `from`). */
function typeDoc(type: Type, view: TsView, paths: DocPaths, from: string): string {
  switch (type.kind) {
    case "primitive":
      if (type.name === "string" && type.format === "binary") return "*Blob* | *Uint8Array* | *string*";
      return `*${type.name === "integer" ? "number" : type.name === "unknown" ? "any" : type.name}*`;
    case "literal":
      return `*${JSON.stringify(type.value)}*`;
    case "ref": {
      const decl = view.typesById.get(type.target);
      return decl ? link(`${decl.module}.${decl.name}`, paths.get(`type:${decl.def.id}`), from) : "*any*";
    }
    case "array":
      return `${typeDoc(type.items, view, paths, from)}[]`;
    case "nullable":
      return `${typeDoc(type.inner, view, paths, from)} | *null*`;
    case "map":
      return `Record<string, ${typeDoc(type.values, view, paths, from)}>`;
    case "union":
      return type.variants.map((v) => typeDoc(v, view, paths, from)).join(" | ");
    case "intersection":
      return type.parts.map((p) => typeDoc(p, view, paths, from)).join(" & ");
  }
}

/** One line about an operation (it ends a list item): its summary, or else the first line of its description. */
function summaryOf(op: TsOperation): string {
  return operationSummary(op.op.docs, op.methodName);
}

function propertyRow(p: Property, view: TsView, paths: DocPaths, from: string): Row {
  return {
    name: codeSpan(p.name),
    type: cell(typeDoc(p.type, view, paths, from)),
    required: isRequired(p) ? CHECK : MINUS,
    description: [describe(p.docs, p.default), p.readOnly ? "Read-only: absent from requests." : "", p.writeOnly ? "Write-only: absent from responses." : ""]
      .filter((d) => d !== "").join(" "),
    example: exampleText(p.docs.example),
  };
}

const OPTION_ROWS: Row[] = [
  { name: "`options`", type: "RequestOptions", required: MINUS, description: "Used to set various options for making HTTP requests.", example: "" },
  { name: "`options.serverURL`", type: "*string*", required: MINUS, description: "Sends this request to another server.", example: "" },
  { name: "`options.retries`", type: "[RetryConfig](../../../README.md#retries)", required: MINUS, description: "Retry policy for this request, replacing the client's.", example: "" },
  { name: "`options.timeoutMs`", type: "*number*", required: MINUS, description: "Milliseconds before the request is abandoned with RequestTimeoutError.", example: "" },
  { name: "`options.signal`", type: "AbortSignal", required: MINUS, description: "Cancels the request; it then fails with RequestAbortedError.", example: "" },
  { name: "`options.headers`", type: "HeadersInit", required: MINUS, description: "Extra headers for this request.", example: "" },
];

function parameterRows(op: TsOperation, view: TsView, paths: DocPaths, from: string): Row[] {
  if (op.request) {
    return [{
      name: "`request`",
      type: link(`operations.${op.request.typeName}`, paths.get(`request:${op.op.id}`), from),
      required: op.request.optional ? MINUS : CHECK,
      description: "The request object to use for the request.",
      example: "",
    }, ...OPTION_ROWS];
  }
  return [
    ...op.args.map((a) => ({
      name: codeSpan(a.name),
      type: cell(typeDoc(a.param.type, view, paths, from)),
      required: a.optional ? MINUS : CHECK,
      description: describe(a.param.docs),
      example: exampleText(a.param.docs.example),
    })),
    ...OPTION_ROWS,
  ];
}

/** A group's page; operations without a tag are the client's own methods, and their page is the client's. */
function sdkPage(group: TsGroup, view: TsView, paths: DocPaths): DocPage {
  const from = group.docsPage;
  return {
    path: from,
    template: "sdk",
    data: {
      title: inline(group.tag?.className ?? view.clientName),
      property: group.tag?.propertyName ?? "",
      overview: prose(group.tag ? group.tag.description ?? "" : UNTAGGED_OVERVIEW, 2),
      operations: group.operations.map((op) => ({
        name: op.methodName,
        anchor: anchor(op.methodName),
        summary: summaryOf(op),
        description: prose(op.op.docs.description ?? op.op.docs.summary ?? "", 3),
        deprecated: op.op.docs.deprecated === true,
        example: codeBlock("typescript", methodSample(view, op, group.tag?.propertyName)),
        standalone: codeBlock("typescript", functionSample(view, op)),
        parameters: parameterRows(op, view, paths, from),
        response: `**Promise\\<${link(`operations.${op.responseTypeName}`, paths.get(`response:${op.op.id}`), from)}\\>**`,
        errors: errorRows(op, paths, from),
      })),
    },
  };
}

/** The fields every response object has, before its bodies. */
const RESPONSE_META_ROWS: Row[] = [
  { name: "`statusCode`", type: "*number*", required: CHECK, description: "HTTP status code of the response.", example: "" },
  { name: "`contentType`", type: "*string*", required: CHECK, description: "Content-Type of the response.", example: "" },
  { name: "`headers`", type: "Record<string, *string*[]>", required: CHECK, description: "Response headers, by lower-case name.", example: "" },
  { name: "`rawResponse`", type: "[Response](https://developer.mozilla.org/en-US/docs/Web/API/Response)", required: CHECK, description: "The raw HTTP response.", example: "" },
].map((r) => ({ ...r, type: cell(r.type) }));

function* modelPages(view: TsView, paths: DocPaths): Generator<DocPage> {
  for (const t of view.types) {
    const from = paths.get(`type:${t.def.id}`);
    const text = prose(t.def.docs.description ?? t.def.docs.summary ?? "", 1);
    const base = { name: inline(t.name), description: [t.def.docs.deprecated ? "**Deprecated.**" : "", text].filter((d) => d !== "").join(" ") };
    if (t.def.kind === "enum") {
      const def = t.def;
      yield {
        path: from,
        template: "model",
        data: {
          ...base,
          example: codeBlock("typescript", enumSample(view, t.def.id)),
          fields: [],
          values: enumValueRows(def.members, t.memberNames!),
          open: def.open,
        },
      };
    } else if (t.def.kind === "alias") {
      yield { path: from, template: "model", data: { ...base, example: "", fields: [], values: [], open: false, alias: cell(typeDoc(t.def.type, view, paths, from)) } };
    } else {
      const lookup = (id: string) => view.typesById.get(id)?.def;
      // The interfaces it extends: a base with typed extra properties is copied in instead (extendedBases).
      const extended = extendedBases(t.def, lookup);
      const bases = extended.map((id) => typeDoc({ kind: "ref", target: id }, view, paths, from));
      const copied = t.def.bases.filter((id) => !extended.includes(id)).map((id) => typeDoc({ kind: "ref", target: id }, view, paths, from));
      const inherited = t.def.bases.flatMap((id) => {
        const b = view.typesById.get(id)?.def;
        if (b?.kind !== "object") return [];
        return extended.includes(id) ? b.properties : flattenedProperties(b, lookup);
      });
      const own = new Set(t.def.properties.map((p) => p.name));
      const props = [...inherited.filter((p) => !own.has(p.name)), ...t.def.properties];
      const extra = extraPropertyType(t.def, lookup);
      yield {
        path: from,
        template: "model",
        data: {
          ...base, example: "", fields: props.map((p) => propertyRow(p, view, paths, from)), values: [], open: false, extends: bases.join(", "), includes: copied.join(", "),
          additional: extra === undefined ? "" : `Other properties, by name: ${typeDoc(extra, view, paths, from)}.`,
        },
      };
    }
  }
  for (const op of allOperations(view)) {
    if (op.request) {
      const from = paths.get(`request:${op.op.id}`);
      const fields = op.request.fields.map((f) => {
        const type = f.source.kind === "param" ? f.source.param.type : f.source.body.type;
        const docs = f.source.kind === "param" ? f.source.param.docs : f.source.body.docs;
        return { name: codeSpan(f.name), type: cell(typeDoc(type, view, paths, from)), required: f.optional ? MINUS : CHECK, description: describe(docs), example: exampleText(docs.example) };
      });
      yield { path: from, template: "model", data: { name: op.request.typeName, description: "", example: "", fields, values: [], open: false } };
    }
    const from = paths.get(`response:${op.op.id}`);
    const bodies = op.bodyFields.map((b) => ({
      name: codeSpan(b.name), type: cell(b.binary ? "[Blob](https://developer.mozilla.org/en-US/docs/Web/API/Blob)" : typeDoc(b.type, view, paths, from)), required: b.always ? CHECK : MINUS,
      description: describe(op.op.responses.find((r) => r.status === b.status)?.docs ?? {}), example: "",
    }));
    yield { path: from, template: "model", data: { name: op.responseTypeName, description: "", example: "", fields: [...RESPONSE_META_ROWS, ...bodies], values: [], open: false } };
    for (const e of op.errors) {
      const page = paths.get(`error:${op.op.id}:${e.status}`);
      const fields = [
        { name: "`data$`", type: cell(typeDoc(e.error.body.type, view, paths, page)), required: CHECK, description: "The decoded error body.", example: "" },
        ...e.fields.map((p) => propertyRow(p, view, paths, page)),
        { name: "`statusCode`", type: "*number*", required: CHECK, description: "HTTP status code of the response.", example: "" },
        { name: "`body`", type: "*string*", required: CHECK, description: "The response body as text.", example: "" },
      ];
      yield { path: page, template: "model", data: { name: e.className, description: prose(e.error.docs.description ?? "", 1), example: "", fields, values: [], open: false } };
    }
  }
}

function readme(view: TsView): DocPage {
  const groups = view.groups;
  const first = view.groups[0]?.operations[0];
  const firstGroup = view.groups[0]?.tag?.propertyName;
  const client = view.clientName;
  const samples = first ? featureSamples(view, first, firstGroup) : undefined;
  const schemes = view.options.filter((o) => o.kind === "security");
  const variables = view.options.filter((o) => o.kind === "serverVariable");
  const globals = view.options.filter((o) => o.kind === "global");
  return {
    path: "README.md",
    template: "readme",
    data: {
      title: inline(view.api.info.title),
      summary: prose(view.api.info.summary ?? view.api.info.description?.split("\n\n")[0] ?? "", 1),
      packageName: view.config.packageName,
      client,
      core: view.coreName,
      example: first ? codeBlock("typescript", methodSample(view, first, firstGroup)) : "",
      resources: groups.map((g) => ({
        name: g.tag?.className ?? view.clientName,
        page: g.docsPage,
        operations: g.operations.map((op) => ({ name: op.methodName, anchor: anchor(op.methodName), summary: summaryOf(op) })),
      })),
      functions: groups.flatMap((g) => g.operations.map((op) => ({
        name: op.funcName, page: g.docsPage, anchor: anchor(op.methodName), summary: summaryOf(op),
      }))),
      hasOperations: first !== undefined,
      retries: samples ? codeBlock("typescript", samples.retries) : "",
      errors: samples ? codeBlock("typescript", samples.errors) : "",
      serverURL: samples ? codeBlock("typescript", samples.serverURL) : "",
      httpClient: samples ? codeBlock("typescript", samples.httpClient) : "",
      debugging: samples ? codeBlock("typescript", samples.debugging) : "",
      servers: view.api.servers.map((s, i) => ({ index: i, url: codeSpan(s.url), description: specCell(s.description ?? "") })),
      variables: variables.map((v) => (v.kind === "serverVariable" ? {
        option: `\`${v.name}\``, variable: codeSpan(v.variable), default: codeSpan(v.default),
        values: v.values?.map(codeSpan).join(", ") ?? "", description: specCell(v.description ?? ""),
      } : undefined)),
      hasVariables: variables.length > 0,
      schemes: schemes.map((s) => (s.kind === "security" ? {
        option: `\`${s.name}\``,
        type: s.scheme.kind === "apiKey" ? `API key (${s.scheme.in} ${codeSpan(s.scheme.wireName)})` : s.scheme.kind === "http" ? `HTTP ${s.scheme.scheme}` : s.scheme.kind,
        description: specCell(s.scheme.description ?? ""),
      } : undefined)),
      hasSchemes: schemes.length > 0,
      globals: globals.map((g) => (g.kind === "global" ? { option: `\`${g.name}\``, wire: `${g.param.in} ${codeSpan(g.param.wireName)}`, description: describe(g.param.docs) } : undefined)),
      hasGlobals: globals.length > 0,
    },
  };
}

/** Every documentation page of the TypeScript SDK, with the data its template needs; each made when it is asked for. */
export function* planDocs(view: TsView): Generator<DocPage> {
  const paths = new DocPaths({ types: view.types, operations: allOperations(view) });
  yield readme(view);
  for (const g of view.groups) yield sdkPage(g, view, paths);
  yield* modelPages(view, paths);
}
