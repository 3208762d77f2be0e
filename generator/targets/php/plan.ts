import type { GeneratorConfig, PhpTargetConfig } from "../../config.ts";
import { serverVariableOptions, type ClientOption } from "../target.ts";
import { claimModelNames, isGlobalParam } from "../model-names.ts";
import type { Api, Body, ErrorResponse, NamedType, ObjectDef, Operation, Parameter, Property, Type } from "../../ir/types.ts";
import { NameScope } from "../../naming/namer.ts";
import { enumMemberNames, typeName } from "../../naming/type-names.ts";
import { extraPropertyType, flattenedProperties, typeHomes } from "../../ir/walk.ts";
import { camelName, isReservedClassName, pascalName } from "./words.ts";

/** The model namespaces below the root one, as the PHP seed names them. */
export type PhpNamespace = "Components" | "Operations" | "Errors";

export interface PhpProperty {
  name: string;
  prop: Property;
}

export interface PhpTypeDecl {
  def: NamedType;
  name: string;
  ns: PhpNamespace;
  /** Closed string and integer enums are backed enums; open ones too, their properties also taking the raw value; number enums are classes of constants. */
  shape: "class" | "enum" | "numberEnum" | "alias";
  memberNames?: string[];
  /** Every property, those of allOf bases first (a later one of the same wire name replaces it). */
  properties?: PhpProperty[];
  /**
   * The property keeping what the schema does not name, for objects whose additionalProperties, their
   * own or else their allOf bases' (extraPropertyType), keep it.
   */
  extraProperty?: string;
  /** The type of the values of extraProperty. */
  extraType?: Type;
}

/** Where an argument's value comes from: a parameter (a global one too) or the body. */
export type PhpSource = { kind: "param"; param: Parameter; global: boolean } | { kind: "body"; body: Body };

export interface PhpField {
  name: string;
  source: PhpSource;
  required: boolean;
}

export interface PhpOperation {
  op: Operation;
  methodName: string;
  /** The request class that holds every argument, for operations with a body or many parameters. */
  request?: { className: string; fields: PhpField[] };
  /** The method's own arguments when there is no request class: required ones first. */
  args: PhpField[];
  responseName: string;
  bodyFields: Array<{ status: string; name: string; body: Body }>;
  errors: Array<{ status: string; name: string; error: ErrorResponse }>;
}

export interface PhpGroup {
  className: string;
  /** Property of the client; absent for untagged operations, which are methods of the client itself. */
  propertyName?: string;
  tag?: { name: string; description?: string };
  operations: PhpOperation[];
}

/** A builder setter, for one client option. */
export interface PhpSetter {
  option: ClientOption;
  method: string;
}

export interface PhpView {
  api: Api;
  config: PhpTargetConfig;
  clientName: string;
  builderName: string;
  types: PhpTypeDecl[];
  typesById: Map<string, PhpTypeDecl>;
  groups: PhpGroup[];
  options: ClientOption[];
  setters: PhpSetter[];
}

/** Names the emitted code uses as namespace aliases, runtime error classes beside the declared ones, and PHP's Closure. */
const RESERVED_TYPES = [
  "Components", "Operations", "Errors", "Utils", "Models",
  "SDKBaseException", "SDKException", "APIException", "ResponseValidationException", "SDKValidationException",
  "ConnectionException", "RequestTimeoutException",
];
/** Members of every model class; PHP method names are case-insensitive. */
const MODEL_METHODS = ["fromJson", "toJson", "__construct"];
/** Properties of every response class. */
const RESPONSE_PROPERTIES = ["contentType", "statusCode", "rawResponse"];
/** Parameters and locals every operation method has. */
const METHOD_LOCALS = ["call", "response", "serverURL", "options", "this", "e", "result", "data"];
/** Builder methods every client has besides its options' setters. */
const BUILDER_METHODS = ["build", "setServerURL", "setServerIndex", "setClient", "setRetryConfig", "setTimeoutMs", "setHooks"];

function isReservedTypeName(name: string): boolean {
  return isReservedClassName(name) || RESERVED_TYPES.some((r) => r.toLowerCase() === name.toLowerCase());
}

export function planPhp(api: Api, config: GeneratorConfig): PhpView {
  const phpConfig = config.targets.php ?? defaultPhpConfig(config.clientName ?? "Sdk");
  const namespaces = new Map([...typeHomes(api)].map(([id, home]): [string, PhpNamespace] => [id, home === "components" ? "Components" : home === "errors" ? "Errors" : "Operations"]));
  // PHP class names are case-insensitive, and so are the files of some file systems: one folded scope.
  const scope = new NameScope(isReservedTypeName, (n) => n.toLowerCase());
  const { typeNames, perOp } = claimModelNames(api, scope, config.targets.typescript?.maxMethodParams ?? 4, (c) => pascalName(c, "T"));

  const typesById = new Map<string, PhpTypeDecl>();
  for (const def of api.types) {
    const shape = def.kind === "object" ? "class" : def.kind === "alias" ? "alias" : def.base === "number" ? "numberEnum" : "enum";
    typesById.set(def.id, { def, name: typeNames.get(def.id)!, ns: namespaces.get(def.id) ?? "Operations", shape });
  }
  const types = api.types.map((t) => typesById.get(t.id)!);
  for (const decl of types) {
    if (decl.def.kind === "enum") {
      // `Name::class` is the class's name; cases and constants are otherwise free.
      const members = new NameScope((n) => n.toLowerCase() === "class" || (decl.shape === "numberEnum" && n === "VALUES"));
      decl.memberNames = enumMemberNames(decl.def).map((m) => members.claim([m, `${m}Value`]));
    }
    if (decl.def.kind === "object") Object.assign(decl, propertyNames(decl, typesById));
  }

  const clientName = scope.claim([pascalName(config.clientName ?? typeName(api.info.title), "T"), "SDK"]);
  const builderName = scope.claim([`${clientName}Builder`]);
  const groups = planGroups(api, perOp, scope);
  // The client's own members: builder(), and $config, which a group property of that name redeclared (Docker's tag Config).
  const members = new NameScope((n) => ["builder", "config"].includes(n.toLowerCase()) || n.startsWith("__"), (n) => n.toLowerCase());
  for (const g of groups) if (g.propertyName !== undefined) g.propertyName = members.claim([g.propertyName, `${g.propertyName}Operations`]);
  for (const g of groups) if (g.propertyName === undefined) for (const op of g.operations) op.methodName = members.claim([op.methodName, `${op.methodName}Operation`]);
  const options = planOptions(api);
  return { api, config: phpConfig, clientName, builderName, types, typesById, groups, options, setters: planSetters(options) };
}

export function defaultPhpConfig(clientName: string): PhpTargetConfig {
  const name = pascalName(clientName, "Sdk");
  return { namespace: `Sdk\\${name}`, packageName: `sdk/${name.toLowerCase()}`, packageVersion: "0.1.0" };
}

/** Every property of an object with its PHP name: bases' first, unique. */
function propertyNames(decl: PhpTypeDecl, typesById: Map<string, PhpTypeDecl>): { properties: PhpProperty[]; extraProperty?: string; extraType?: Type } {
  const def = decl.def as ObjectDef;
  // `$this` cannot be a promoted constructor parameter.
  const scope = new NameScope((n) => n === "this");
  const lookup = (id: string) => typesById.get(id)?.def;
  const properties = flattenedProperties(def, lookup).map((prop) => ({ name: scope.claim([camelName(prop.name), `${camelName(prop.name)}Property`]), prop }));
  const extraType = extraPropertyType(def, lookup);
  if (extraType === undefined) return { properties };
  return { properties, extraProperty: scope.claim(["additionalProperties", "additionalPropertiesProperty"]), extraType };
}

function planGroups(api: Api, perOp: ReturnType<typeof claimModelNames>["perOp"], typeScope: NameScope): PhpGroup[] {
  const byTag = new Map<string, PhpGroup>();
  const untagged: PhpGroup = { className: "", operations: [] };
  for (const tag of api.tags) {
    if (!api.operations.some((op) => op.tags[0] === tag.name)) continue;
    const name = pascalName(typeName(tag.name), "T");
    byTag.set(tag.name, {
      className: typeScope.claim([name, `${name}Operations`]), propertyName: camelName(tag.name),
      tag: { name: tag.name, ...(tag.description ? { description: tag.description } : {}) }, operations: [],
    });
  }
  const methodScopes = new Map<PhpGroup, NameScope>();
  for (const op of api.operations) {
    const group = op.tags[0] === undefined ? untagged : byTag.get(op.tags[0])!;
    const methods = methodScopes.get(group) ?? new NameScope((n) => n.startsWith("__"), (n) => n.toLowerCase());
    methodScopes.set(group, methods);
    const names = perOp.get(op)!;
    const methodName = methods.claim([camelName(op.nameOverride ?? op.operationId)]);
    const fields = operationFields(op, api);
    const fieldScope = new NameScope((n) => MODEL_METHODS.includes(n));
    fieldScope.reserve(...RESPONSE_PROPERTIES);
    const bodyFields = op.responses.filter((r) => r.body !== undefined).map((r) => {
      const body = r.body!;
      const fallback = /json/i.test(body.contentType) ? "object" : /^text\//i.test(body.contentType) ? "text" : "body";
      return { status: r.status, name: fieldScope.claim([r.bodyNameHint ? camelName(r.bodyNameHint) : fallback, `${fallback}${r.status}`]), body };
    });
    const ordered = [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
    group.operations.push({
      op, methodName, args: names.request ? [] : ordered,
      ...(names.request ? { request: { className: names.request, fields: ordered } } : {}),
      responseName: names.response, bodyFields, errors: names.errors,
    });
  }
  return [...byTag.values(), ...(untagged.operations.length > 0 ? [untagged] : [])];
}

/** An operation's parameters and body under their PHP names; globals are optional, the client's value standing in. */
function operationFields(op: Operation, api: Api): PhpField[] {
  const scope = new NameScope((n) => METHOD_LOCALS.includes(n));
  const fields: PhpField[] = op.params.map((param) => {
    const global = isGlobalParam(param, api);
    const name = camelName(param.nameOverride ?? param.wireName);
    return { name: scope.claim([name, `${name}Param`]), source: { kind: "param", param, global }, required: param.required && !global };
  });
  if (op.body) fields.push({ name: scope.claim(["requestBody", "requestBodyValue"]), source: { kind: "body", body: op.body }, required: op.body.required });
  return fields;
}

/** Client options: credentials (one scheme is `security`, as in the seed), server variables, globals. */
function planOptions(api: Api): ClientOption[] {
  const scope = new NameScope();
  scope.reserve("serverURL", "serverIndex", "client", "retryConfig", "timeoutMs", "hooks");
  const options: ClientOption[] = [];
  const single = api.securitySchemes.length === 1;
  for (const scheme of api.securitySchemes) {
    const name = scope.claim([single ? "security" : camelName(scheme.key), `${camelName(scheme.key)}Credential`]);
    options.push({ kind: "security", name, scheme });
  }
  options.push(...serverVariableOptions(api.servers, (name) => scope.claim([camelName(name), `${camelName(name)}Variable`])));
  for (const param of api.globals) options.push({ kind: "global", name: scope.claim([camelName(param.nameOverride ?? param.wireName), `${camelName(param.wireName)}Param`]), param });
  return options;
}

/** `set<Option>` per option, and `set<Credential>Source` per credential, unique among the builder's methods. */
function planSetters(options: ClientOption[]): PhpSetter[] {
  const scope = new NameScope(() => false, (n) => n.toLowerCase());
  scope.reserve(...BUILDER_METHODS);
  for (const o of options) if (o.kind === "security") scope.reserve(`set${pascalName(o.name)}Source`);
  return options.map((option) => ({ option, method: scope.claim([`set${pascalName(option.name)}`, `set${pascalName(option.name)}Option`]) }));
}
