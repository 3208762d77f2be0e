import type { CSharpTargetConfig, GeneratorConfig } from "../../config.ts";
import { serverVariableOptions, type ClientOption } from "../target.ts";
import { claimModelNames, isGlobalParam } from "../model-names.ts";
import type { Api, Body, ErrorResponse, NamedType, ObjectDef, Operation, Parameter, Property, Type } from "../../ir/types.ts";
import { NameScope } from "../../naming/namer.ts";
import { enumMemberNames, isShadowingTypeName, typeName } from "../../naming/type-names.ts";
import { extraPropertyType, flattenedProperties, typeHomes } from "../../ir/walk.ts";
import { ident, localName, pascalName } from "./words.ts";

/** The three model namespaces, below the root namespace: Models.Components, Models.Requests, Models.Errors. */
export type CsNamespace = "Components" | "Requests" | "Errors";

export interface CsProperty {
  name: string;
  prop: Property;
}

export interface CsTypeDecl {
  def: NamedType;
  name: string;
  ns: CsNamespace;
  /** A closed string or integer enum is a C# enum; open and number enums are value classes. */
  shape: "class" | "enum" | "valueEnum" | "alias";
  /** Enum member names, in the order of def.members. */
  memberNames?: string[];
  /** Every property, those of allOf bases first (a later one of the same wire name replaces it). */
  properties?: CsProperty[];
  /**
   * The property keeping what the schema does not name, for objects whose additionalProperties, their
   * own or else their allOf bases' (extraPropertyType), keep it.
   */
  extraProperty?: string;
  /** The type of the values of extraProperty. */
  extraType?: Type;
  /** The static class of a C# enum's reader, writer and wire values. */
  helperName?: string;
}

export interface CsArg {
  name: string;
  source: { kind: "param"; param: Parameter; global: boolean } | { kind: "body"; body: Body };
  required: boolean;
}

export interface CsBodyField {
  status: string;
  name: string;
  body: Body;
}

export interface CsError {
  status: string;
  name: string;
  error: ErrorResponse;
}

export interface CsOperation {
  op: Operation;
  methodName: string;
  /** Required arguments first, then optional ones: C# wants optional parameters last. */
  args: CsArg[];
  responseName: string;
  bodyFields: CsBodyField[];
  errors: CsError[];
}

export interface CsGroup {
  className: string;
  /** Property of the client; absent for untagged operations, which are methods of the client itself. */
  propertyName?: string;
  tag?: { name: string; description?: string };
  operations: CsOperation[];
}

export interface CsView {
  api: Api;
  config: CSharpTargetConfig;
  clientName: string;
  types: CsTypeDecl[];
  typesById: Map<string, CsTypeDecl>;
  groups: CsGroup[];
  options: ClientOption[];
}

/** Public types of the runtime (Utils and Models.Errors) and framework types the emitted code names unqualified. */
const RUNTIME_TYPES = [
  "SDKBaseException", "SDKException", "ResponseValidationException", "SDKValidationException", "ConnectionException",
  "RequestTimeoutException", "APIException", "RetryConfig", "BackoffStrategy", "RequestOptions", "BasicAuth", "HookContext",
  "SDKHooks", "IBeforeRequestHook", "IAfterSuccessHook", "IAfterErrorHook", "Json", "JsonIssue", "Call", "CallResponse",
  "SDKConfig", "ServerTemplate", "ServerVariable", "SecurityScheme", "ParamEncoding", "Retries", "Utils", "Models",
  "Components", "Requests", "Errors", "System", "Task", "Exception", "HttpClient", "HttpResponseMessage", "HttpRequestMessage",
  "JsonElement", "JsonValueKind", "Utf8JsonWriter", "List", "Dictionary", "HashSet", "ISet", "Func", "Action",
  "CancellationToken", "TimeSpan", "Uri", "Nullable", "Object", "IEquatable", "StringComparer", "Math", "Convert", "Type",
];

/** Members every model class has (emitted or inherited from object), which properties must not take. */
const CLASS_MEMBERS = ["ReadJson", "WriteJson", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "DeclaredNames"];
/** Members of an open enum's value class. */
const VALUE_ENUM_MEMBERS = ["Value", "IsKnown", "FromValue", ...CLASS_MEMBERS];
/** Properties every response class has. */
const RESPONSE_PROPERTIES = ["ContentType", "StatusCode", "RawResponse"];
/** Locals and parameters every operation method has: arguments must not take them. */
const METHOD_LOCALS = ["call", "response", "serverURL", "options", "cancellationToken", "body", "e", "p"];
/** Parameters every client constructor has besides the API's own options. */
const CLIENT_PARAMETERS = ["serverIndex", "serverURL", "client", "retryConfig", "timeout", "hooks", "config"];

function isReservedTypeName(name: string): boolean {
  return isShadowingTypeName(name) || RUNTIME_TYPES.includes(name);
}

export function planCSharp(api: Api, config: GeneratorConfig): CsView {
  const csConfig = config.targets.csharp ?? { namespace: config.clientName ?? "Sdk", packageVersion: "0.1.0" };
  const namespaces = new Map([...typeHomes(api)].map(([id, home]): [string, CsNamespace] => [id, home === "components" ? "Components" : home === "errors" ? "Errors" : "Requests"]));
  // One scope for every type, claimed in the TypeScript target's order, so names agree across targets.
  // Nor may a model take a segment of the SDK's namespace: code in `Dealer.Sdk.Models.X` would read a
  // model `Dealer` as the namespace (CS0118). The client and group classes, declared in the namespace
  // itself, are found before it and may.
  const segments = csConfig.namespace.split(".");
  let claimingModels = true;
  const scope = new NameScope((n) => isReservedTypeName(n) || (claimingModels && segments.includes(n)));
  const { typeNames, perOp } = claimModelNames(api, scope, config.targets.typescript?.maxMethodParams ?? 4, (c) => pascalName(c, "T"));

  const typesById = new Map<string, CsTypeDecl>();
  for (const def of api.types) {
    const shape = def.kind === "object" ? "class" : def.kind === "alias" ? "alias" : def.open || def.base === "number" ? "valueEnum" : "enum";
    typesById.set(def.id, { def, name: typeNames.get(def.id)!, ns: namespaces.get(def.id) ?? "Requests", shape });
  }
  const types = api.types.map((t) => typesById.get(t.id)!);
  claimingModels = false;
  for (const decl of types) {
    if (decl.def.kind === "enum") {
      const members = new NameScope((n) => n === decl.name || (decl.shape === "valueEnum" && VALUE_ENUM_MEMBERS.includes(n)));
      decl.memberNames = enumMemberNames(decl.def).map((m) => members.claim([m, `${m}Value`]));
      if (decl.shape === "enum") decl.helperName = scope.claim([`${decl.name}Extensions`]);
    }
    if (decl.def.kind === "object") Object.assign(decl, propertyNames(decl, typesById));
  }

  // The client and group classes share the type scope: `using` both namespaces must not make a name ambiguous.
  const clientName = scope.claim([pascalName(config.clientName ?? typeName(api.info.title), "T"), "SDK"]);
  const groups = planGroups(api, perOp, scope);
  // Group properties and untagged methods share the client class.
  const members = new NameScope((n) => n === clientName || CLASS_MEMBERS.includes(n));
  for (const g of groups) if (g.propertyName !== undefined) g.propertyName = members.claim([g.propertyName]);
  for (const g of groups) if (g.propertyName === undefined) for (const op of g.operations) op.methodName = members.claim([op.methodName, `${op.methodName.replace(/Async$/, "")}OperationAsync`]);
  return { api, config: csConfig, clientName, types, typesById, groups, options: planOptions(api) };
}

/** Every property of an object with its C# name: bases' first, unique, never the class's own name. */
function propertyNames(decl: CsTypeDecl, typesById: Map<string, CsTypeDecl>): { properties: CsProperty[]; extraProperty?: string; extraType?: Type } {
  const def = decl.def as ObjectDef;
  // The runtime class a model's code names unqualified must not be hidden by a property (CS0120).
  const scope = new NameScope((n) => n === decl.name || CLASS_MEMBERS.includes(n) || n === "Json");
  const lookup = (id: string) => typesById.get(id)?.def;
  const properties = flattenedProperties(def, lookup).map((prop) => ({ name: scope.claim([pascalName(prop.name), `${pascalName(prop.name)}Property`]), prop }));
  const extraType = extraPropertyType(def, lookup);
  if (extraType === undefined) return { properties };
  return { properties, extraProperty: scope.claim(["AdditionalProperties", "AdditionalPropertiesProperty"]), extraType };
}

function planGroups(api: Api, perOp: ReturnType<typeof claimModelNames>["perOp"], clientScope: NameScope): CsGroup[] {
  const byTag = new Map<string, CsGroup>();
  const untagged: CsGroup = { className: "", operations: [] };
  for (const tag of api.tags) {
    if (!api.operations.some((op) => op.tags[0] === tag.name)) continue;
    const name = pascalName(typeName(tag.name), "T");
    byTag.set(tag.name, {
      className: clientScope.claim([name, `${name}Operations`]), propertyName: name,
      tag: { name: tag.name, ...(tag.description ? { description: tag.description } : {}) }, operations: [],
    });
  }
  const methodScopes = new Map<CsGroup, NameScope>();
  for (const op of api.operations) {
    const group = op.tags[0] === undefined ? untagged : byTag.get(op.tags[0])!;
    const methods = methodScopes.get(group) ?? new NameScope((n) => n === group.className || CLASS_MEMBERS.includes(n));
    methodScopes.set(group, methods);
    const methodName = methods.claim([`${pascalName(op.operationId, "Op")}Async`]);
    const names = perOp.get(op)!;
    const argScope = new NameScope((n) => METHOD_LOCALS.includes(n));
    const args: CsArg[] = op.params.map((param) => {
      const global = isGlobalParam(param, api);
      const name = localName(param.nameOverride ?? param.wireName);
      return { name: argScope.claim([name, `${name}Param`]), source: { kind: "param", param, global }, required: param.required && !global };
    });
    if (op.body) args.push({ name: argScope.claim(["requestBody", "requestBodyValue"]), source: { kind: "body", body: op.body }, required: op.body.required });
    const fieldScope = new NameScope((n) => n === names.response || CLASS_MEMBERS.includes(n));
    fieldScope.reserve(...RESPONSE_PROPERTIES);
    const bodyFields = op.responses.filter((r) => r.body !== undefined).map((r) => {
      const body = r.body!;
      const fallback = /json/i.test(body.contentType) ? "Object" : /^text\//i.test(body.contentType) ? "Text" : "Body";
      return { status: r.status, name: fieldScope.claim([r.bodyNameHint ? pascalName(r.bodyNameHint) : fallback, `${fallback}${r.status}`]), body };
    });
    group.operations.push({
      op, methodName, args: [...args.filter((a) => a.required), ...args.filter((a) => !a.required)],
      responseName: names.response, bodyFields, errors: names.errors,
    });
  }
  return [...byTag.values(), ...(untagged.operations.length > 0 ? [untagged] : [])];
}

/** Constructor parameters: credentials after their scheme keys, server variables, globals after their names. */
function planOptions(api: Api): ClientOption[] {
  const scope = new NameScope();
  scope.reserve(...CLIENT_PARAMETERS);
  const options: ClientOption[] = [];
  for (const scheme of api.securitySchemes) {
    const name = scope.claim([localName(scheme.key), `${localName(scheme.key)}Credential`]);
    // A credential may also come from a function, `<name>Source`.
    scope.reserve(`${name}Source`);
    options.push({ kind: "security", name, scheme });
  }
  options.push(...serverVariableOptions(api.servers, (name) => scope.claim([localName(name), `${localName(name)}Variable`])));
  for (const param of api.globals) options.push({ kind: "global", name: scope.claim([localName(param.nameOverride ?? param.wireName), `${localName(param.wireName)}Param`]), param });
  return options;
}

/** A name as source text (keywords escaped). */
export { ident };
