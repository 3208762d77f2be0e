import type { Render } from "../../templates.ts";
import type { GeneratedFile } from "../target.ts";
import type { Body, Parameter, Server } from "../../ir/types.ts";
import { BINARY_MEDIA_TYPES } from "../../ir/media.ts";
import type { GoGroup, GoOperation, GoView } from "./plan.ts";
import { goType, Imports, modelData, nilable } from "./render.ts";
import { commentLines, goString } from "./words.ts";

function docText(summary: string | undefined, description: string | undefined): string | undefined {
  const parts = [summary, description].filter((t): t is string => t !== undefined && t.trim() !== "");
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

function serverArgs(server: Server): string {
  const vars = server.variables.map((v) => `sdkcore.Var(${[v.name, v.default, ...(v.enum ?? [])].map(goString).join(", ")})`);
  return [goString(server.url), ...vars].join(", ");
}

/** The Go type of an operation argument, qualified from the root package. */
export function argType(arg: GoOperation["args"][number], im: Imports): string {
  if (arg.source.kind === "body") {
    const t = goType(arg.source.body.type, im);
    return nilable(t) ? t : `*${t}`;
  }
  const t = goType(arg.source.param.type, im);
  return arg.pointer && !nilable(t) ? `*${t}` : t;
}

function methodData(view: GoView, op: GoOperation, receiver: string, im: Imports) {
  im.std("context");
  im.pkg("operations");
  const params = ["ctx context.Context", ...op.args.map((a) => `${a.name} ${argType(a, im)}`), "opts ...operations.Option"];
  const setup: string[] = [];
  const o = op.op;
  if (o.servers && o.servers.length > 0) {
    if (o.servers[0]!.variables.length > 0) im.pkg("sdkcore");
    setup.push(`call.Server(${serverArgs(o.servers[0]!)})`);
  }
  if (o.security !== "inherit") setup.push(`call.Security(${o.security.map((alt) => `[]string{${alt.map(goString).join(", ")}}`).join(", ")})`);
  for (const a of op.args) {
    if (a.source.kind === "param") {
      const p: Parameter = a.source.param;
      setup.push(`call.Param(${goString(p.in)}, ${goString(p.wireName)}, ${goString(p.style)}, ${p.explode}, ${a.name})`);
    } else {
      setup.push(`call.Body(${goString(a.source.body.contentType)}, ${a.name}, ${a.source.body.required})`);
    }
  }
  const successes = o.responses.map((r, index) => {
    const field = op.bodyFields.find((b) => b.status === r.status);
    if (!field) return { index, field: "", contentType: "", json: false, binary: false, bodyType: "", pointer: false };
    const json = /json/i.test(field.body.contentType);
    const bodyType = responseBodyType(field.body, im);
    return { index, field: field.name, contentType: goString(field.body.contentType), json, binary: bodyType === "[]byte", bodyType, pointer: !nilable(bodyType) };
  });
  const errors = op.errors.map((e, index) => {
    im.pkg("sdkerrors");
    const json = /json/i.test(e.error.body.contentType);
    const bodyType = json ? goType(e.error.body.type, im) : "string";
    return {
      index, name: e.name, contentType: goString(e.error.body.contentType), json, bodyType, dataKey: dataKey(view, e.error.body.type, json),
      messagePath: e.error.messagePath ? `[]string{${e.error.messagePath.map(goString).join(", ")}}` : "nil",
      fallback: goString(e.error.docs.description ?? e.error.docs.summary ?? `${op.methodName} failed`),
    };
  });
  const accept = [...new Set([...o.responses, ...o.errors].flatMap((r) => (r.body ? [r.body.contentType] : [])))].join(", ");
  return {
    doc: commentLines(`${op.methodName} - ${docText(o.docs.summary, o.docs.description) ?? o.operationId}${o.docs.deprecated ? "\n\nDeprecated: this operation may be removed in a future release." : ""}`).join("\n"),
    receiver, name: op.methodName, params: params.join(", "), response: op.responseName,
    operationId: goString(o.operationId), method: goString(o.method.toUpperCase()), path: goString(o.path), accept: goString(accept),
    setup, successes, successStatuses: o.responses.map((r) => goString(r.status)).join(", "),
    errors, errorStatuses: o.errors.map((e) => goString(e.status)).join(", "),
  };
}

/** The Go type a success body is returned as: its model for JSON, bytes for binary media types, else text. */
function responseBodyType(body: Body, im: Imports): string {
  if (/json/i.test(body.contentType)) return goType(body.type, im);
  return BINARY_MEDIA_TYPES.test(body.contentType) ? "[]byte" : "string";
}

/** The field an error struct keeps its body in: the body type itself, embedded, when it is an object. */
function dataKey(view: GoView, type: import("../../ir/types.ts").Type, json: boolean): string {
  if (!json || type.kind !== "ref") return "Data";
  const decl = view.typesById.get(type.target);
  return decl?.def.kind === "object" ? decl.name : "Data";
}

function file(path: string, content: string): GeneratedFile {
  return { path, content };
}

export function emitGo(view: GoView, render: Render, runtime: GeneratedFile[]): GeneratedFile[] {
  const mod = view.config.modulePath;
  const out: GeneratedFile[] = [];
  out.push(file("go.mod", render("go.mod", { modulePath: mod })));
  for (const r of runtime) out.push(file(`internal/sdkcore/${r.path}`, r.content));
  out.push(file("retry/retry.go", render("retry.go", { modulePath: mod })));
  out.push(file("hooks/hooks.go", render("hooks.go", { modulePath: mod })));
  out.push(file("models/operations/options.go", render("options.go", { modulePath: mod })));
  out.push(file("models/sdkerrors/sdkerrors.go", render("sdkerrors.go", { modulePath: mod })));

  for (const decl of view.types) {
    const im = new Imports(view, decl.pkg);
    const data = modelData(decl, im);
    out.push(file(`models/${decl.pkg}/${decl.file}`, render("model.go", {
      ...data, package: decl.pkg, isStruct: data.kind === "struct", isAlias: data.kind === "alias", isEnum: data.kind === "enum", imports: im.block(),
    })));
  }

  for (const group of view.groups) {
    for (const op of group.operations) {
      const im = new Imports(view, "operations");
      im.std("net/http");
      const fields = op.bodyFields.map((b) => {
        const t = responseBodyType(b.body, im);
        const desc = op.op.responses.find((r) => r.status === b.status)?.docs.description;
        return { name: b.name, type: nilable(t) ? t : `*${t}`, doc: commentLines(desc ?? `The body of a ${b.status} response.`, "\t").join("\n") };
      });
      out.push(file(`models/operations/${op.responseFile}`, render("response.go", { name: op.responseName, method: op.methodName, fields, imports: im.block() })));
      for (const e of op.errors) {
        const eim = new Imports(view, "sdkerrors");
        const json = /json/i.test(e.error.body.contentType);
        const key = dataKey(view, e.error.body.type, json);
        const bodyType = json ? goType(e.error.body.type, eim) : "string";
        const doc = commentLines(`${e.name} - ${e.error.docs.description ?? `the API answered ${e.status}`}`).join("\n");
        out.push(file(`models/sdkerrors/${e.file}`, render("operror.go", {
          name: e.name, doc, dataField: key === "Data" ? `Data ${bodyType}` : bodyType, imports: eim.block(),
        })));
      }
    }
  }

  const pkg = view.config.packageName;
  for (const group of view.groups.filter((g) => g.fieldName !== undefined)) {
    const im = new Imports(view, "root");
    im.pkg("sdkcore");
    const methods = group.operations.map((op) => methodData(view, op, group.typeName, im));
    out.push(file(group.file, render("group.go", {
      package: pkg, typeName: group.typeName, methods, imports: im.block(),
      doc: commentLines(`${group.typeName} - ${group.tag?.description ?? `Operations of the ${group.tag?.name ?? ""} tag.`}`).join("\n"),
    })));
  }
  out.push(file(view.clientFile, renderRoot(view, render)));
  return out;
}

function groupSummary(g: GoGroup): string {
  return (g.tag?.description ?? `Operations of ${g.typeName}`).split(/\r\n?|\n/)[0]!.trim();
}

function renderRoot(view: GoView, render: Render): string {
  const im = new Imports(view, "root");
  im.std("net/http");
  im.std("time");
  im.pkg("sdkcore");
  im.pkg("retry");
  im.pkg("hooks");
  const api = view.api;
  const setup: string[] = [];
  for (const s of api.servers) setup.push(`core.AddServer(${serverArgs(s)})`);
  for (const scheme of api.securitySchemes) {
    const [kind, where, name] = scheme.kind === "apiKey" ? ["apiKey", scheme.in, scheme.wireName] : scheme.kind === "http" ? [scheme.scheme, "header", "Authorization"] : ["bearer", "header", "Authorization"];
    setup.push(`core.AddScheme(${[scheme.key, kind, where, name].map(goString).join(", ")})`);
  }
  for (const alt of api.security) setup.push(`core.AddSecurity(${alt.map(goString).join(", ")})`);
  for (const g of api.globals) setup.push(`core.AddGlobal(${goString(g.in)}, ${goString(g.wireName)}, ${goString(g.style)}, ${g.explode})`);
  const options = view.options.map((o) => {
    if (o.kind === "security") {
      const basic = o.scheme.kind === "http" && o.scheme.scheme === "basic";
      return {
        name: o.name,
        params: basic ? "username, password string" : "value string",
        statement: basic
          ? `s.core.SetCredential(${goString(o.scheme.key)}, sdkcore.BasicCredentials{Username: username, Password: password})`
          : `s.core.SetCredential(${goString(o.scheme.key)}, value)`,
        doc: commentLines(`${o.name} sets the credential of the ${o.scheme.key} security scheme${o.scheme.description ? `: ${o.scheme.description}` : "."}`).join("\n"),
      };
    }
    if (o.kind === "serverVariable") {
      return {
        name: o.name, params: "value string", statement: `s.core.SetServerVariable(${goString(o.variable)}, value)`,
        doc: commentLines(`${o.name} sets the server variable ${o.variable} (default ${JSON.stringify(o.default)}${o.values ? `; one of ${o.values.map((v) => JSON.stringify(v)).join(", ")}` : ""})${o.description ? `: ${o.description}` : "."}`).join("\n"),
      };
    }
    return {
      name: o.name, params: `value ${goType(o.param.type, im)}`, statement: `s.core.SetGlobal(${goString(o.param.in)}, ${goString(o.param.wireName)}, value)`,
      doc: commentLines(`${o.name} sets the ${o.param.in} ${o.param.wireName}, sent with every call${o.param.docs.description ? `: ${o.param.docs.description}` : "."}`).join("\n"),
    };
  });
  const tagged = view.groups.filter((g) => g.fieldName !== undefined);
  const untagged = view.groups.filter((g) => g.fieldName === undefined).flatMap((g) => g.operations.map((op) => methodData(view, op, view.clientName, im)));
  const title = api.info.title;
  return render("sdk.go", {
    package: view.config.packageName,
    packageDoc: commentLines(`Package ${view.config.packageName} is a client of ${title}.${api.info.summary ? `\n\n${api.info.summary}` : ""}`).join("\n"),
    clientDoc: commentLines(`${view.clientName} is a client of ${title}.${api.info.description ? `\n\n${api.info.description}` : ""}`).join("\n"),
    client: view.clientName,
    servers: api.servers.map((s) => goString(s.url)),
    groups: tagged.map((g) => ({ fieldName: g.fieldName, typeName: g.typeName, summary: commentLines(groupSummary(g))[0]?.slice(3) ?? "" })),
    options, setup, untagged, imports: im.block(),
  });
}
