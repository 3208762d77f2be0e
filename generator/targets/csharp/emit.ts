import type { Render } from "../../templates.ts";
import type { GeneratedFile } from "../target.ts";
import type { Body, Server } from "../../ir/types.ts";
import { BINARY_MEDIA_TYPES } from "../../ir/media.ts";
import type { CsArg, CsGroup, CsNamespace, CsOperation, CsView } from "./plan.ts";
import { docText, enumCode, objectCode, valueEnumCode } from "./emit-models.ts";
import { csType, nullable, type CsType } from "./render.ts";
import { csString, ident, msbuildText, summary, xmlText } from "./words.ts";
import { NameScope } from "../../naming/namer.ts";

/** The token the runtime's namespaces start with, replaced by the SDK's root namespace. */
export const RUNTIME_NAMESPACE_TOKEN = "SdkgenRuntime";

/** The source folder of the SDK's project, below the target's folder. */
export function projectDir(view: CsView): string {
  return `src/${view.config.namespace}`;
}

/** The using directives of every emitted file: the framework's, the runtime's, and each model namespace that has types. */
function usings(view: CsView): string {
  const ns = view.config.namespace;
  const models = (["Components", "Requests", "Errors"] as CsNamespace[]).filter((n) => n === "Errors" || view.types.some((t) => t.ns === n && t.shape !== "alias") || (n === "Requests" && view.groups.some((g) => g.operations.length > 0)));
  return [
    `${ns}.Utils`, ...models.map((m) => `${ns}.Models.${m}`),
  ].map((u) => `using global::${u};`).join("\n");
}

function file(path: string, content: string): GeneratedFile {
  return { path, content };
}

/** A body's C# type: its model for JSON and forms, bytes for binary media types, else text. */
export function bodyType(body: Body, view: CsView): CsType {
  if (/json/i.test(body.contentType) || /^application\/x-www-form-urlencoded/i.test(body.contentType)) return csType(body.type, view);
  return BINARY_MEDIA_TYPES.test(body.contentType)
    ? { text: "byte[]", value: false, reader: "Json.ReadBytes", writer: "Json.WriteBytes" }
    : { text: "string", value: false, reader: "Json.ReadString", writer: "Json.WriteString" };
}

/** A request body's C# type: as a response's, but other media types (multipart) take the model, sent as JSON as the Go SDK does. */
function requestBodyType(body: Body, view: CsView): CsType {
  return BINARY_MEDIA_TYPES.test(body.contentType) || /^text\//i.test(body.contentType) ? bodyType(body, view) : csType(body.type, view);
}

/** The declared C# type of an argument: nullable when it may be left out. */
export function argType(arg: CsArg, view: CsView): CsType {
  const t = arg.source.kind === "body" ? requestBodyType(arg.source.body, view) : csType(arg.source.param.type, view);
  return arg.required ? t : nullable(t);
}

function serverExpression(server: Server): string {
  const vars = server.variables.map((v) => `new ServerVariable(${[v.name, v.default, ...(v.enum ?? [])].map(csString).join(", ")})`);
  return `new ServerTemplate(${[csString(server.url), ...vars].join(", ")})`;
}

/** The statements that hand one argument to the call. */
function argStatements(arg: CsArg, view: CsView): string[] {
  const name = ident(arg.name);
  const t = arg.source.kind === "body" ? requestBodyType(arg.source.body, view) : csType(arg.source.param.type, view);
  const local = `${arg.name}Value`;
  const value = arg.required ? name : local;
  let statement: string;
  if (arg.source.kind === "param") {
    const p = arg.source.param;
    statement = `call.Param(${csString(p.in)}, ${csString(p.wireName)}, ${csString(p.style)}, ${p.explode}, Json.ToElement<${t.text}>(${value}, ${t.writer}, ${csString(arg.name)}));`;
  } else {
    const ct = arg.source.body.contentType;
    const encoded = /json/i.test(ct) ? `Json.ToBytes<${t.text}>(${value}, ${t.writer}, "requestBody")`
      : /^application\/x-www-form-urlencoded/i.test(ct) ? `ParamEncoding.Form(Json.ToElement<${t.text}>(${value}, ${t.writer}, "requestBody"), "requestBody")`
        : t.text === "byte[]" ? value : /^text\//i.test(ct) ? `global::System.Text.Encoding.UTF8.GetBytes(${value})` : `Json.ToBytes<${t.text}>(${value}, ${t.writer}, "requestBody")`;
    statement = `call.Body(${csString(ct)}, ${encoded});`;
  }
  if (arg.required) {
    return t.value ? [statement] : [`if (${name} is null) throw new SDKValidationException("a value is required", ${csString(arg.name)});`, statement];
  }
  const lines = [`if (${name} is { } ${local}) ${statement}`];
  if (arg.source.kind === "body" && arg.source.body.required) lines.push(`else throw new SDKValidationException("a request body is required", "requestBody");`);
  return lines;
}

/** One operation method: arguments to the call, the call, then each declared response. */
function methodCode(view: CsView, op: CsOperation): string {
  const o = op.op;
  const params = [
    ...op.args.map((a) => `${argType(a, view).text} ${ident(a.name)}${a.required ? "" : " = null"}`),
    "string? serverURL = null", "RequestOptions? options = null", "global::System.Threading.CancellationToken cancellationToken = default",
  ];
  const doc = [
    summary([o.docs.summary, docText(o.docs)].filter((t) => t !== undefined && t.trim() !== "").filter((t, i, all) => all.indexOf(t) === i).join("\n\n") || o.operationId, "    ", ""),
    ...op.args.map((a) => {
      const docs = a.source.kind === "param" ? a.source.param.docs : a.source.body.docs;
      const global = a.source.kind === "param" && a.source.global ? " Sent instead of the client's value when given." : "";
      return `    /// <param name="${a.name}">${xmlText(`${docs.description ?? docs.summary ?? ""}${global}`.trim()).join(" ")}</param>`;
    }),
    `    /// <param name="serverURL">Sends this call to another server.</param>`,
    `    /// <param name="options">Timeout and retry settings of this call, replacing the client's.</param>`,
    `    /// <param name="cancellationToken">Cancels the call.</param>`,
  ];
  const accept = [...new Set([...o.responses, ...o.errors].flatMap((r) => (r.body ? [r.body.contentType] : [])))].join(", ");
  const body: string[] = [`var call = new Call(_config, ${[o.operationId, o.method.toUpperCase(), o.path, accept].map(csString).join(", ")});`];
  if (o.servers && o.servers.length > 0) body.push(`call.Server(${serverExpression(o.servers[0]!)});`);
  // An empty alternative (the call may go without credentials) has no element to type `new[] { }` by (CS0826).
  if (o.security !== "inherit") body.push(`call.Security(${o.security.map((alt) => (alt.length === 0 ? "global::System.Array.Empty<string>()" : `new[] { ${alt.map(csString).join(", ")} }`)).join(", ")});`);
  // Arguments in declaration order, so parameters reach the wire as the spec lists them.
  const ordered = [...op.args].sort((a, b) => declarationIndex(op, a) - declarationIndex(op, b));
  for (const a of ordered) body.push(...argStatements(a, view));
  body.push("var response = await call.SendAsync(serverURL, options, cancellationToken).ConfigureAwait(false);");
  // An operation declaring no success response has no cases: an empty switch does not compile (CS1522).
  body.push("if (response.IsSuccess)", "{");
  if (o.responses.length > 0) body.push(`    switch (response.Pick(${o.responses.map((r) => csString(r.status)).join(", ")}))`, "    {");
  o.responses.forEach((r, i) => {
    const field = op.bodyFields.find((b) => b.status === r.status);
    body.push(`        case ${i}:`, "        {", `            var result = new ${op.responseName} { ContentType = response.ContentType, StatusCode = response.StatusCode, RawResponse = response.Raw };`);
    if (field) {
      const t = bodyType(field.body, view);
      body.push(`            if (!response.ContentTypeIs(${csString(field.body.contentType)})) throw response.Unexpected("Unexpected content type");`);
      const read = /json/i.test(field.body.contentType) ? `response.DecodeJson<${t.text}>(${t.reader})` : t.text === "byte[]" ? "response.Bytes" : "response.Text";
      body.push(`            result.${field.name} = ${read};`);
    }
    body.push("            return result;", "        }");
  });
  if (o.responses.length > 0) body.push("    }");
  body.push("    throw response.Unexpected(\"Unexpected status code\");", "}");
  if (op.errors.length > 0) {
    body.push(`switch (response.Pick(${op.errors.map((e) => csString(e.status)).join(", ")}))`, "{");
    op.errors.forEach((e, i) => {
      const json = /json/i.test(e.error.body.contentType);
      const t = json ? csType(e.error.body.type, view) : { text: "string", reader: "" };
      const path = e.error.messagePath ? `new[] { ${e.error.messagePath.map(csString).join(", ")} }` : "null";
      const fallback = csString(e.error.docs.description ?? e.error.docs.summary ?? `${op.methodName} failed`);
      body.push(`    case ${i}:`, `        if (response.ContentTypeIs(${csString(e.error.body.contentType)}))`, "        {");
      body.push(`            var data = ${json ? `response.DecodeJson<${t.text}>(${t.reader})` : "response.Text"};`);
      body.push(`            throw new ${e.name}(response.MessageAt(${path}, ${fallback}), data, response);`, "        }", "        break;");
    });
    body.push("}");
  }
  body.push("throw response.Unexpected(\"API error occurred\");");
  const obsolete = o.docs.deprecated ? ["    [global::System.Obsolete(\"This operation may be removed in a future release.\")]"] : [];
  return [...doc, ...obsolete, `    public async global::System.Threading.Tasks.Task<${op.responseName}> ${op.methodName}(${params.join(", ")})`, "    {", ...body.map((l) => `        ${l}`), "    }"].join("\n");
}

function declarationIndex(op: CsOperation, arg: CsArg): number {
  return arg.source.kind === "body" ? op.op.params.length : op.op.params.indexOf(arg.source.param);
}

function groupCode(view: CsView, group: CsGroup): string {
  const doc = summary(group.tag?.description ?? `Operations of the ${group.tag?.name ?? ""} tag.`, "", "");
  return [
    doc, `public sealed class ${group.className}`, "{", "    private readonly SDKConfig _config;", "",
    `    internal ${group.className}(SDKConfig config)`, "    {", "        _config = config;", "    }",
    ...group.operations.flatMap((op) => ["", methodCode(view, op)]), "}",
  ].join("\n");
}

function responseCode(view: CsView, op: CsOperation): string {
  const lines = [
    summary(`The answer of ${op.methodName}.`, "", ""), `public sealed class ${op.responseName}`, "{",
    summary("HTTP response content type for this operation.", "    ", ""), "    public required string ContentType { get; init; }", "",
    summary("HTTP response status code for this operation.", "    ", ""), "    public required int StatusCode { get; init; }", "",
    summary("Raw HTTP response; its body has already been read.", "    ", ""), "    public required global::System.Net.Http.HttpResponseMessage RawResponse { get; init; }",
  ];
  for (const b of op.bodyFields) {
    const t = nullable(bodyType(b.body, view));
    const desc = op.op.responses.find((r) => r.status === b.status)?.docs.description;
    lines.push("", summary(desc ?? `The body of a ${b.status} response.`, "    ", ""), `    public ${t.text} ${b.name} { get; set; }`);
  }
  lines.push("}");
  return lines.join("\n");
}

function errorCode(view: CsView, e: CsOperation["errors"][number]): string {
  const json = /json/i.test(e.error.body.contentType);
  const t = json ? csType(e.error.body.type, view).text : "string";
  return [
    summary(e.error.docs.description ?? `The API answered ${e.status}.`, "", ""), `public sealed class ${e.name} : APIException`, "{",
    summary("The decoded body of the error response (Exception.Data is .NET's own).", "    ", ""), `    public ${t} Payload { get; }`, "",
    `    internal ${e.name}(string message, ${t} payload, CallResponse response) : base(message, response)`, "    {", "        Payload = payload;", "    }", "}",
  ].join("\n");
}

function clientCode(view: CsView): string {
  const api = view.api;
  const params: string[] = [];
  const docs: string[] = [];
  const setup: string[] = [];
  const param = (text: string, name: string, doc: string) => {
    params.push(`${text} ${ident(name)} = null`);
    docs.push(`    /// <param name="${name}">${xmlText(doc).join(" ")}</param>`);
  };
  for (const o of view.options) {
    if (o.kind === "security") {
      const basic = o.scheme.kind === "http" && o.scheme.scheme === "basic";
      const t = basic ? "BasicAuth" : "string";
      param(`${t}?`, o.name, `The credential of the ${o.scheme.key} security scheme${o.scheme.description ? `: ${o.scheme.description}` : "."}`);
      param(`global::System.Func<${t}?>?`, `${o.name}Source`, `Gives the credential of ${o.scheme.key} for each request, instead of ${o.name}.`);
      setup.push(`if (${ident(o.name)}Source is not null) _config.Credentials[${csString(o.scheme.key)}] = () => ${ident(o.name)}Source();`);
      setup.push(`else if (${ident(o.name)} is not null) _config.Credentials[${csString(o.scheme.key)}] = () => ${ident(o.name)};`);
    } else if (o.kind === "serverVariable") {
      param("string?", o.name, `The server variable ${o.variable} (default ${JSON.stringify(o.default)}${o.values ? `; one of ${o.values.map((v) => JSON.stringify(v)).join(", ")}` : ""})${o.description ? `: ${o.description}` : "."}`);
      setup.push(`if (${ident(o.name)} is not null) _config.Variables[${csString(o.variable)}] = ${ident(o.name)};`);
    } else {
      const t = csType(o.param.type, view);
      param(nullable(t).text, o.name, `The ${o.param.in} ${o.param.wireName}, sent with every call${o.param.docs.description ? `: ${o.param.docs.description}` : "."}`);
      setup.push(`if (${ident(o.name)} is { } ${o.name}Value) _config.SetGlobal<${t.text}>(${csString(o.param.in)}, ${csString(o.param.wireName)}, ${csString(o.param.style)}, ${o.param.explode}, ${o.name}Value, ${t.writer});`);
    }
  }
  param("int?", "serverIndex", "The index of the server in ServerList to use (default 0).");
  param("string?", "serverURL", "A server URL to use instead of the API's servers.");
  param("global::System.Net.Http.HttpClient?", "client", "The HttpClient to send requests with; by default one that leaves redirects to the SDK.");
  param("RetryConfig?", "retryConfig", "The retry policy of every call (default: no retries).");
  param("global::System.TimeSpan?", "timeout", "The longest one attempt may take (default: no limit).");
  param("SDKHooks?", "hooks", "Code that runs around every request.");
  const init = [
    "_config = new SDKConfig(client) { ServerIndex = serverIndex ?? 0, ServerUrl = serverURL, Retry = retryConfig, Timeout = timeout, Hooks = hooks ?? new SDKHooks() };",
    ...api.servers.map((s) => `_config.Servers.Add(${serverExpression(s)});`),
    ...api.securitySchemes.map((s) => {
      const [kind, where, name] = s.kind === "apiKey" ? ["apiKey", s.in, s.wireName] : s.kind === "http" ? [s.scheme, "header", "Authorization"] : ["bearer", "header", "Authorization"];
      return `_config.Schemes.Add(new SecurityScheme(${[s.key, kind, where, name].map(csString).join(", ")}));`;
    }),
    ...api.security.map((alt) => `_config.Security.Add(${alt.length === 0 ? "global::System.Array.Empty<string>()" : `new[] { ${alt.map(csString).join(", ")} }`});`),
    ...setup,
    ...view.groups.filter((g) => g.propertyName !== undefined).map((g) => `${g.propertyName} = new ${g.className}(_config);`),
  ];
  const title = api.info.title;
  const lines = [
    summary(`A client of ${title}.${api.info.description ? `\n\n${api.info.description}` : ""}`, "", ""), `public sealed class ${view.clientName}`, "{",
    summary("The server URL templates of the API, by index.", "    ", ""),
    `    public static readonly global::System.Collections.Generic.IReadOnlyList<string> ServerList = new[] { ${api.servers.map((s) => csString(s.url)).join(", ")} };`, "",
    "    private readonly SDKConfig _config;",
  ];
  for (const g of view.groups.filter((g) => g.propertyName !== undefined)) {
    lines.push("", summary((g.tag?.description ?? `Operations of ${g.className}`).split(/\r\n?|\n/)[0]!.trim(), "    ", ""), `    public ${g.className} ${g.propertyName} { get; }`);
  }
  lines.push("", summary(`Creates a client of ${title}.`, "    ", ""), ...docs, `    public ${view.clientName}(${params.join(", ")})`, "    {", ...init.map((l) => `        ${l}`), "    }");
  for (const g of view.groups.filter((g) => g.propertyName === undefined)) for (const op of g.operations) lines.push("", methodCode(view, op));
  lines.push("}");
  return lines.join("\n");
}

function csFile(view: CsView, namespace: string, code: string): string {
  // The SDK's own code reads and writes members the API has deprecated; users are warned, the build is not.
  return `// Code generated by sdkgen. DO NOT EDIT.\n\n#nullable enable\n#pragma warning disable CS0618\n\n${usings(view)}\n\nnamespace ${namespace};\n\n${code}\n`;
}

/** The runtime, its namespace token replaced by the SDK's root namespace. */
function runtimeFile(view: CsView, source: GeneratedFile): GeneratedFile {
  const content = source.content.replace(new RegExp(`^((?:namespace|using) )${RUNTIME_NAMESPACE_TOKEN}\\b`, "gm"), `$1${view.config.namespace}`);
  return { path: source.path, content: `// Code generated by sdkgen. DO NOT EDIT.\n\n#nullable enable\n\n${content}` };
}

export function emitCSharp(view: CsView, render: Render, runtime: GeneratedFile[]): GeneratedFile[] {
  const ns = view.config.namespace;
  const dir = projectDir(view);
  const out: GeneratedFile[] = [];
  // Names that differ only in case are one file on macOS and Windows.
  const folders = new Map<string, NameScope>();
  const fileFor = (folder: string, name: string) => {
    const scope = folders.get(folder) ?? new NameScope(() => false, (n) => n.toLowerCase());
    folders.set(folder, scope);
    return `${folder}/${scope.claim([name])}.cs`;
  };
  out.push(file(`${dir}/${ns}.csproj`, render("csproj", { namespace: ns, version: msbuildText(view.config.packageVersion), title: msbuildText(view.api.info.title) })));
  for (const r of runtime) out.push(file(fileFor(`${dir}/Utils`, r.path.replace(/\.cs$/, "")), runtimeFile(view, r).content));
  for (const decl of view.types) {
    if (decl.shape === "alias") continue;
    const code = decl.shape === "class" ? objectCode(decl, view) : decl.shape === "enum" ? enumCode(decl, view) : valueEnumCode(decl, view);
    out.push(file(fileFor(`${dir}/Models/${decl.ns}`, decl.name), csFile(view, `${ns}.Models.${decl.ns}`, code)));
  }
  for (const group of view.groups) {
    for (const op of group.operations) {
      out.push(file(fileFor(`${dir}/Models/Requests`, op.responseName), csFile(view, `${ns}.Models.Requests`, responseCode(view, op))));
      for (const e of op.errors) out.push(file(fileFor(`${dir}/Models/Errors`, e.name), csFile(view, `${ns}.Models.Errors`, errorCode(view, e))));
    }
    if (group.propertyName !== undefined) out.push(file(fileFor(dir, group.className), csFile(view, ns, groupCode(view, group))));
  }
  out.push(file(fileFor(dir, view.clientName), csFile(view, ns, clientCode(view))));
  return out;
}
