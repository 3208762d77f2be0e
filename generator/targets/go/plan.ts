import type { GeneratorConfig, GoTargetConfig } from "../../config.ts";
import { serverVariableOptions, type ClientOption } from "../target.ts";
import { claimModelNames, isGlobalParam, type OperationTypeNames } from "../model-names.ts";
import type { Api, Body, EnumDef, ErrorResponse, NamedType, ObjectDef, Operation, Parameter, Property, Server, Type } from "../../ir/types.ts";
import { NameScope } from "../../naming/namer.ts";
import { enumMemberNames, typeName } from "../../naming/type-names.ts";
import { extraPropertyType, flattenedProperties, typeHomes } from "../../ir/walk.ts";
import { isShadowingTypeName } from "../../naming/type-names.ts";
import { exportedName, GO_KEYWORDS, GO_PREDECLARED, isJsonTagName, localName } from "./words.ts";

export type GoPackage = "components" | "operations" | "sdkerrors";

export interface GoTypeDecl {
  def: NamedType;
  /** The type's name, the same as the TypeScript target's unless Go reserves it. */
  name: string;
  pkg: GoPackage;
  file: string;
  /** Enum constants, in the order of def.members. */
  memberNames?: string[];
  /** The allOf bases a struct embeds, by id (none when it is flattened, see structLayout). */
  embeds?: string[];
  /** The properties a struct declares as fields of its own. */
  fields?: Property[];
  /** Struct field names, by property name. */
  fieldNames?: Map<string, string>;
  /**
   * The field keeping the properties the schema does not name, for objects whose additionalProperties,
   * their own or else their allOf bases' (extraPropertyType), keep them.
   */
  extraField?: string;
  /** The type of the values of extraField. */
  extraType?: Type;
  /**
   * The struct has MarshalJSON and UnmarshalJSON of its own, which read and write it as the SDK does:
   * a property's name cannot be a json tag's (see isJsonTagName), its own or an embedded struct's
   * (whose methods would otherwise be promoted and write that struct alone).
   */
  wireJSON?: boolean;
}

export interface GoArg {
  name: string;
  /** A parameter of the operation, or its body. */
  source: { kind: "param"; param: Parameter; global: boolean } | { kind: "body"; body: Body };
  /** Passed as a pointer (nil for "not given"). */
  pointer: boolean;
  required: boolean;
}

export interface GoBodyField {
  status: string;
  name: string;
  body: Body;
}

export interface GoError {
  status: string;
  name: string;
  file: string;
  error: ErrorResponse;
}

export interface GoOperation {
  op: Operation;
  methodName: string;
  args: GoArg[];
  responseName: string;
  responseFile: string;
  bodyFields: GoBodyField[];
  errors: GoError[];
}

export interface GoGroup {
  typeName: string;
  /** Field of the client; absent for untagged operations, which are methods of the client itself. */
  fieldName?: string;
  file: string;
  tag?: { name: string; description?: string };
  operations: GoOperation[];
}

export interface GoView {
  api: Api;
  config: GoTargetConfig;
  clientName: string;
  clientFile: string;
  types: GoTypeDecl[];
  typesById: Map<string, GoTypeDecl>;
  groups: GoGroup[];
  options: ClientOption[];
}

/** Names the hand-written parts of each package already use. */
const PACKAGE_NAMES: Record<GoPackage, string[]> = {
  components: [],
  operations: ["Option", "Options", "WithServerURL", "WithRetries", "WithTimeout", "WithRetryCodes"],
  sdkerrors: ["HTTPMeta", "SDKError", "ResponseValidationError", "SDKValidationError", "ConnectionError", "RequestTimeoutError", "RequestAbortedError"],
};

/** Names of the root package's hand-written API. */
const ROOT_NAMES = [
  "New", "SDKOption", "HTTPClient", "ServerList", "WithServerURL", "WithServerIndex", "WithTimeout", "WithRetryConfig", "WithHooks",
  "WithClient", "String", "Bool", "Int", "Int64", "Float32", "Float64", "Pointer",
];

/** Locals and imports an operation method's body uses: arguments must not shadow them. */
const METHOD_LOCALS = [
  "s", "ctx", "opts", "opt", "o", "call", "res", "err", "out", "body", "text",
  "context", "http", "time", "operations", "components", "sdkerrors", "sdkcore", "retry", "hooks",
];

/** Fields every response struct has. */
const RESPONSE_FIELDS = ["ContentType", "StatusCode", "RawResponse"];

const goReserved = (n: string) => GO_KEYWORDS.has(n) || GO_PREDECLARED.has(n);

export function planGo(api: Api, config: GeneratorConfig): GoView {
  const goConfig = config.targets.go ?? { modulePath: "example.com/sdk", packageName: "sdk" };
  const packages = new Map([...typeHomes(api)].map(([id, home]): [string, GoPackage] => [id, home === "errors" ? "sdkerrors" : home]));
  // One scope for every type, claimed in the TypeScript target's order, so names agree across targets.
  const allReserved = Object.values(PACKAGE_NAMES).flat();
  const scope = new NameScope((n) => isShadowingTypeName(n) || allReserved.includes(n));
  const { typeNames, perOp } = claimModelNames(api, scope, config.targets.typescript?.maxMethodParams ?? 4, (c) => exportedName(c, "T"));
  const typesById = new Map<string, GoTypeDecl>();
  for (const def of api.types) typesById.set(def.id, { def, name: typeNames.get(def.id)!, pkg: packages.get(def.id) ?? "operations", file: "" });

  // Package-level values (enum constants) and file names, per package.
  const values = new Map<GoPackage, NameScope>();
  const files = new Map<GoPackage, NameScope>();
  for (const pkg of ["components", "operations", "sdkerrors"] as GoPackage[]) {
    const taken = new Set([...PACKAGE_NAMES[pkg], ...[...typesById.values()].filter((t) => t.pkg === pkg).map((t) => t.name)]);
    for (const [, names] of perOp) {
      if (pkg === "operations") taken.add(names.response);
      if (pkg === "sdkerrors") for (const e of names.errors) taken.add(e.name);
    }
    const valueScope = new NameScope();
    valueScope.reserve(...taken);
    values.set(pkg, valueScope);
    const fileScope = new NameScope(() => false, (n) => n.toLowerCase());
    fileScope.reserve(pkg === "sdkerrors" ? "sdkerrors" : "options");
    files.set(pkg, fileScope);
  }
  const fileFor = (pkg: GoPackage, name: string) => `${files.get(pkg)!.claim([name.toLowerCase()])}.go`;

  const types = api.types.map((t) => typesById.get(t.id)!);
  for (const decl of types) {
    decl.file = fileFor(decl.pkg, decl.name);
    if (decl.def.kind === "enum") {
      const scopeOf = values.get(decl.pkg)!;
      decl.memberNames = enumMemberNames(decl.def).map((m) => scopeOf.claim([`${decl.name}${m}`]));
    }
    if (decl.def.kind === "object") {
      Object.assign(decl, structLayout(decl.def, typesById));
      Object.assign(decl, fieldNames(decl, typesById));
    }
  }

  for (const decl of types) if (decl.def.kind === "object" && needsWireJSON(decl, typesById)) decl.wireJSON = true;

  const groups = planGroups(api, perOp, fileFor);
  const clientScope = new NameScope(goReserved);
  clientScope.reserve(...ROOT_NAMES);
  const clientName = clientScope.claim([exportedName(config.clientName ?? typeName(api.info.title), "T"), "SDK"]);
  const rootFiles = new NameScope(() => false, (n) => n.toLowerCase());
  const clientFile = `${rootFiles.claim([goConfig.packageName])}.go`;
  for (const g of groups) {
    g.typeName = clientScope.claim([g.typeName, `${g.typeName}Operations`]);
    g.file = g.fieldName === undefined ? clientFile : `${rootFiles.claim([g.typeName.toLowerCase()])}.go`;
  }
  // Group fields and untagged methods share the client struct.
  const members = new NameScope(goReserved);
  for (const g of groups) if (g.fieldName !== undefined) g.fieldName = members.claim([g.fieldName]);
  for (const g of groups) if (g.fieldName === undefined) for (const op of g.operations) op.methodName = members.claim([op.methodName, `${op.methodName}Operation`]);
  return { api, config: goConfig, clientName, clientFile, types, typesById, groups, options: planOptions(api, clientScope) };
}

/**
 * A struct embeds its allOf bases, unless two of them bring a property of the same JSON name: at one
 * depth, encoding/json would drop both (and go vet reports the repeated tag), so such a struct is
 * flattened into fields of its own, a redeclared property in place of the bases'. It is flattened too
 * when a base keeps the properties its schema does not name (extraPropertyType): the struct keeps its
 * own in a field of its own (the base's, embedded, would be a second map the SDK never fills).
 */
function structLayout(def: ObjectDef, typesById: Map<string, GoTypeDecl>): { embeds: string[]; fields: Property[] } {
  const lookup = (id: string) => typesById.get(id)?.def;
  const bases = def.bases.filter((b) => lookup(b)?.kind === "object");
  if (bases.some((b) => extraPropertyType(lookup(b) as ObjectDef, lookup) !== undefined)) return { embeds: [], fields: flattenedProperties(def, lookup) };
  const owners = new Map<string, string>();
  for (const base of bases) {
    for (const p of flattenedProperties(lookup(base) as ObjectDef, lookup)) {
      const owner = owners.get(p.name);
      if (owner !== undefined && owner !== base) return { embeds: [], fields: flattenedProperties(def, lookup) };
      owners.set(p.name, base);
    }
  }
  return { embeds: bases, fields: def.properties };
}

/** Whether a struct needs MarshalJSON and UnmarshalJSON of its own (see GoTypeDecl.wireJSON). */
function needsWireJSON(decl: GoTypeDecl, typesById: Map<string, GoTypeDecl>, seen = new Set<string>()): boolean {
  if (seen.has(decl.def.id)) return false;
  seen.add(decl.def.id);
  if (decl.fields!.some((p) => !isJsonTagName(p.name))) return true;
  return decl.embeds!.some((id) => needsWireJSON(typesById.get(id)!, typesById, seen));
}

/** Struct field names of an object: PascalCase, unique, never an embedded base's name; and the field of its additional properties. */
function fieldNames(decl: GoTypeDecl, typesById: Map<string, GoTypeDecl>): { fieldNames: Map<string, string>; extraField?: string; extraType?: Type } {
  // A field may not take the name of a method a struct can have.
  const scope = new NameScope((n) => n === "MarshalJSON" || n === "UnmarshalJSON");
  for (const base of decl.embeds!) scope.reserve(typesById.get(base)!.name);
  const def = decl.def as ObjectDef;
  const names = new Map<string, string>();
  for (const p of decl.fields!) names.set(p.name, scope.claim([exportedName(p.name), `${exportedName(p.name)}Field`]));
  const extraType = extraPropertyType(def, (id) => typesById.get(id)?.def);
  if (extraType === undefined) return { fieldNames: names };
  return { fieldNames: names, extraField: scope.claim(["AdditionalProperties", "AdditionalPropertiesField"]), extraType };
}

function planGroups(
  api: Api,
  perOp: Map<Operation, OperationTypeNames>,
  fileFor: (pkg: GoPackage, name: string) => string,
): GoGroup[] {
  const byTag = new Map<string, GoGroup>();
  const untagged: GoGroup = { typeName: "", file: "", operations: [] };
  for (const tag of api.tags) {
    if (!api.operations.some((op) => op.tags[0] === tag.name)) continue;
    const name = exportedName(typeName(tag.name), "T");
    byTag.set(tag.name, { typeName: name, fieldName: name, file: "", tag: { name: tag.name, ...(tag.description ? { description: tag.description } : {}) }, operations: [] });
  }
  const methodScopes = new Map<GoGroup, NameScope>();
  for (const op of api.operations) {
    const group = op.tags[0] === undefined ? untagged : byTag.get(op.tags[0])!;
    const methods = methodScopes.get(group) ?? new NameScope();
    methodScopes.set(group, methods);
    const methodName = methods.claim([exportedName(op.operationId, "Op")]);
    const names = perOp.get(op)!;
    const argScope = new NameScope((n) => goReserved(n) || METHOD_LOCALS.includes(n));
    const args: GoArg[] = op.params.map((param) => {
      const global = isGlobalParam(param, api);
      const name = localName(param.nameOverride ?? param.wireName);
      return {
        name: argScope.claim([name, `${name}_`, `${name}Param`]),
        source: { kind: "param", param, global },
        pointer: global || !param.required,
        required: param.required && !global,
      };
    });
    if (op.body) args.push({ name: argScope.claim(["requestBody", "body_"]), source: { kind: "body", body: op.body }, pointer: true, required: op.body.required });
    const fieldScope = new NameScope();
    fieldScope.reserve(...RESPONSE_FIELDS);
    const withBody = op.responses.filter((r) => r.body !== undefined);
    const bodyFields = withBody.map((r) => {
      const body = r.body!;
      const fallback = /json/i.test(body.contentType) ? "Object" : /^text\//i.test(body.contentType) ? "Text" : "Body";
      return { status: r.status, name: fieldScope.claim([r.bodyNameHint ? exportedName(r.bodyNameHint) : fallback, `${fallback}${r.status}`]), body };
    });
    group.operations.push({
      op, methodName, args, responseName: names.response, responseFile: fileFor("operations", names.response), bodyFields,
      errors: names.errors.map((e) => ({ ...e, file: fileFor("sdkerrors", e.name) })),
    });
  }
  return [...byTag.values(), ...(untagged.operations.length > 0 ? [untagged] : [])];
}

function planOptions(api: Api, scope: NameScope): ClientOption[] {
  const options: ClientOption[] = [];
  const single = api.securitySchemes.length === 1;
  for (const scheme of api.securitySchemes) {
    const own = `WithSecurity${exportedName(scheme.key)}`;
    options.push({ kind: "security", name: scope.claim(single ? ["WithSecurity", own] : [own]), scheme });
  }
  options.push(...serverVariableOptions(api.servers, (name) => scope.claim([`With${exportedName(name)}`, `With${exportedName(name)}Variable`])));
  // Globals are named after their wire names: X-Plex-Client-Identifier gives WithXPlexClientIdentifier.
  for (const param of api.globals) options.push({ kind: "global", name: scope.claim([`With${exportedName(param.wireName)}`, `With${exportedName(param.wireName)}Param`]), param });
  return options;
}

export function serverTemplate(server: Server): { url: string; vars: Server["variables"] } {
  return { url: server.url, vars: server.variables };
}

export type { EnumDef, Property };
