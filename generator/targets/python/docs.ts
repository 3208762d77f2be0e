import { DocPaths, link } from "../../docs/doc-paths.ts";
import { enumValueRows, CHECK, describe, errorRows, MINUS, operationSummary, UNTAGGED_OVERVIEW, type Row } from "../../docs/tables.ts";
import type { Property, Type } from "../../ir/types.ts";
import type { Render } from "../../templates.ts";
import { anchor, cell, codeBlock, codeSpan, exampleText, inline, prose, specCell } from "../../docs/markdown.ts";
import type { GeneratedFile } from "../target.ts";
import type { PyGroup, PyOperation, PyView } from "./plan.ts";
import { EXTRA_FIELD_DOC } from "./emit-models.ts";
import { enumSample, featureSamples, methodSample } from "./samples.ts";

function operations(view: PyView): PyOperation[] {
  return view.groups.flatMap((g) => g.operations);
}

/** A type as Markdown in Python's spelling, model names linked to their pages. */
function typeDoc(type: Type, view: PyView, paths: DocPaths, from: string): string {
  switch (type.kind) {
    case "primitive":
      if (type.name === "string" && type.format === "binary") return "*bytes*";
      return `*${{ string: "str", integer: "int", number: "float", boolean: "bool", null: "None", unknown: "Any" }[type.name]}*`;
    case "literal":
      return `*Literal[${JSON.stringify(type.value)}]*`;
    case "ref": {
      const decl = view.typesById.get(type.target);
      return decl ? link(`${decl.module}.${decl.name}`, paths.get(`type:${decl.def.id}`), from) : "*Any*";
    }
    case "array":
      return `List[${typeDoc(type.items, view, paths, from)}]`;
    case "nullable":
      return `Optional[${typeDoc(type.inner, view, paths, from)}]`;
    case "map":
      return `Dict[str, ${typeDoc(type.values, view, paths, from)}]`;
    case "union":
      return `Union[${type.variants.map((v) => typeDoc(v, view, paths, from)).join(", ")}]`;
    case "intersection":
      // A dict at run time, checked against every part; the page links the parts.
      return `Dict[str, Any] (all of ${type.parts.map((p) => typeDoc(p, view, paths, from)).join(", ")})`;
  }
}

function summaryOf(op: PyOperation): string {
  return operationSummary(op.op.docs, op.methodName);
}

function fieldRow(name: string, p: Property, view: PyView, paths: DocPaths, from: string): Row {
  return {
    name: codeSpan(name),
    type: cell(typeDoc(p.type, view, paths, from)),
    required: p.required ? CHECK : MINUS,
    description: describe(p.docs, p.default),
    example: exampleText(p.docs.example),
  };
}

const OPTION_ROWS: Row[] = [
  { name: "`retries`", type: "Optional[[utils.RetryConfig](../../../README.md#retries)]", required: MINUS, description: "Retry policy for this call, replacing the client's.", example: "" },
  { name: "`server_url`", type: "Optional[str]", required: MINUS, description: "Sends this call to another server.", example: "" },
  { name: "`timeout_ms`", type: "Optional[int]", required: MINUS, description: "Milliseconds before the call is abandoned with RequestTimeoutError.", example: "" },
  { name: "`http_headers`", type: "Optional[Mapping[str, str]]", required: MINUS, description: "Extra headers for this call.", example: "" },
  { name: "`retry_codes`", type: "Optional[List[str]]", required: MINUS, description: "Statuses to retry (\"503\", \"5XX\"); 429, 500, 502, 503 and 504 by default.", example: "" },
];

function parameterRows(op: PyOperation, view: PyView, paths: DocPaths, from: string): Row[] {
  if (op.request) {
    const type = link(`operations.${op.request.typeName}`, paths.get(`request:${op.op.id}`), from);
    return [{
      name: "`request`",
      type: `${type} or the same as a dict (operations.${op.request.typedDict})`,
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
function sdkPage(group: PyGroup, view: PyView, paths: DocPaths): { path: string; data: object } {
  const from = group.docsPage;
  return {
    path: from,
    data: {
      title: inline(group.tag?.className ?? view.clientName),
      property: group.tag?.propertyName ?? "",
      overview: prose(group.tag ? group.tag.description ?? "" : UNTAGGED_OVERVIEW, 2),
      operations: group.operations.map((op) => ({
        name: op.methodName,
        anchor: anchor(op.methodName),
        summary: summaryOf(op),
        description: prose(`${op.op.docs.description ?? op.op.docs.summary ?? ""}\n\nThe asyncio twin is \`${op.asyncName}\`, with the same parameters.`, 3),
        deprecated: op.op.docs.deprecated === true,
        example: codeBlock("python", methodSample(view, op, group.tag?.propertyName)),
        standalone: "",
        parameters: parameterRows(op, view, paths, from),
        response: `**${link(`operations.${op.responseTypeName}`, paths.get(`response:${op.op.id}`), from)}**`,
        errors: errorRows(op, paths, from),
      })),
    },
  };
}

function modelPages(view: PyView, paths: DocPaths): Array<{ path: string; data: object }> {
  const pages: Array<{ path: string; data: object }> = [];
  const page = (from: string, data: Record<string, unknown>) =>
    pages.push({ path: from, data: { description: "", example: "", fields: [], values: [], open: false, ...data } });
  for (const t of view.types) {
    const from = paths.get(`type:${t.def.id}`);
    const base = { name: inline(t.name), description: prose(t.def.docs.description ?? t.def.docs.summary ?? "", 1) };
    const def = t.def;
    if (def.kind === "enum") {
      page(from, {
        ...base,
        example: codeBlock("python", enumSample(view, def.id)),
        values: enumValueRows(def.members, t.memberNames!),
        open: def.open,
      });
    } else if (def.kind === "alias") {
      page(from, { ...base, alias: cell(typeDoc(def.type, view, paths, from)) });
    } else {
      const fields = (t.fields ?? []).map((f) => fieldRow(f.name, f.prop, view, paths, from));
      // Fields of allOf bases are copied into the class, not inherited: the bases are named, not extended.
      const bases = def.bases.map((id) => typeDoc({ kind: "ref", target: id }, view, paths, from));
      const notes = [
        bases.length > 0 ? `Has every field of ${bases.join(", ")}.` : "",
        t.typedDict ? `Also accepted as a dict: \`${t.typedDict}\`.` : "",
      ];
      if (t.extraField !== undefined) {
        const type = `Dict[str, ${typeDoc(t.extraType!, view, paths, from)}]`;
        fields.push({ name: codeSpan(t.extraField), type: cell(type), required: MINUS, description: EXTRA_FIELD_DOC, example: "" });
      }
      page(from, { ...base, description: [base.description, ...notes].filter((x) => x !== "").join("\n\n"), fields });
    }
  }
  for (const op of operations(view)) {
    if (op.request) {
      const from = paths.get(`request:${op.op.id}`);
      const fields = op.request.fields.map((f) => {
        const type = f.source.kind === "param" ? f.source.param.type : f.source.body.type;
        const docs = f.source.kind === "param" ? f.source.param.docs : f.source.body.docs;
        return { name: codeSpan(f.name), type: cell(typeDoc(type, view, paths, from)), required: f.optional ? MINUS : CHECK, description: describe(docs), example: exampleText(docs.example) };
      });
      page(from, { name: op.request.typeName, description: `Also accepted as a dict: \`${op.request.typedDict}\`.`, fields });
    }
    const from = paths.get(`response:${op.op.id}`);
    const meta: Row[] = [
      { name: "`status_code`", type: "*int*", required: CHECK, description: "HTTP status code of the response.", example: "" },
      { name: "`content_type`", type: "*str*", required: CHECK, description: "Content-Type of the response.", example: "" },
      { name: "`headers`", type: "Dict[str, List[*str*]]", required: CHECK, description: "Response headers, by lower-case name.", example: "" },
      { name: "`raw_response`", type: "httpx.Response", required: CHECK, description: "The raw HTTP response.", example: "" },
    ];
    const bodies = op.bodyFields.map((b) => ({
      name: codeSpan(b.name), type: cell(typeDoc(b.type, view, paths, from)), required: b.always ? CHECK : MINUS,
      description: describe(op.op.responses.find((r) => r.status === b.status)?.docs ?? {}), example: "",
    }));
    page(from, { name: op.responseTypeName, fields: [...meta, ...bodies] });
    for (const e of op.errors) {
      const at = paths.get(`error:${op.op.id}:${e.status}`);
      const fields = [
        { name: "`data`", type: cell(typeDoc(e.error.body.type, view, paths, at)), required: CHECK, description: "The decoded error body.", example: "" },
        ...e.fields.map((f) => fieldRow(f.name, f.prop, view, paths, at)),
        { name: "`status_code`", type: "*int*", required: CHECK, description: "HTTP status code of the response.", example: "" },
        { name: "`body`", type: "*str*", required: CHECK, description: "The response body as text.", example: "" },
      ];
      page(at, { name: e.className, description: prose(e.error.docs.description ?? "", 1), fields });
    }
  }
  return pages;
}

function readmeData(view: PyView): object {
  const first = view.groups[0]?.operations[0];
  const firstGroup = view.groups[0]?.tag?.propertyName;
  const samples = first ? featureSamples(view, first, firstGroup) : undefined;
  const block = (code: string | undefined) => (code ? codeBlock("python", code) : "");
  const schemes = view.options.flatMap((o) => (o.kind === "security" ? [o] : []));
  const variables = view.options.flatMap((o) => (o.kind === "serverVariable" ? [o] : []));
  const globals = view.options.flatMap((o) => (o.kind === "global" ? [o] : []));
  return {
    title: inline(view.api.info.title),
    summary: prose(view.api.info.summary ?? view.api.info.description?.split("\n\n")[0] ?? "", 1),
    packageName: view.config.packageName,
    distribution: view.config.packageName.replace(/_/g, "-"),
    client: view.clientName,
    example: first ? codeBlock("python", methodSample(view, first, firstGroup)) : "",
    hasOperations: first !== undefined,
    resources: view.groups.map((g) => ({
      name: inline(g.tag?.className ?? view.clientName),
      page: g.docsPage,
      operations: g.operations.map((op) => ({ name: op.methodName, anchor: anchor(op.methodName), summary: summaryOf(op) })),
    })),
    asyncUsage: block(samples?.asyncUsage),
    retries: block(samples?.retries),
    errors: block(samples?.errors),
    serverURL: block(samples?.serverURL),
    httpClient: block(samples?.httpClient),
    debugging: block(samples?.debugging),
    hooks: block(samples?.hooks),
    servers: view.api.servers.map((s, i) => ({ index: i, url: codeSpan(s.url), description: specCell(s.description ?? "") })),
    variables: variables.map((v) => ({
      option: `\`${v.name}\``, variable: codeSpan(v.variable), default: codeSpan(v.default),
      values: v.values?.map(codeSpan).join(", ") ?? "", description: specCell(v.description ?? ""),
    })),
    hasVariables: variables.length > 0,
    schemes: schemes.map((s) => ({
      option: `\`${s.name}\``,
      type: s.scheme.kind === "apiKey" ? `API key (${s.scheme.in} ${codeSpan(s.scheme.wireName)})` : s.scheme.kind === "http" ? `HTTP ${s.scheme.scheme}` : s.scheme.kind,
      description: specCell(s.scheme.description ?? ""),
    })),
    hasSchemes: schemes.length > 0,
    globals: globals.map((g) => ({ option: `\`${g.name}\``, wire: `${g.param.in} ${codeSpan(g.param.wireName)}`, description: describe(g.param.docs) })),
    hasGlobals: globals.length > 0,
  };
}

/** The Python SDK's Markdown: README, one page per resource, one page per model. */
export function emitPythonDocs(view: PyView, render: Render): GeneratedFile[] {
  const paths = new DocPaths({ types: view.types, operations: operations(view) });
  return [
    { path: "README.md", content: render("readme", readmeData(view)) },
    ...view.groups.map((g) => sdkPage(g, view, paths)).map((p) => ({ path: p.path, content: render("sdk", p.data) })),
    ...modelPages(view, paths).map((p) => ({ path: p.path, content: render("model", p.data) })),
  ];
}
