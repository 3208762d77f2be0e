import type { Server, Type } from "../../ir/types.ts";
import type { ClientOption } from "../target.ts";
import { call, defLines, docstring, layout, list, prefixed, pyString, type DefParam, type Expr } from "./literals.ts";
import { docsText } from "./emit-models.ts";
import type { ModuleName, PyGroup, PyOperation, PyView } from "./plan.ts";
import { optionalType, renderSchema, renderType, type TypeContext } from "./render.ts";

const MODULES: ModuleName[] = ["components", "errors", "operations"];

function dict(entries: Array<[string, Expr]>): Expr {
  return { open: "{", items: entries.map(([k, v]) => prefixed(`${pyString(k)}: `, v)), close: "}" };
}

function schemaArg(type: Type, ctx: TypeContext): Expr {
  return type.kind === "primitive" && type.name === "unknown" ? "None" : renderSchema(type, ctx);
}

function serversExpr(servers: Server[], optionOf: (variable: string) => string): Expr {
  return list(servers.map((s) => call("_config.ServerSpec", [
    pyString(s.url),
    list(s.variables.map((v) => call("_config.ServerVariableSpec", [
      pyString(v.name), pyString(optionOf(v.name)), pyString(v.default), ...(v.enum ? [list(v.enum.map(pyString))] : []),
    ]))),
  ])));
}

function securityExpr(security: string[][]): Expr {
  return list(security.map((alt) => list(alt.map(pyString))));
}

function paramSpec(p: { wireName: string; in: string; style: string; explode: boolean; type: Type }, ctx: TypeContext, option?: string): Expr {
  return call("_config.ParamSpec", [
    pyString(p.wireName), pyString(p.in), pyString(p.style), p.explode ? "True" : "False", schemaArg(p.type, ctx),
    ...(option ? [pyString(option)] : []),
  ]);
}

function operationSpec(op: PyOperation, ctx: TypeContext): string[] {
  const o = op.op;
  const accept = [...new Set([...o.responses, ...o.errors].flatMap((r) => (r.body ? [r.body.contentType] : [])))].sort();
  const responses = o.responses.map((r) => {
    const field = op.bodyFields.find((f) => f.status === r.status);
    const args: Expr[] = [pyString(r.status)];
    if (r.body && field) args.push(pyString(r.body.contentType), pyString(field.name), schemaArg(r.body.type, ctx));
    return call("_invoke.ResponseSpec", args);
  });
  const errors = op.errors.map((e) => {
    ctx.used.add("errors");
    return call("_invoke.ErrorSpec", [pyString(e.status), pyString(e.error.body.contentType), schemaArg(e.error.body.type, ctx), `errors.${e.className}`]);
  });
  ctx.used.add("operations");
  const args: Expr[] = [
    `operation_id=${pyString(o.operationId)}`,
    `method=${pyString(o.method.toUpperCase())}`,
    `path=${pyString(o.path)}`,
    prefixed("servers=", o.servers ? serversExpr(o.servers, (v) => v) : "None"),
    prefixed("security=", o.security === "inherit" ? "None" : securityExpr(o.security)),
    prefixed("params=", list(o.params.map((p) => paramSpec(p, ctx)))),
    prefixed("body=", o.body ? call("_invoke.BodySpec", [pyString(o.body.contentType), o.body.required ? "True" : "False", schemaArg(o.body.type, ctx)]) : "None"),
    `accept=${pyString(accept.length > 0 ? accept.join(", ") : "*/*")}`,
    prefixed("responses=", list(responses)),
    prefixed("errors=", list(errors)),
    `response_type=operations.${op.responseTypeName}`,
  ];
  if (op.request) args.push(prefixed("request_fields=", list(op.request.fields.map((f) => pyString(f.name)))));
  return layout(call("_invoke.OperationSpec", args), "", `${op.specName} = `);
}

function optional(name: string, annotation: string): DefParam {
  return { name, annotation, default: "None" };
}

const OPTION_PARAMS: DefParam[] = [
  optional("retries", "typing.Optional[utils.RetryConfig]"),
  optional("server_url", "typing.Optional[str]"),
  optional("timeout_ms", "typing.Optional[int]"),
  optional("http_headers", "typing.Optional[typing.Mapping[str, str]]"),
  optional("retry_codes", "typing.Optional[typing.List[str]]"),
];

/** A method and its async twin. */
function methods(op: PyOperation, ctx: TypeContext): Array<{ signature: string[]; doc: string[]; body: string[] }> {
  const input: TypeContext = { ...ctx, mode: "input" };
  let params: DefParam[];
  let args: Expr;
  if (op.request) {
    const type = `typing.Union[operations.${op.request.typeName}, operations.${op.request.typedDict}]`;
    params = [op.request.optional ? optional("request", optionalType(type)) : { name: "request", annotation: type }];
    args = "request";
  } else {
    params = op.args.map((a) => {
      const type = renderType(a.param.type, input);
      return a.optional ? optional(a.name, optionalType(type)) : { name: a.name, annotation: type };
    });
    args = list(op.op.params.map((p) => op.args.find((a) => a.param === p)?.name ?? "None"));
  }
  const returns = `operations.${op.responseTypeName}`;
  const doc = docstring(docsText(op.op.docs) || `Calls ${op.op.operationId}.`, "        ");
  const options = call("_invoke.RequestOptions", ["retries", "server_url", "timeout_ms", "http_headers", "retry_codes"]);
  const make = (name: string, isAsync: boolean) => ({
    signature: defLines("    ", `${isAsync ? "async " : ""}def ${name}(`, ["self", ...params, "*", ...OPTION_PARAMS], `) -> ${returns}:`),
    doc,
    body: layout(call(`_invoke.${isAsync ? "call_async" : "call_sync"}`, ["self._config", op.specName, args, options]), "        ", isAsync ? "return await " : "return "),
  });
  return [make(op.methodName, false), make(op.asyncName, true)];
}

function modelImports(used: Set<ModuleName>): string[] {
  const modules = MODULES.filter((m) => used.has(m));
  return modules.length > 0 ? [`from .models import ${modules.join(", ")}`] : [];
}

export function groupData(view: PyView, group: PyGroup & { tag: NonNullable<PyGroup["tag"]> }): object {
  const ctx: TypeContext = { view, from: "outside", used: new Set(), mode: "model" };
  const specs = group.operations.map((op) => operationSpec(op, ctx));
  const ms = group.operations.flatMap((op) => methods(op, ctx));
  return {
    doc: docstring(`Operations of the ${group.tag.name} tag.`, ""),
    modelImports: modelImports(ctx.used),
    specs,
    className: group.tag.className,
    classDoc: docstring(group.tag.description ?? "", "    "),
    methods: ms,
  };
}

function optionParam(o: ClientOption, ctx: TypeContext): DefParam {
  if (o.kind === "security") {
    const basic = o.scheme.kind === "http" && o.scheme.scheme === "basic";
    return optional(o.name, `typing.Optional[${basic ? "utils.BasicCredentials" : "utils.Credential"}]`);
  }
  if (o.kind === "serverVariable") return optional(o.name, "typing.Optional[str]");
  return optional(o.name, optionalType(renderType(o.param.type, { ...ctx, mode: "input" })));
}

function apiSpec(view: PyView, ctx: TypeContext): string[] {
  const optionOf = (variable: string) => view.options.find((o) => o.kind === "serverVariable" && o.variable === variable)?.name ?? variable;
  const schemes: Array<[string, Expr]> = view.options.flatMap((o): Array<[string, Expr]> => {
    if (o.kind !== "security") return [];
    const s = o.scheme;
    const spec = s.kind === "apiKey"
      ? call("_config.SecuritySchemeSpec", [pyString("apiKey"), pyString(o.name), pyString(s.in), pyString(s.wireName)])
      : call("_config.SecuritySchemeSpec", [pyString(s.kind === "http" && s.scheme === "basic" ? "basic" : "bearer"), pyString(o.name)]);
    return [[s.key, spec]];
  });
  const globals = view.options.flatMap((o) => (o.kind === "global" ? [paramSpec(o.param, ctx, o.name)] : []));
  return layout(call("_config.ApiSpec", [
    prefixed("servers=", serversExpr(view.api.servers, optionOf)),
    prefixed("security_schemes=", dict(schemes)),
    prefixed("security=", securityExpr(view.api.security)),
    prefixed("globals=", list(globals)),
  ]), "", "_API = ");
}

export function clientData(view: PyView): object {
  const ctx: TypeContext = { view, from: "outside", used: new Set(), mode: "model" };
  const tagged = view.groups.filter((g): g is PyGroup & { tag: NonNullable<PyGroup["tag"]> } => g.tag !== undefined);
  const untagged = view.groups.find((g) => g.tag === undefined)?.operations ?? [];
  const specs = untagged.map((op) => operationSpec(op, ctx));
  const ms = untagged.flatMap((op) => methods(op, ctx));
  const params = view.options.map((o) => optionParam(o, ctx));
  const base = [
    optional("server_url", "typing.Optional[str]"),
    optional("server_idx", "typing.Optional[int]"),
    optional("retry_config", "typing.Optional[utils.RetryConfig]"),
    optional("timeout_ms", "typing.Optional[int]"),
    optional("client", "typing.Optional[httpx.Client]"),
    optional("async_client", "typing.Optional[httpx.AsyncClient]"),
    optional("debug_logger", "typing.Optional[logging.Logger]"),
    optional("hooks", "utils.Hooks"),
  ];
  const configCall = call("_config.SDKConfiguration", [
    "_API",
    dict(view.options.map((o) => [o.name, o.name])),
    "server_url", "server_idx", "timeout_ms", "retry_config", "client", "async_client", "debug_logger", "hooks",
  ]);
  const init = [
    ...defLines("    ", "def __init__(", ["self", "*", ...params, ...base], ") -> None:"),
    ...docstring("Options of the client; see the README for each one.", "        "),
    ...layout(configCall, "        ", "self._config = "),
    // Declared here, not in the class body: a property named like an imported module (`operations`) would hide it there.
    ...tagged.flatMap((g) => [
      `        self.${g.tag.propertyName}: ${g.tag.className} = ${g.tag.className}(self._config)`,
      ...docstring(g.tag.description ?? "", "        "),
    ]),
  ];
  const api = apiSpec(view, ctx);
  return {
    doc: docstring(`The ${view.clientName} client.`, ""),
    modelImports: modelImports(ctx.used),
    groupImports: tagged.map((g) => `from .${g.tag.moduleName} import ${g.tag.className}`),
    api,
    specs,
    clientName: view.clientName,
    classDoc: docstring(view.api.info.summary ?? `Client for ${view.api.info.title}.`, "    "),
    init,
    methods: ms,
  };
}
