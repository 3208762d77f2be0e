import type { GeneratorConfig, TypeScriptTargetConfig } from "../../config.ts";
import { serverVariableOptions, type ClientOption } from "../target.ts";
import type {
  Api, Body, ErrorResponse, NamedType, Operation, Parameter, Property, Type,
} from "../../ir/types.ts";
import { NameScope } from "../../naming/namer.ts";
import { candidatesFor, enumMemberNames, isShadowingTypeName, typeName } from "../../naming/type-names.ts";
import { typeHomes, type TypeHome } from "../../ir/walk.ts";
import { shallowFirst } from "../model-names.ts";
import { isIdentifier, isObjectMember, isReservedWord, memberName, valueName } from "./words.ts";

export type ModuleName = TypeHome;

export interface TsTypeDecl {
  def: NamedType;
  name: string;
  module: ModuleName;
  /** Enum member names, in the order of def.members. */
  memberNames?: string[];
}

export interface TsArg {
  name: string;
  param: Parameter;
  optional: boolean;
}

export interface TsRequestField {
  name: string;
  optional: boolean;
  source: { kind: "param"; param: Parameter } | { kind: "body"; body: Body };
}

export interface TsBodyField {
  status: string;
  name: string;
  type: Type;
  contentType: string;
  /** Present on every successful response (one success status with a body). */
  always: boolean;
  /** Bytes (a binary media type): returned as a Blob, not decoded. */
  binary: boolean;
}

export interface TsError {
  status: string;
  className: string;
  error: ErrorResponse;
  /** Body properties the error class also exposes as fields of its own. */
  fields: Property[];
}

export interface TsOperation {
  op: Operation;
  methodName: string;
  funcName: string;
  style: "positional" | "request";
  /** Positional arguments, in call order (required first). */
  args: TsArg[];
  request?: { typeName: string; fields: TsRequestField[]; optional: boolean };
  responseTypeName: string;
  bodyFields: TsBodyField[];
  errors: TsError[];
}

export interface TsGroup {
  /** Absent for operations without a tag, which live on the client class itself. */
  tag?: { name: string; className: string; propertyName: string; fileName: string; description?: string };
  /** The group's page: docs/sdks/<tag>/README.md, or for operations without a tag docs/sdks/<client>/README.md. */
  docsPage: string;
  operations: TsOperation[];
}

export interface TsView {
  api: Api;
  config: TypeScriptTargetConfig;
  clientName: string;
  coreName: string;
  types: TsTypeDecl[];
  typesById: Map<string, TsTypeDecl>;
  groups: TsGroup[];
  options: ClientOption[];
}

/** Options the runtime's BaseClientOptions already uses. */
const BASE_OPTIONS = ["serverURL", "serverIdx", "timeoutMs", "fetcher", "retryConfig", "hooks", "debugLogger"];
/**
 * Values an operation's function module or method body refers to by name (see emit-operations.ts):
 * a function or a positional argument with one of these names would shadow it, so that, say, an
 * argument `operation` would be sent to `invoke` in place of the operation's description.
 */
const OPERATION_LOCALS = new Set([
  "invoke", "operation", "unwrap", "client", "options", "request", "undefined", "components", "operations", "errors",
  "encodeJson", "encodeForm", "encodeText", "encodeMultipart", "encodeBinary", "decodeBlob", "serializePathParam", "serializeQueryParam", "serializeHeaderValue", "serializeCookie",
]);
/** Fields every response type has. */
const RESPONSE_META = ["statusCode", "contentType", "headers", "rawResponse"];
/**
 * Fields every HTTPError already has; a body property of the same name is left on data$, as is one
 * named like an Object.prototype member (a field `__proto__` would replace the error's prototype).
 */
const ERROR_FIELDS = new Set(["name", "message", "stack", "cause", "statusCode", "contentType", "headers", "body", "rawResponse", "data$"]);

export function planTypeScript(api: Api, config: GeneratorConfig): TsView {
  const tsConfig = config.targets.typescript ?? { packageName: "sdk", packageVersion: "0.1.0", maxMethodParams: 4 };
  const scope = new NameScope(isShadowingTypeName);
  const clientName = scope.claim([config.clientName ?? typeName(api.info.title), "SDK"]);
  const coreName = scope.claim([`${clientName}Core`]);

  const modules = typeHomes(api);
  const typesById = new Map<string, TsTypeDecl>();
  const declare = (def: NamedType, name: string) => {
    const decl: TsTypeDecl = { def, name, module: modules.get(def.id) ?? "operations" };
    if (def.kind === "enum") decl.memberNames = enumMemberNames(def);
    typesById.set(def.id, decl);
  };

  // Component schemas claim their names first: they are the API's vocabulary.
  const components = api.types.filter((t) => t.hint.kind === "component");
  for (const def of components) declare(def, scope.claim(candidatesFor(def.hint)));

  // Then every operation's own names: request, response and error classes.
  const defsById = new Map(api.types.map((t) => [t.id, t]));
  const opScope = new Map<Operation, { request?: string; response: string; errors: TsError[] }>();
  for (const op of api.operations) {
    const base = typeName(op.operationId);
    const needsRequest = usesRequestObject(op, api, tsConfig);
    const request = needsRequest ? scope.claim([`${base}Request`]) : undefined;
    const response = scope.claim([`${base}Response`]);
    const errors = op.errors.map((error) => ({
      status: error.status,
      className: scope.claim([`${base}${typeName(error.nameHint)}`, `${base}${typeName(error.status)}Error`]),
      error,
      fields: errorFields(error, defsById),
    }));
    opScope.set(op, { ...(request ? { request } : {}), response, errors });
  }

  // Inline types last, shallow before deep, so a nested type never takes a name its parent wants.
  for (const def of shallowFirst(api.types.filter((t) => t.hint.kind !== "component"))) declare(def, scope.claim(candidatesFor(def.hint)));

  const types = api.types.map((t) => typesById.get(t.id)!);
  const groups = planGroups(api, opScope, [clientName, coreName]);
  return { api, config: tsConfig, clientName, coreName, types, typesById, groups, options: planOptions(api) };
}

/** The properties of an error body that its error class copies onto itself. */
function errorFields(error: ErrorResponse, defsById: Map<string, NamedType>): Property[] {
  const type = error.body.type;
  const target = type.kind === "ref" ? defsById.get(type.target) : undefined;
  if (target?.kind !== "object") return [];
  return target.properties.filter((p) => isIdentifier(p.name) && !ERROR_FIELDS.has(p.name) && !isObjectMember(p.name));
}


function usesRequestObject(op: Operation, api: Api, config: TypeScriptTargetConfig): boolean {
  return op.body !== undefined || ownParams(op, api).length > config.maxMethodParams;
}

function isGlobal(param: Parameter, api: Api): boolean {
  return api.globals.some((g) => g.in === param.in && g.wireName.toLowerCase() === param.wireName.toLowerCase());
}

/** Parameters a caller gives per call: globals are set on the client, so they are left out of positional calls. */
function ownParams(op: Operation, api: Api): Parameter[] {
  return op.params.filter((p) => !isGlobal(p, api));
}

function planGroups(
  api: Api, names: Map<Operation, { request?: string; response: string; errors: TsError[] }>,
  clientClasses: string[],
): TsGroup[] {
  // Group classes are imported next to the client and core classes.
  const classScope = new NameScope(isShadowingTypeName);
  classScope.reserve(...clientClasses);
  // Names that differ only in case are one file on macOS and Windows; sdk/sdk.ts is the client's.
  const fileScope = new NameScope(() => false, (n) => n.toLowerCase());
  fileScope.reserve("sdk");
  const tagGroups = new Map<string, TsGroup>();
  const untagged: TsGroup = { docsPage: "", operations: [] };
  const propertyScope = new NameScope((n) => n.startsWith("_") || isObjectMember(n));
  for (const tag of api.tags) {
    if (!api.operations.some((op) => op.tags[0] === tag.name)) continue;
    const className = classScope.claim([typeName(tag.name), `${typeName(tag.name)}Operations`]);
    const fileName = fileScope.claim([className.toLowerCase()]);
    tagGroups.set(tag.name, {
      tag: {
        name: tag.name,
        className,
        propertyName: propertyScope.claim([memberName(tag.name), `${memberName(tag.name)}Operations`]),
        fileName,
        ...(tag.description ? { description: tag.description } : {}),
      },
      docsPage: `docs/sdks/${fileName}/README.md`,
      operations: [],
    });
  }
  // Function names are module-level names and file names (funcs/<name>.ts), compared without case.
  const funcScope = new NameScope((n) => isReservedWord(n) || OPERATION_LOCALS.has(n), (n) => n.toLowerCase());
  const methodScopes = new Map<TsGroup, NameScope>();
  for (const op of api.operations) {
    const group = op.tags[0] === undefined ? untagged : tagGroups.get(op.tags[0])!;
    const methods = methodScopes.get(group) ??
      new NameScope((n) => isObjectMember(n) || (group === untagged && (n.startsWith("_") || propertyScope.has(n))));
    methodScopes.set(group, methods);
    // A name override need only be unique within its tag: `pets.list` and `users.list`.
    const name = op.nameOverride ?? op.operationId;
    const methodName = methods.claim([memberName(name), `${memberName(name)}Operation`, memberName(op.operationId)]);
    const funcName = group.tag
      ? funcScope.claim([`${memberName(group.tag.propertyName)}${typeName(name)}`, `${memberName(group.tag.propertyName)}${typeName(op.operationId)}`])
      : funcScope.claim([memberName(name), `${memberName(name)}Operation`, memberName(op.operationId)]);
    group.operations.push(planOperation(op, api, methodName, funcName, names.get(op)!));
  }
  // Claimed after the tags, so a spec without untagged operations keeps its pages where they were.
  if (untagged.operations.length > 0) untagged.docsPage = `docs/sdks/${fileScope.claim([clientClasses[0]!.toLowerCase()])}/README.md`;
  return [...tagGroups.values(), ...(untagged.operations.length > 0 ? [untagged] : [])];
}

function planOperation(
  op: Operation, api: Api, methodName: string, funcName: string,
  names: { request?: string; response: string; errors: TsError[] },
): TsOperation {
  const base = { op, methodName, funcName, responseTypeName: names.response, bodyFields: planBodyFields(op), errors: names.errors };
  if (names.request === undefined) {
    const argScope = new NameScope((n) => OPERATION_LOCALS.has(n) || n === funcName);
    const own = ownParams(op, api);
    const ordered = [...own.filter((p) => p.required), ...own.filter((p) => !p.required)];
    const args = ordered.map((param) => {
      const name = valueName(param.nameOverride ?? param.wireName);
      return { name: argScope.claim([name, `${name}Param`]), param, optional: !param.required };
    });
    return { ...base, style: "positional", args };
  }
  // The caller's request object is read field by field: `request.constructor` must not find Object's.
  const fieldScope = new NameScope(isObjectMember);
  const fields: TsRequestField[] = op.params.map((param) => {
    const name = memberName(param.nameOverride ?? param.wireName);
    return { name: fieldScope.claim([name, `${name}Param`]), optional: !param.required || isGlobal(param, api), source: { kind: "param" as const, param } };
  });
  if (op.body) fields.push({ name: fieldScope.claim(["requestBody", "body"]), optional: !op.body.required, source: { kind: "body", body: op.body } });
  return { ...base, style: "request", args: [], request: { typeName: names.request, fields, optional: fields.every((f) => f.optional) } };
}

function planBodyFields(op: Operation): TsBodyField[] {
  const scope = new NameScope((n) => RESPONSE_META.includes(n) || isObjectMember(n));
  const withBody = op.responses.filter((r) => r.body !== undefined);
  return withBody.map((r) => {
    const body = r.body!;
    const fallback = /json/i.test(body.contentType) ? "object" : /^text\//i.test(body.contentType) ? "text" : "body";
    return {
      status: r.status,
      name: scope.claim([r.bodyNameHint ? memberName(r.bodyNameHint) : fallback, `${fallback}${r.status}`]),
      type: body.type,
      contentType: body.contentType,
      always: withBody.length === 1 && op.responses.length === 1,
      binary: isBinary(body.type),
    };
  });
}

/** A string of format binary: bytes, as a Blob, a Uint8Array or a string. */
export function isBinary(type: Type): boolean {
  return type.kind === "primitive" && type.name === "string" && type.format === "binary";
}

function planOptions(api: Api): ClientOption[] {
  // The runtime looks options up by name: an unset `toString` option must not find Object's.
  const scope = new NameScope((n) => BASE_OPTIONS.includes(n) || n.startsWith("_") || isObjectMember(n));
  const options: ClientOption[] = [];
  for (const scheme of api.securitySchemes) options.push({ kind: "security", name: scope.claim([memberName(scheme.key), `${memberName(scheme.key)}Security`]), scheme });
  // Variables of operations' own servers are client options too, shared by name with the API's.
  const servers = [...api.servers, ...api.operations.flatMap((op) => op.servers ?? [])];
  options.push(...serverVariableOptions(servers, (name) => scope.claim([memberName(name), `${memberName(name)}Variable`])));
  // Globals are named after their wire names, so `X-Plex-Client-Identifier` becomes `xPlexClientIdentifier`.
  for (const param of api.globals) options.push({ kind: "global", name: scope.claim([memberName(param.wireName), `${memberName(param.wireName)}Param`]), param });
  return options;
}

