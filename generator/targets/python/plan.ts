import type { GeneratorConfig, PythonTargetConfig } from "../../config.ts";
import { serverVariableOptions, type ClientOption } from "../target.ts";
import { claimModelNames, isGlobalParam } from "../model-names.ts";
import type {
  Api, Body, EnumDef, ErrorResponse, NamedType, ObjectDef, Operation, Parameter, Property, Type,
} from "../../ir/types.ts";
import { NameScope } from "../../naming/namer.ts";
import { enumMemberNames, typeName } from "../../naming/type-names.ts";
import { extraPropertyType, referencedIds, typeHomes, typesInside, type TypeHome } from "../../ir/walk.ts";
import { isShadowingTypeName } from "../../naming/type-names.ts";
import { constantName, isBuiltinClassName, isKeyword, isReservedName, pyIdentifier, snakeCandidates, snakeName } from "./words.ts";

export type ModuleName = TypeHome;

/** A property of a model class: its Python field name next to the wire property. */
export interface PyField {
  name: string;
  prop: Property;
}

export interface PyTypeDecl {
  def: NamedType;
  name: string;
  module: ModuleName;
  /** SCREAMING_SNAKE member names, in the order of def.members. */
  memberNames?: string[];
  /** Every property, inherited ones first (objects only). */
  fields?: PyField[];
  /**
   * The field keeping the properties the schema does not name, for objects whose additionalProperties,
   * their own or else their allOf bases' (extraPropertyType), keep them.
   */
  extraField?: string;
  /** The type of the values of extraField. */
  extraType?: Type;
  /** Name of the TypedDict twin, for objects a request can carry. */
  typedDict?: string;
}

export interface PyArg {
  name: string;
  param: Parameter;
  optional: boolean;
}

export interface PyRequestField {
  name: string;
  optional: boolean;
  source: { kind: "param"; param: Parameter } | { kind: "body"; body: Body };
}

export interface PyBodyField {
  status: string;
  name: string;
  type: Type;
  contentType: string;
  always: boolean;
}

export interface PyError {
  status: string;
  className: string;
  error: ErrorResponse;
  /** Body properties copied onto the error, by Python name. */
  fields: PyField[];
}

export interface PyOperation {
  op: Operation;
  methodName: string;
  asyncName: string;
  /** Module-level constant holding the operation's description. */
  specName: string;
  args: PyArg[];
  request?: { typeName: string; typedDict: string; fields: PyRequestField[]; optional: boolean };
  responseTypeName: string;
  bodyFields: PyBodyField[];
  errors: PyError[];
}

export interface PyGroup {
  /** Absent for operations without a tag, which are methods of the client class. */
  tag?: { name: string; className: string; propertyName: string; moduleName: string; description?: string };
  /** The group's page: docs/sdks/<tag>/README.md, or for operations without a tag docs/sdks/<client>/README.md. */
  docsPage: string;
  operations: PyOperation[];
}

export interface PyView {
  api: Api;
  config: PythonTargetConfig;
  clientName: string;
  types: PyTypeDecl[];
  typesById: Map<string, PyTypeDecl>;
  groups: PyGroup[];
  options: ClientOption[];
}

/** Options every generated client has besides the API's own (see sdk.hbs). */
export const BASE_OPTIONS = ["server_url", "server_idx", "retry_config", "timeout_ms", "client", "async_client", "debug_logger", "hooks"];
/** Keyword arguments every operation method takes (see group.hbs). */
export const CALL_OPTIONS = ["retries", "server_url", "timeout_ms", "http_headers", "retry_codes"];
/** Attributes of the client class itself (runtime SDKBase). */
const CLIENT_MEMBERS = ["close", "aclose"];
/**
 * Names the client and group modules import. A group module of one of these names would hide the import.
 * Group properties may take them: the client declares them in `__init__` only (`self.operations: Operations`),
 * so no name in the class's scope hides a module in its methods' annotations.
 */
const MODULE_IMPORTS = ["components", "errors", "operations", "utils", "typing", "httpx", "logging"];
/** Attributes every error raised for a response already has (runtime HTTPError, Exception). */
const ERROR_MEMBERS = new Set([
  "status_code", "content_type", "headers", "body", "raw_response", "data", "message", "args", "path",
  "with_traceback", "add_note",
]);
/** Fields every response class has. */
const RESPONSE_META = ["status_code", "content_type", "headers", "raw_response"];

/** Type names: the TypeScript target's reservations, so both name every type alike, plus Python's capitalised keywords. */
function isReservedTypeName(name: string): boolean {
  return isShadowingTypeName(name) || isKeyword(name) || isBuiltinClassName(name);
}

export function planPython(api: Api, config: GeneratorConfig): PyView {
  const pyConfig = config.targets.python ?? { packageName: "sdk", packageVersion: "0.1.0" };
  // Operations take a request object in the same cases as in the TypeScript SDK, so both claim the same names.
  const maxMethodParams = config.targets.typescript?.maxMethodParams ?? 4;
  const scope = new NameScope(isReservedTypeName);
  const clientName = scope.claim([pyIdentifier(config.clientName ?? typeName(api.info.title), "SDK"), "SDK"]);
  // The TypeScript target's core class claims this name; claimed here too so later names agree.
  scope.claim([`${clientName}Core`]);

  const modules = typeHomes(api);
  const typesById = new Map<string, PyTypeDecl>();
  const declare = (def: NamedType, name: string) => {
    const decl: PyTypeDecl = { def, name: pyIdentifier(name, "T"), module: modules.get(def.id) ?? "operations" };
    if (def.kind === "enum") decl.memberNames = memberNames(def);
    typesById.set(def.id, decl);
  };
  // Type names are claimed in the TypeScript target's order; Python spells them afterwards.
  const { typeNames, perOp } = claimModelNames(api, scope, maxMethodParams, (c) => c);
  for (const def of api.types) declare(def, typeNames.get(def.id)!);
  const opNames = new Map([...perOp].map(([op, names]) => [op, {
    ...(names.request ? { request: names.request } : {}), response: names.response,
    errors: names.errors.map((e) => ({ status: e.status, className: e.name, error: e.error })),
  }]));

  const types = api.types.map((t) => typesById.get(t.id)!);
  for (const decl of types) {
    if (decl.def.kind !== "object") continue;
    const scope = fieldScope();
    decl.fields = objectFields(decl.def, typesById, scope);
    const extraType = extraPropertyType(decl.def, (id) => typesById.get(id)?.def);
    if (extraType !== undefined) Object.assign(decl, { extraField: scope.claim(["additional_properties", "additional_properties_"]), extraType });
  }

  // Python's own names come last, so they never take a name the TypeScript SDK uses.
  for (const id of requestTypeIds(api)) {
    const decl = typesById.get(id);
    if (decl?.def.kind === "object") decl.typedDict = scope.claim([`${decl.name}TypedDict`]);
  }
  const groups = planGroups(api, opNames, clientName, typesById, scope);
  return { api, config: pyConfig, clientName, types, typesById, groups, options: planOptions(api) };
}

function memberNames(def: EnumDef): string[] {
  const scope = new NameScope();
  return enumMemberNames(def).map((n) => {
    const name = constantName(n);
    return scope.claim([name, `${name}_`]);
  });
}

function ownParams(op: Operation, api: Api): Parameter[] {
  return op.params.filter((p) => !isGlobalParam(p, api));
}

/** Scope for the fields of one class: reserved words get a trailing underscore (`type` -> `type_`). */
function fieldScope(extra: (name: string) => boolean = () => false): NameScope {
  return new NameScope((n) => isReservedName(n) || extra(n), (n) => n.normalize("NFKC"));
}

/** Fields of an object, inherited properties first (a redeclared one keeps its place), as the validator sees them. */
function objectFields(def: ObjectDef, typesById: Map<string, PyTypeDecl>, scope: NameScope, seen = new Set<string>()): PyField[] {
  const props = new Map<string, Property>();
  const visit = (d: ObjectDef) => {
    if (seen.has(d.id)) return;
    seen.add(d.id);
    for (const base of d.bases) {
      const b = typesById.get(base)?.def;
      if (b?.kind === "object") visit(b);
    }
    for (const p of d.properties) props.set(p.name, p);
  };
  visit(def);
  return [...props.values()].map((prop) => ({ name: scope.claim(snakeCandidates(prop.name)), prop }));
}

/** Named types a request can carry: they get TypedDict twins. */
function requestTypeIds(api: Api): string[] {
  const byId = new Map(api.types.map((t) => [t.id, t]));
  const found = new Set<string>();
  const visit = (type: Type) => {
    for (const id of referencedIds(type)) {
      if (found.has(id)) continue;
      const def = byId.get(id);
      if (!def) continue;
      found.add(id);
      for (const t of typesInside(def)) visit(t);
    }
  };
  for (const op of api.operations) {
    for (const p of op.params) visit(p.type);
    if (op.body) visit(op.body.type);
  }
  return api.types.filter((t) => found.has(t.id)).map((t) => t.id);
}

function planGroups(
  api: Api,
  names: Map<Operation, { request?: string; response: string; errors: Array<{ status: string; className: string; error: ErrorResponse }> }>,
  clientName: string,
  typesById: Map<string, PyTypeDecl>,
  typeScope: NameScope,
): PyGroup[] {
  const classScope = new NameScope(isReservedTypeName);
  classScope.reserve(clientName, `${clientName}Core`);
  // Module names compared without case: one file on macOS and Windows.
  const moduleScope = new NameScope((n) => isKeyword(n), (n) => n.toLowerCase());
  moduleScope.reserve("sdk", "models", "py", "__init__", "__main__", ...MODULE_IMPORTS);
  const docsScope = new NameScope(() => false, (n) => n.toLowerCase());
  const propertyScope = new NameScope((n) => isKeyword(n) || CLIENT_MEMBERS.includes(n) || n.startsWith("_"), (n) => n.normalize("NFKC"));
  const tagGroups = new Map<string, PyGroup>();
  const untagged: PyGroup = { docsPage: "", operations: [] };
  for (const tag of api.tags) {
    if (!api.operations.some((op) => op.tags[0] === tag.name)) continue;
    const className = pyIdentifier(classScope.claim([typeName(tag.name), `${typeName(tag.name)}Operations`]), "Group");
    const property = snakeName(tag.name);
    tagGroups.set(tag.name, {
      tag: {
        name: tag.name,
        className,
        propertyName: propertyScope.claim([property, `${property}_operations`]),
        moduleName: moduleScope.claim([property, `${property}_operations`]),
        ...(tag.description ? { description: tag.description } : {}),
      },
      docsPage: `docs/sdks/${docsScope.claim([className.toLowerCase()])}/README.md`,
      operations: [],
    });
  }
  const methodScopes = new Map<PyGroup, NameScope>();
  const scopeOf = (group: PyGroup) => {
    let s = methodScopes.get(group);
    if (!s) {
      s = new NameScope(
        (n) => isKeyword(n) || n.startsWith("_") || (group === untagged && (CLIENT_MEMBERS.includes(n) || propertyScope.has(n))),
        (n) => n.normalize("NFKC"),
      );
      methodScopes.set(group, s);
    }
    return s;
  };
  const planned: Array<{ group: PyGroup; op: Operation; methodName: string }> = [];
  for (const op of api.operations) {
    const group = op.tags[0] === undefined ? untagged : tagGroups.get(op.tags[0])!;
    const method = snakeName(op.operationId);
    planned.push({ group, op, methodName: scopeOf(group).claim([method, `${method}_operation`]) });
  }
  const specScope = new NameScope(() => false);
  for (const { group, op, methodName } of planned) {
    const asyncName = scopeOf(group).claim([`${methodName}_async`]);
    const specName = `_${specScope.claim([methodName.toUpperCase()])}`;
    group.operations.push(planOperation(op, api, methodName, asyncName, specName, names.get(op)!, typesById, typeScope));
  }
  // Claimed after the tags, so a spec without untagged operations keeps its pages where they were.
  if (untagged.operations.length > 0) untagged.docsPage = `docs/sdks/${docsScope.claim([clientName.toLowerCase()])}/README.md`;
  return [...tagGroups.values(), ...(untagged.operations.length > 0 ? [untagged] : [])];
}

function planOperation(
  op: Operation, api: Api, methodName: string, asyncName: string, specName: string,
  names: { request?: string; response: string; errors: Array<{ status: string; className: string; error: ErrorResponse }> },
  typesById: Map<string, PyTypeDecl>, typeScope: NameScope,
): PyOperation {
  const errors = names.errors.map((e) => ({ ...e, fields: errorFields(e.error, typesById) }));
  const base = { op, methodName, asyncName, specName, responseTypeName: names.response, bodyFields: planBodyFields(op), errors };
  if (names.request === undefined) {
    const argScope = fieldScope((n) => CALL_OPTIONS.includes(n));
    const own = ownParams(op, api);
    const ordered = [...own.filter((p) => p.required), ...own.filter((p) => !p.required)];
    const args = ordered.map((param) => ({ name: argScope.claim(snakeCandidates(param.nameOverride ?? param.wireName)), param, optional: !param.required }));
    return { ...base, args };
  }
  const scope = fieldScope();
  const fields: PyRequestField[] = op.params.map((param) => ({
    name: scope.claim(snakeCandidates(param.nameOverride ?? param.wireName)),
    optional: !param.required || isGlobalParam(param, api),
    source: { kind: "param" as const, param },
  }));
  if (op.body) fields.push({ name: scope.claim(["request_body", "body"]), optional: !op.body.required, source: { kind: "body", body: op.body } });
  const typedDict = typeScope.claim([`${names.request}TypedDict`]);
  return { ...base, args: [], request: { typeName: names.request, typedDict, fields, optional: fields.every((f) => f.optional) } };
}

function errorFields(error: ErrorResponse, typesById: Map<string, PyTypeDecl>): PyField[] {
  const type = error.body.type;
  const decl = type.kind === "ref" ? typesById.get(type.target) : undefined;
  if (decl?.def.kind !== "object") return [];
  return (decl.fields ?? []).filter((f) => !ERROR_MEMBERS.has(f.name));
}

function planBodyFields(op: Operation): PyBodyField[] {
  const scope = fieldScope((n) => RESPONSE_META.includes(n));
  const withBody = op.responses.filter((r) => r.body !== undefined);
  return withBody.map((r) => {
    const body = r.body!;
    const fallback = /json/i.test(body.contentType) ? "object" : /^text\//i.test(body.contentType) ? "text" : "body";
    const hint = r.bodyNameHint ? snakeName(r.bodyNameHint) : fallback;
    return {
      status: r.status,
      name: scope.claim([hint, `${hint}_`, `${fallback}_${r.status.toLowerCase()}`]),
      type: body.type,
      contentType: body.contentType,
      always: withBody.length === 1 && op.responses.length === 1,
    };
  });
}

function planOptions(api: Api): ClientOption[] {
  const scope = fieldScope((n) => BASE_OPTIONS.includes(n));
  const options: ClientOption[] = [];
  for (const scheme of api.securitySchemes) {
    options.push({ kind: "security", name: scope.claim([...snakeCandidates(scheme.key), `${snakeName(scheme.key)}_security`]), scheme });
  }
  options.push(...serverVariableOptions(api.servers, (name) => scope.claim([...snakeCandidates(name), `${snakeName(name)}_variable`])));
  // Globals take their x-speakeasy-name-override, else their wire names: X-Plex-Client-Identifier is x_plex_client_identifier.
  for (const param of api.globals) {
    const name = param.nameOverride ?? param.wireName;
    options.push({ kind: "global", name: scope.claim([...snakeCandidates(name), `${snakeName(name)}_param`]), param });
  }
  return options;
}

