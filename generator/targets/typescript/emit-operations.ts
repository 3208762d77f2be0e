import {
  StructureKind, type ClassDeclarationStructure, type ImportDeclarationStructure, type MethodDeclarationStructure,
  type OptionalKind, type ParameterDeclarationStructure,
} from "./print.ts";
import type { ParameterLocation, Server, Type } from "../../ir/types.ts";
import { indexedValue, jsonLiteral, quotedKey, stringLiteral } from "./literals.ts";
import { constDeclaration, jsDocs, type Statement } from "./emit-models.ts";
import { isBinary, type ModuleName, type TsGroup, type TsOperation, type TsView } from "./plan.ts";
import { renderType, type TypeContext } from "./render-type.ts";
import { schemaImports, renderSchema } from "./render-schema.ts";

export interface EmittedModule {
  path: string;
  statements: Statement[];
}

function modelImports(used: Set<ModuleName>, prefix: string, valueModules: ModuleName[] = []): ImportDeclarationStructure[] {
  return (["components", "operations", "errors"] as ModuleName[])
    .filter((m) => used.has(m) || valueModules.includes(m))
    .map((m) => ({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `${prefix}models/${m}/index.js`,
      namespaceImport: m,
      isTypeOnly: !valueModules.includes(m),
    }));
}

const PARAM_ENCODERS: Record<ParameterLocation, string> = {
  path: "serializePathParam",
  query: "serializeQueryParam",
  header: "serializeHeaderValue",
  cookie: "serializeCookie",
};

/** The runtime encoder (runtime/encodings.ts) for a request body's content type. */
function bodyEncoder(body: { contentType: string; type: Type }): string {
  if (/json/i.test(body.contentType)) return "encodeJson";
  if (/^application\/x-www-form-urlencoded/i.test(body.contentType)) return "encodeForm";
  if (isMultipart(body.contentType)) return "encodeMultipart";
  if (isBinary(body.type)) return "encodeBinary";
  return "encodeText";
}

function isMultipart(contentType: string): boolean {
  return /^multipart\/form-data/i.test(contentType);
}

function encoderImports(used: Set<string>, moduleSpecifier: string): ImportDeclarationStructure[] {
  if (used.size === 0) return [];
  return [{ kind: StructureKind.ImportDeclaration, moduleSpecifier, namedImports: [...used].sort() }];
}

/** A parameter's wire description with its encoder, for the runtime's ParamSpec. */
function paramSpecLiteral(p: { wireName: string; in: ParameterLocation; style: string; explode: boolean }, encoders: Set<string>): string {
  const encoder = PARAM_ENCODERS[p.in];
  encoders.add(encoder);
  // Defaults are left out (see the runtime's ParamStyle): most parameters then take one short line.
  const defaultStyle = p.in === "query" || p.in === "cookie" ? "form" : "simple";
  const style = p.style === defaultStyle ? "" : `, style: ${stringLiteral(p.style)}`;
  const explode = p.explode ? ", explode: true" : "";
  return `name: ${stringLiteral(p.wireName)}, in: ${stringLiteral(p.in)}${style}${explode}, encode: ${encoder}`;
}

function serversLiteral(servers: Server[], optionOf: (variable: string) => string): string {
  const items = servers.map((s) => {
    const vars = s.variables.map((v) => `{ name: ${stringLiteral(v.name)}, option: ${stringLiteral(optionOf(v.name))}, default: ${stringLiteral(v.default)} }`);
    return vars.length > 0 ? `{ url: ${stringLiteral(s.url)}, variables: [${vars.join(", ")}] }` : `{ url: ${stringLiteral(s.url)} }`;
  });
  return `[${items.join(", ")}]`;
}

/** The client option that sets a server variable. */
function serverOption(view: TsView, variable: string): string {
  return view.options.find((o) => o.kind === "serverVariable" && o.variable === variable)?.name ?? variable;
}

export function emitCore(view: TsView): EmittedModule {
  const ctx: TypeContext = { view, from: "outside", used: new Set() };
  const properties = view.options.map((o) => {
    if (o.kind === "security") {
      const credential = o.scheme.kind === "http" && o.scheme.scheme === "basic" ? "Credential<BasicCredentials>" : "Credential<string>";
      return { name: o.name, hasQuestionToken: true, type: `${credential} | undefined`, docs: jsDocs({ description: o.scheme.description ?? `Credential for ${o.scheme.key}.` }) };
    }
    if (o.kind === "serverVariable") {
      const type = o.values ? o.values.map(stringLiteral).join(" | ") : "string";
      return { name: o.name, hasQuestionToken: true, type: `${type} | undefined`, docs: jsDocs({ description: o.description ?? `Server variable ${o.variable}.` }, [`defaultValue ${stringLiteral(o.default)}`]) };
    }
    return {
      name: o.name, hasQuestionToken: true, type: `${renderType(o.param.type, ctx)} | undefined`,
      docs: jsDocs(o.param.docs, [`remarks Sent as ${o.param.in} parameter ${JSON.stringify(o.param.wireName)} on every request.`]),
    };
  });
  const optionOf = (variable: string) => serverOption(view, variable);
  const schemes = view.options.flatMap((o) => {
    if (o.kind !== "security") return [];
    const s = o.scheme;
    const spec = s.kind === "apiKey"
      ? `{ kind: "apiKey", in: ${stringLiteral(s.in)}, name: ${stringLiteral(s.wireName)}, option: ${stringLiteral(o.name)} }`
      : s.kind === "http" && s.scheme === "basic"
        ? `{ kind: "basic", option: ${stringLiteral(o.name)} }`
        : `{ kind: "bearer", option: ${stringLiteral(o.name)} }`;
    return [`${quotedKey(s.key)}: ${indexedValue(s.key, spec)}`];
  });
  const encoders = new Set<string>();
  const globals = view.options.flatMap((o) =>
    o.kind === "global" ? [`{ option: ${stringLiteral(o.name)}, ${paramSpecLiteral(o.param, encoders)} }`] : [],
  );
  const api = [
    "{",
    `  servers: ${serversLiteral(view.api.servers, optionOf)},`,
    `  securitySchemes: {${schemes.length > 0 ? ` ${schemes.join(", ")} ` : ""}},`,
    `  security: ${jsonLiteral(view.api.security)},`,
    globals.length > 0 ? `  globals: [\n${globals.map((g) => `    ${g},`).join("\n")}\n  ],` : "  globals: [],",
    "}",
  ].join("\n");
  const needsBasic = properties.some((p) => p.type.includes("BasicCredentials"));
  return {
    path: "src/core.ts",
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "./lib/config.js",
        namedImports: ["ClientCore", "type ApiSpec", "type BaseClientOptions", ...(needsBasic ? ["type BasicCredentials"] : []), "type Credential"],
      },
      ...encoderImports(encoders, "./lib/encodings.js"),
      ...modelImports(ctx.used, "./"),
      {
        kind: StructureKind.Interface,
        name: "SDKOptions",
        isExported: true,
        docs: [`Options of {@link ${view.coreName}} and {@link ${view.clientName}}.`],
        extends: ["BaseClientOptions"],
        properties,
      },
      constDeclaration({ name: "api", type: "ApiSpec", initializer: api }),
      {
        kind: StructureKind.Class,
        name: view.coreName,
        isExported: true,
        extends: "ClientCore",
        docs: ["A light client for the standalone functions in `funcs/`: it holds options and nothing else."],
        ctors: [{ parameters: [{ name: "options", type: "SDKOptions", initializer: "{}" }], statements: ["super(options, api);"] }],
      },
    ],
  };
}

/** Positional arguments (or the request object) of an operation, without the client and options. */
function operationParameters(op: TsOperation, ctx: TypeContext): OptionalKind<ParameterDeclarationStructure>[] {
  if (op.request) {
    return [{ name: "request", type: `operations.${op.request.typeName}`, hasQuestionToken: op.request.optional }];
  }
  return op.args.map((a) => ({ name: a.name, type: renderType(a.param.type, ctx), hasQuestionToken: a.optional }));
}

function operationArguments(op: TsOperation): string[] {
  return op.request ? ["request"] : op.args.map((a) => a.name);
}

function resultType(op: TsOperation): string {
  const errors = [...op.errors.map((e) => `errors.${e.className}`), "SDKBaseError"].join(" | ");
  return `Promise<Result<operations.${op.responseTypeName}, ${errors}>>`;
}

function operationSpecLiteral(op: TsOperation, ctx: TypeContext, encoders: Set<string>): string {
  const o = op.op;
  const schemaOf = (type: Type) => (type.kind === "primitive" && type.name === "unknown" ? "" : `, schema: ${renderSchema(type, ctx)}`);
  const params = o.params.map((p) => `    { ${paramSpecLiteral(p, encoders)}${schemaOf(p.type)} },`);
  const bodyEncode = o.body ? bodyEncoder(o.body) : undefined;
  if (bodyEncode) encoders.add(bodyEncode);
  const accept = [...new Set([...o.responses, ...o.errors].flatMap((r) => (r.body ? [r.body.contentType] : [])))].sort();
  const responses = o.responses.map((r) => {
    const field = op.bodyFields.find((f) => f.status === r.status);
    const parts = [`status: ${stringLiteral(r.status)}`];
    if (r.body && field) {
      // Bytes are not validated: they are handed back as a Blob.
      if (field.binary) encoders.add("decodeBlob");
      const decoding = field.binary ? ", decode: decodeBlob" : schemaOf(r.body.type);
      parts.push(`contentType: ${stringLiteral(r.body.contentType)}`, `field: ${stringLiteral(field.name)}${decoding}`);
    }
    return `    { ${parts.join(", ")} },`;
  });
  const errors = op.errors.map((e) => {
    const data = renderType(e.error.body.type, ctx);
    return `    { status: ${stringLiteral(e.status)}, contentType: ${stringLiteral(e.error.body.contentType)}${schemaOf(e.error.body.type)}, create: (data, http) => new errors.${e.className}(data as ${data}, http) },`;
  });
  const lines = [
    "{",
    `  operationId: ${stringLiteral(o.operationId)},`,
    `  method: ${stringLiteral(o.method.toUpperCase())},`,
    `  path: ${stringLiteral(o.path)},`,
    ...(o.servers ? [`  servers: ${serversLiteral(o.servers, (v) => serverOption(ctx.view, v))},`] : []),
    ...(o.security === "inherit" ? [] : [`  security: ${jsonLiteral(o.security)},`]),
    params.length > 0 ? `  params: [\n${params.join("\n")}\n  ],` : "  params: [],",
    // A multipart body's Content-Type, with its boundary, is taken by fetch from the encoded Blob.
    ...(o.body ? [`  body: { ${isMultipart(o.body.contentType) ? "" : `contentType: ${stringLiteral(o.body.contentType)}, `}required: ${String(o.body.required)}${schemaOf(o.body.type)}, encode: ${bodyEncode} },`] : []),
    `  accept: ${stringLiteral(accept.length > 0 ? accept.join(", ") : "*/*")},`,
    `  responses: [\n${responses.join("\n")}\n  ],`,
    errors.length > 0 ? `  errors: [\n${errors.join("\n")}\n  ],` : "  errors: [],",
    "}",
  ];
  return lines.join("\n");
}

function operationInput(op: TsOperation): string {
  if (!op.request) {
    const byParam = new Map(op.args.map((a) => [a.param, a.name]));
    return `{ params: [${op.op.params.map((p) => byParam.get(p) ?? "undefined").join(", ")}] }`;
  }
  const access = op.request.optional ? "request?." : "request.";
  const fields = op.request.fields;
  const params = op.op.params.map((p) => {
    const f = fields.find((x) => x.source.kind === "param" && x.source.param === p);
    return f ? `${access}${f.name}` : "undefined";
  });
  const body = fields.find((f) => f.source.kind === "body");
  return `{ params: [${params.join(", ")}]${body ? `, body: ${access}${body.name}` : ""} }`;
}

export function emitFunction(op: TsOperation, view: TsView): EmittedModule {
  const ctx: TypeContext = { view, from: "outside", used: new Set(["operations"]), schemaImports: new Set() };
  const parameters = operationParameters(op, ctx);
  const encoders = new Set<string>();
  const spec = operationSpecLiteral(op, ctx, encoders);
  if (op.errors.length > 0) ctx.used.add("errors");
  return {
    path: `src/funcs/${op.funcName}.ts`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../core.js", namedImports: [view.coreName], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/config.js", namedImports: ["RequestOptions"], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/errors.js", namedImports: ["SDKBaseError"], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/invoke.js", namedImports: ["invoke", "type OperationSpec"] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/result.js", namedImports: ["Result"], isTypeOnly: true },
      ...encoderImports(encoders, "../lib/encodings.js"),
      ...schemaImports(ctx.schemaImports ?? new Set(), "../lib/schema.js"),
      // Value imports: the operation refers to schema descriptors and error classes at run time.
      ...modelImports(ctx.used, "../", [...ctx.used]),
      constDeclaration({ name: "operation", type: "OperationSpec", initializer: spec }),
      {
        kind: StructureKind.Function,
        name: op.funcName,
        isExported: true,
        docs: jsDocs(op.op.docs, ["remarks Returns a Result and never throws."]),
        parameters: [{ name: "client", type: view.coreName }, ...parameters, { name: "options", type: "RequestOptions", hasQuestionToken: true }],
        returnType: resultType(op),
        statements: [`return invoke(client, operation, ${operationInput(op)}, options);`],
      },
    ],
  };
}

function methodFor(op: TsOperation, ctx: TypeContext, clientExpr: string): OptionalKind<MethodDeclarationStructure> {
  const parameters = operationParameters(op, ctx);
  return {
    name: op.methodName,
    docs: jsDocs(op.op.docs),
    parameters: [...parameters, { name: "options", type: "RequestOptions", hasQuestionToken: true }],
    returnType: `Promise<operations.${op.responseTypeName}>`,
    statements: [`return unwrap(${op.funcName}(${[clientExpr, ...operationArguments(op), "options"].join(", ")}));`],
  };
}

function functionImports(ops: TsOperation[], prefix: string): ImportDeclarationStructure[] {
  return ops.map((op) => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `${prefix}funcs/${op.funcName}.js`, namedImports: [op.funcName] }));
}

export function emitGroup(group: TsGroup & { tag: NonNullable<TsGroup["tag"]> }, view: TsView): EmittedModule {
  const ctx: TypeContext = { view, from: "outside", used: new Set(["operations"]) };
  const methods = group.operations.map((op) => methodFor(op, ctx, "this.#client"));
  const cls: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: group.tag.className,
    isExported: true,
    docs: jsDocs({ ...(group.tag.description ? { description: group.tag.description } : {}) }),
    properties: [{ name: "#client", isReadonly: true, type: view.coreName }],
    ctors: [{ parameters: [{ name: "client", type: view.coreName }], statements: ["this.#client = client;"] }],
    methods,
  };
  return {
    path: `src/sdk/${group.tag.fileName}.ts`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../core.js", namedImports: [view.coreName], isTypeOnly: true },
      ...functionImports(group.operations, "../"),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/config.js", namedImports: ["RequestOptions"], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/result.js", namedImports: ["unwrap"] },
      ...modelImports(ctx.used, "../"),
      cls,
    ],
  };
}

export function emitClient(view: TsView): EmittedModule {
  const ctx: TypeContext = { view, from: "outside", used: new Set() };
  const tagged = view.groups.filter((g): g is TsGroup & { tag: NonNullable<TsGroup["tag"]> } => g.tag !== undefined);
  const untagged = view.groups.find((g) => g.tag === undefined)?.operations ?? [];
  if (untagged.length > 0) ctx.used.add("operations");
  const cls: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: view.clientName,
    isExported: true,
    extends: view.coreName,
    docs: jsDocs({ ...(view.api.info.summary ? { description: view.api.info.summary } : { description: `Client for ${view.api.info.title}.` }) }),
    properties: tagged.map((g) => ({ name: `#${g.tag.propertyName}`, hasQuestionToken: true, type: g.tag.className })),
    getAccessors: tagged.map((g) => ({
      name: g.tag.propertyName,
      returnType: g.tag.className,
      docs: jsDocs({ ...(g.tag.description ? { description: g.tag.description } : {}) }),
      statements: [`return (this.#${g.tag.propertyName} ??= new ${g.tag.className}(this));`],
    })),
    methods: untagged.map((op) => methodFor(op, ctx, "this")),
    ctors: [],
  };
  return {
    path: "src/sdk/sdk.ts",
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../core.js", namedImports: [view.coreName] },
      ...tagged.map((g): ImportDeclarationStructure => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./${g.tag.fileName}.js`, namedImports: [g.tag.className] })),
      ...(untagged.length > 0
        ? [
            ...functionImports(untagged, "../"),
            { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/config.js", namedImports: ["RequestOptions"], isTypeOnly: true } as ImportDeclarationStructure,
            { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../lib/result.js", namedImports: ["unwrap"] } as ImportDeclarationStructure,
          ]
        : []),
      ...modelImports(ctx.used, "../"),
      cls,
    ],
  };
}
