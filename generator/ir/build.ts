import { GenerationError, joinPointer, refPointer, splitPointer, type Diagnostic, type Locate } from "../diagnostics.ts";
import type {
  Api, Body, ErrorResponse, HttpMethod, NameHint, Operation, Parameter, ParameterLocation, Response,
  SecurityRequirement, SecurityScheme, Server, Tag, Type,
} from "./types.ts";
import { compareStrings, isRecord, resolvePointer, sortedKeys } from "./pointer.ts";
import { SchemaConverter, docsOf } from "./schema.ts";
import { deriveOperationId, statusName } from "./names.ts";
import { refProblems, wrongComponentKind } from "./refs.ts";
import { BINARY_MEDIA_TYPES as BINARY_TYPES } from "./media.ts";

const METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const LOCATIONS: ParameterLocation[] = ["path", "query", "header", "cookie"];

export interface IrResult {
  api: Api;
  warnings: Diagnostic[];
}

export interface IrOptions {
  /** Parameters to treat as globals besides those in x-speakeasy-globals (from the generator config). */
  globals?: Array<{ in: ParameterLocation; name: string }>;
  /** Where a pointer of the document is written (file, pointer there, line); by default, at that pointer of `file`, without a line. */
  locate?: Locate;
  /** For a document bundled from several files: the name a file gives the content at a pointer (its file name, say). */
  nameOf?: (pointer: string) => string | undefined;
  /** Targets generated; body types some of them pass through as text are warned about for those. By default all three. */
  targets?: string[];
  /** The loader found every $ref of this very document sound already: the walk is not repeated. */
  refsChecked?: boolean;
}

/** Builds the IR from a bundled OpenAPI document. Pure: no file system, no clock. */
export function buildIr(doc: Record<string, unknown>, file: string, options: IrOptions = {}): IrResult {
  const diagnostics: Diagnostic[] = [];
  const locate: Locate = options.locate ?? ((pointer) => ({ file, pointer }));
  // A shared component (a response, say) is read once per place that uses it: its problem is told once.
  const reported = new Set<string>();
  const report = (d: Omit<Diagnostic, "file">) => {
    const key = `${d.severity}\u0000${d.pointer}\u0000${d.message}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push({ ...d, ...locate(d.pointer) });
  };
  // Broken $refs would make every check below misleading, so they end the build on their own.
  if (!options.refsChecked) refProblems(doc).forEach(report);
  if (diagnostics.length > 0) throw new GenerationError(diagnostics);
  const opIds = new Map<string, string>(); // operation pointer -> operationId
  const hintOf = (pointer: string) => hintFromPointer(doc, pointer, opIds, options.nameOf);
  const schemas = new SchemaConverter(doc, hintOf, report);
  const paramsOf = new ParameterReader(doc, schemas, report);

  const paths = isRecord(doc["paths"]) ? doc["paths"] : {};
  const operationPointers: Array<{
    id: string; at: string; itemAt: string; path: string; method: HttpMethod; item: Record<string, unknown>; op: Record<string, unknown>;
  }> = [];
  for (const path of sortedKeys(paths)) {
    const ownAt = joinPointer("/paths", path);
    const itemAt = refTarget(doc, paths[path], ownAt);
    const item = resolvePointer(doc, itemAt);
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      // `at` is where the operation is written, `id` where it is used: a path item reused through a
      // $ref is written once and used under several paths, each one an operation of its own.
      operationPointers.push({ id: joinPointer(ownAt, method), at: joinPointer(itemAt, method), itemAt, path, method, item, op });
    }
  }
  // Operations used where they are written take their operationIds first (a stable sort keeps path order).
  const byPreference = [...operationPointers].sort((a, b) => Number(a.id !== a.at) - Number(b.id !== b.at));
  const seenIds = new Map<string, { at: string; id: string }>();
  const operationIds = new Map<string, string>(); // operation id -> operationId
  for (const { id, at, path, method, op } of byPreference) {
    let operationId = typeof op["operationId"] === "string" && op["operationId"] !== "" ? op["operationId"] : deriveOperationId(method, path);
    const reused = seenIds.get(operationId);
    if (reused && reused.at === at) {
      // The same operation object under another path: its written operationId is taken, so this use is named from its path.
      const derived = deriveOperationId(method, path);
      report({
        severity: "warning", pointer: joinPointer("/paths", path, "$ref"),
        message: `the path item is reused through $ref, and its ${method.toUpperCase()} operation's operationId ${JSON.stringify(operationId)} is already used under ${splitPointer(reused.id)[1]}; here it is named ${JSON.stringify(derived)}`,
      });
      operationId = derived;
    }
    const clash = seenIds.get(operationId);
    if (clash) {
      const other = locate(joinPointer(clash.at, "operationId"));
      const line = other.line === undefined ? "" : `line ${other.line}`;
      const place = other.file === locate(joinPointer(at, "operationId")).file ? line : [other.file, line].filter((x) => x !== "").join(":");
      const where = place === "" ? clash.at : `${clash.at} (${place})`;
      report({ severity: "error", pointer: joinPointer(at, "operationId"), message: `duplicate operationId ${JSON.stringify(operationId)}, also used at ${where}` });
    }
    seenIds.set(operationId, { at, id });
    operationIds.set(id, operationId);
    // Inline schemas are named after the operation that takes its operationId first.
    if (!opIds.has(at)) opIds.set(at, operationId);
  }

  const declaredGlobals = readGlobals(doc, paramsOf);
  const targets = options.targets ?? ["typescript", "python", "go"];
  const operations: Operation[] = operationPointers.map(({ id, at, itemAt, path, method, item, op }) => {
    const operationId = operationIds.get(id)!;
    const params = mergeParams(
      paramsOf.list(item["parameters"], joinPointer(itemAt, "parameters")),
      paramsOf.list(op["parameters"], joinPointer(at, "parameters")),
    );
    checkPathParams(path, params, at, report);
    const { responses, errors } = readResponses(doc, op, at, schemas, report, targets);
    const body = readRequestBody(doc, op["requestBody"], joinPointer(at, "requestBody"), schemas, report, targets);
    const servers = readServers(op["servers"] ?? item["servers"]);
    if (isRecord(op["callbacks"]) && Object.keys(op["callbacks"]).length > 0 && id === at) {
      report({ severity: "warning", pointer: joinPointer(at, "callbacks"), message: "callbacks are not generated yet; the SDK has no code for the requests the API sends back" });
    }
    return {
      id,
      operationId,
      method,
      path,
      tags: Array.isArray(op["tags"]) ? op["tags"].filter((t): t is string => typeof t === "string") : [],
      ...(typeof op["x-speakeasy-name-override"] === "string" && op["x-speakeasy-name-override"] !== "" ? { nameOverride: op["x-speakeasy-name-override"] } : {}),
      docs: docsOf(op),
      params,
      ...(body ? { body } : {}),
      responses,
      errors,
      security: Array.isArray(op["security"]) ? readSecurity(op["security"]) : "inherit",
      ...(servers ? { servers } : {}),
    };
  });

  const globals = [...declaredGlobals, ...configuredGlobals(options.globals ?? [], declaredGlobals, operations, report)];
  checkSecurity(doc, operationPointers, report);
  if (isRecord(doc["webhooks"]) && Object.keys(doc["webhooks"]).length > 0) {
    report({ severity: "warning", pointer: "/webhooks", message: "webhooks are not generated yet; the SDK has no code for them" });
  }
  // Only schemas the operations use are generated, but an unused broken schema is still a broken spec.
  const types = [...schemas.types.values()].sort((a, b) => compareStrings(a.id, b.id));
  const components = isRecord(doc["components"]) ? doc["components"] : {};
  const componentSchemas = isRecord(components["schemas"]) ? components["schemas"] : {};
  for (const key of sortedKeys(componentSchemas)) schemas.convertAt(joinPointer("/components/schemas", key));

  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new GenerationError(errors, diagnostics.filter((d) => d.severity === "warning"));

  const info = isRecord(doc["info"]) ? doc["info"] : {};
  const api: Api = {
    info: {
      title: typeof info["title"] === "string" ? info["title"] : "API",
      version: typeof info["version"] === "string" ? info["version"] : "0.0.0",
      ...docsOfInfo(info),
    },
    servers: readServers(doc["servers"]) ?? [{ url: "/", variables: [] }],
    securitySchemes: readSecuritySchemes(doc, report),
    security: Array.isArray(doc["security"]) ? readSecurity(doc["security"]) : [],
    tags: readTags(doc, operations),
    types,
    operations,
    globals,
  };
  return { api, warnings: diagnostics };
}

function docsOfInfo(info: Record<string, unknown>): { summary?: string; description?: string } {
  const out: { summary?: string; description?: string } = {};
  if (typeof info["summary"] === "string") out.summary = info["summary"];
  if (typeof info["description"] === "string") out.description = info["description"].trim();
  return out;
}

function followRef(doc: unknown, node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 32 && isRecord(current) && typeof current["$ref"] === "string" && current["$ref"].startsWith("#"); i++) {
    current = resolvePointer(doc, refPointer(current["$ref"]));
  }
  return current;
}

/** Where a $ref chain ends, as a pointer. */
function refTarget(doc: unknown, node: unknown, at: string): string {
  let pointer = at;
  let current = node;
  for (let i = 0; i < 32 && isRecord(current) && typeof current["$ref"] === "string" && current["$ref"].startsWith("#"); i++) {
    pointer = refPointer(current["$ref"]);
    current = resolvePointer(doc, pointer);
  }
  return pointer;
}

class ParameterReader {
  private readonly cache = new Map<string, Parameter>();
  constructor(
    private readonly doc: unknown,
    private readonly schemas: SchemaConverter,
    private readonly report: (d: Omit<Diagnostic, "file">) => void,
  ) {}

  list(raw: unknown, at: string): Parameter[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) {
      this.report({ severity: "error", pointer: at, message: "`parameters` must be an array" });
      return [];
    }
    return raw.flatMap((p, i) => {
      const param = this.read(p, joinPointer(at, i));
      return param ? [param] : [];
    });
  }

  read(raw: unknown, at: string): Parameter | undefined {
    const pointer = refTarget(this.doc, raw, at);
    const cached = this.cache.get(pointer);
    if (cached) return cached;
    const wrongKind = wrongComponentKind(pointer, "parameters");
    if (wrongKind !== undefined) {
      this.report({ severity: "error", pointer: joinPointer(at, "$ref"), message: wrongKind });
      return undefined;
    }
    const p = resolvePointer(this.doc, pointer);
    if (!isRecord(p)) {
      this.report({ severity: "error", pointer: at, message: "parameter $ref does not resolve to a parameter object" });
      return undefined;
    }
    const location = p["in"] as ParameterLocation;
    if (typeof p["name"] !== "string" || !LOCATIONS.includes(location)) {
      this.report({ severity: "error", pointer, message: "a parameter needs a `name` and `in` (path, query, header or cookie)" });
      return undefined;
    }
    const schemaAt = isRecord(p["content"])
      ? joinPointer(pointer, "content", sortedKeys(p["content"])[0] ?? "", "schema")
      : joinPointer(pointer, "schema");
    const defaultStyle = location === "query" || location === "cookie" ? "form" : "simple";
    const style = typeof p["style"] === "string" ? p["style"] : defaultStyle;
    const schema = followRef(this.doc, resolvePointer(this.doc, schemaAt));
    const docs = docsOf(p);
    if (docs.example === undefined && isRecord(p["examples"])) {
      const first = sortedKeys(p["examples"])[0];
      const ex = first === undefined ? undefined : followRef(this.doc, p["examples"][first]);
      if (isRecord(ex) && "value" in ex) docs.example = ex["value"];
    }
    if (docs.example === undefined && isRecord(schema)) {
      const schemaDocs = docsOf(schema);
      if (schemaDocs.example !== undefined) docs.example = schemaDocs.example;
    }
    const param: Parameter = {
      id: pointer,
      wireName: p["name"],
      in: location,
      required: location === "path" ? true : p["required"] === true,
      type: this.schemas.convertAt(schemaAt),
      style,
      explode: typeof p["explode"] === "boolean" ? p["explode"] : style === "form",
      docs,
      ...(typeof p["x-speakeasy-name-override"] === "string" ? { nameOverride: p["x-speakeasy-name-override"] } : {}),
      ...(isRecord(schema) && "default" in schema ? { default: schema["default"] } : {}),
    };
    this.cache.set(pointer, param);
    return param;
  }
}

/** Operation-level parameters replace path-level ones with the same name and location. */
function mergeParams(pathLevel: Parameter[], opLevel: Parameter[]): Parameter[] {
  const key = (p: Parameter) => `${p.in}:${p.in === "header" ? p.wireName.toLowerCase() : p.wireName}`;
  const own = new Set(opLevel.map(key));
  return [...pathLevel.filter((p) => !own.has(key(p))), ...opLevel];
}

function checkPathParams(path: string, params: Parameter[], at: string, report: (d: Omit<Diagnostic, "file">) => void): void {
  const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const declared = params.filter((p) => p.in === "path").map((p) => p.wireName);
  for (const name of inTemplate) {
    if (!declared.includes(name)) report({ severity: "error", pointer: at, message: `path parameter {${name}} is in the path but not declared` });
  }
  for (const name of declared) {
    if (!inTemplate.includes(name)) report({ severity: "error", pointer: joinPointer(at, "parameters"), message: `path parameter ${JSON.stringify(name)} is declared but not in the path` });
  }
}

/** Globals named in the config: each takes the declaration of the first operation parameter that matches. */
function configuredGlobals(
  wanted: Array<{ in: ParameterLocation; name: string }>, declared: Parameter[], operations: Operation[],
  report: (d: Omit<Diagnostic, "file">) => void,
): Parameter[] {
  const same = (a: { in: string; name: string }, p: Parameter) =>
    a.in === p.in && (p.in === "header" ? a.name.toLowerCase() === p.wireName.toLowerCase() : a.name === p.wireName);
  return wanted.flatMap((g) => {
    if (declared.some((p) => same(g, p))) return [];
    const found = operations.flatMap((op) => op.params).find((p) => same(g, p));
    if (found) return [{ ...found, required: false }];
    report({ severity: "warning", pointer: "", message: `global ${g.in} parameter ${JSON.stringify(g.name)} from the config is used by no operation; it is sent as a string` });
    return [{
      id: `#global/${g.in}/${g.name}`, wireName: g.name, in: g.in, required: false, type: { kind: "primitive", name: "string" },
      style: g.in === "query" || g.in === "cookie" ? "form" : "simple", explode: g.in === "query" || g.in === "cookie", docs: {},
    }];
  });
}

function readGlobals(doc: Record<string, unknown>, params: ParameterReader): Parameter[] {
  const ext = doc["x-speakeasy-globals"];
  if (!isRecord(ext)) return [];
  return params.list(ext["parameters"], "/x-speakeasy-globals/parameters");
}

const CONTENT_PREFERENCE = [
  /^application\/json$/i, /^application\/[^;]*\+json$/i, /^application\/x-www-form-urlencoded$/i, /^multipart\/form-data$/i,
  /^application\/octet-stream$/i, /^text\/plain$/i,
];

function pickContentType(content: Record<string, unknown>): string | undefined {
  const keys = sortedKeys(content);
  for (const pattern of CONTENT_PREFERENCE) {
    const hit = keys.find((k) => pattern.test(k.split(";")[0]!.trim()));
    if (hit) return hit;
  }
  return keys[0];
}

/** Body types the TypeScript runtime encodes and decodes faithfully; others get a warning. */
const SUPPORTED_REQUEST_TYPES = [/json/i, /^application\/x-www-form-urlencoded/i, /^multipart\/form-data/i, /^text\//i, BINARY_TYPES];
const SUPPORTED_RESPONSE_TYPES = [/json/i, /^text\//i, BINARY_TYPES];
/** Body types a target still sends and returns as text, by target (the TypeScript runtime encodes them all). */
const TEXT_ONLY_BODIES: Record<string, RegExp[]> = {
  python: [/^multipart\/form-data/i],
  go: [/^multipart\/form-data/i],
  csharp: [/^multipart\/form-data/i],
  php: [/^multipart\/form-data/i],
};
const TARGET_NAMES: Record<string, string> = { typescript: "TypeScript", python: "Python", go: "Go", csharp: "C#", php: "PHP" };

/** The unsupported-body warning for a body type some of the generated targets pass as text. */
function textOnlyWarning(contentType: string, targets: string[], what: string): string | undefined {
  const textOnly = (name: string) => TEXT_ONLY_BODIES[name]?.some((t) => t.test(contentType)) === true;
  const lacking = targets.filter(textOnly).map((t) => TARGET_NAMES[t] ?? t);
  if (lacking.length === 0) return undefined;
  const supporting = Object.keys(TARGET_NAMES).filter((t) => !textOnly(t)).map((t) => TARGET_NAMES[t]!);
  const many = lacking.length > 1;
  return `${what} of type ${contentType} are not supported yet by the ${naturalList(lacking)} SDK${many ? "s" : ""}: ${many ? "they pass" : "it passes"} the body as text (the ${naturalList(supporting)} SDK${supporting.length > 1 ? "s support" : " supports"} them)`;
}

/** "A", "A and B", "A, B and C". */
function naturalList(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** How the SDK encodes and decodes a media type: the types of one kind with one schema are handled alike. */
function mediaKind(contentType: string): string {
  if (BINARY_TYPES.test(contentType)) return "binary";
  if (/json/i.test(contentType)) return "json";
  return /^text\//i.test(contentType) ? "text" : contentType;
}

/**
 * The warning for a body offered in several media types, of which the SDK sends or reads one;
 * none when the others are handled just like it (bytes whatever their type, or JSON or text of
 * the same schema, such as application/json next to application/scim+json).
 */
function otherMediaTypesWarning(doc: unknown, content: unknown, chosen: string, what: string, verb: string): string | undefined {
  if (!isRecord(content)) return undefined;
  const types = sortedKeys(content);
  const schemaOf = (t: string) => {
    const media = followRef(doc, content[t]);
    return JSON.stringify(isRecord(media) ? media["schema"] ?? null : null);
  };
  const kind = mediaKind(chosen);
  if (types.every((t) => mediaKind(t) === kind && (kind === "binary" || schemaOf(t) === schemaOf(chosen)))) return undefined;
  return `${what} in several media types (${types.join(", ")}) are not supported yet: the SDK ${verb} ${chosen} only`;
}

function readBody(
  doc: unknown, content: unknown, at: string, required: boolean, docs: Body["docs"], schemas: SchemaConverter,
): Body | undefined {
  if (!isRecord(content)) return undefined;
  const contentType = pickContentType(content);
  if (contentType === undefined) return undefined;
  const mediaAt = joinPointer(at, contentType);
  const media = followRef(doc, content[contentType]);
  const type: Type = BINARY_TYPES.test(contentType)
    ? { kind: "primitive", name: "string", format: "binary" }
    : isRecord(media) && "schema" in media ? schemas.convertAt(joinPointer(mediaAt, "schema")) : { kind: "primitive", name: "unknown" };
  return { contentType, type, required, docs };
}

function readRequestBody(
  doc: unknown, raw: unknown, at: string, schemas: SchemaConverter, report: (d: Omit<Diagnostic, "file">) => void, targets: string[],
): Body | undefined {
  if (raw === undefined) return undefined;
  const pointer = refTarget(doc, raw, at);
  const wrongKind = wrongComponentKind(pointer, "requestBodies");
  if (wrongKind !== undefined) {
    report({ severity: "error", pointer: joinPointer(at, "$ref"), message: wrongKind });
    return undefined;
  }
  const body = resolvePointer(doc, pointer);
  if (!isRecord(body)) {
    report({ severity: "error", pointer: at, message: "requestBody does not resolve to a request body object" });
    return undefined;
  }
  if (!isRecord(body["content"])) {
    report({ severity: "error", pointer, message: "a request body needs a `content` mapping of media types" });
    return undefined;
  }
  const read = readBody(doc, body["content"], joinPointer(pointer, "content"), body["required"] === true, docsOf(body), schemas);
  if (read && !SUPPORTED_REQUEST_TYPES.some((t) => t.test(read.contentType))) {
    report({
      severity: "warning",
      pointer: joinPointer(pointer, "content", read.contentType),
      message: `request bodies of type ${read.contentType} are not supported yet: the SDK sends the body as text`,
    });
  }
  const partly = read ? textOnlyWarning(read.contentType, targets, "request bodies") : undefined;
  if (partly) report({ severity: "warning", pointer: joinPointer(pointer, "content", read!.contentType), message: partly });
  const several = read ? otherMediaTypesWarning(doc, body["content"], read.contentType, "request bodies", "sends") : undefined;
  if (several) report({ severity: "warning", pointer: joinPointer(pointer, "content"), message: several });
  return read;
}

function readResponses(
  doc: unknown, op: Record<string, unknown>, at: string, schemas: SchemaConverter, report: (d: Omit<Diagnostic, "file">) => void,
  targets: string[],
): { responses: Response[]; errors: ErrorResponse[] } {
  const raw = op["responses"];
  const responses: Response[] = [];
  const errors: ErrorResponse[] = [];
  // OpenAPI 3.1 lets an operation leave its responses undescribed; 3.0 requires them.
  const optional = raw === undefined && isRecord(doc) && typeof doc["openapi"] === "string" && doc["openapi"].startsWith("3.1.");
  if (optional) return { responses, errors };
  if (!isRecord(raw)) {
    report({ severity: "error", pointer: joinPointer(at, "responses"), message: "an operation needs a `responses` object" });
    return { responses, errors };
  }
  const statuses = sortedKeys(raw);
  const hasSuccess = statuses.some((s) => s.startsWith("2"));
  for (const status of statuses) {
    const pointer = refTarget(doc, raw[status], joinPointer(at, "responses", status));
    const wrongKind = wrongComponentKind(pointer, "responses");
    if (wrongKind !== undefined) {
      report({ severity: "error", pointer: joinPointer(at, "responses", status, "$ref"), message: wrongKind });
      continue;
    }
    const response = resolvePointer(doc, pointer);
    if (!isRecord(response)) {
      report({ severity: "error", pointer: joinPointer(at, "responses", status), message: "response does not resolve to a response object" });
      continue;
    }
    const docs = docsOf(response);
    const body = readBody(doc, response["content"], joinPointer(pointer, "content"), true, docs, schemas);
    if (body && !SUPPORTED_RESPONSE_TYPES.some((t) => t.test(body.contentType))) {
      report({
        severity: "warning",
        pointer: joinPointer(pointer, "content", body.contentType),
        message: `response bodies of type ${body.contentType} are not supported yet: the SDK returns them as text`,
      });
    }
    const partly = body ? textOnlyWarning(body.contentType, targets, "response bodies") : undefined;
    if (partly) report({ severity: "warning", pointer: joinPointer(pointer, "content", body!.contentType), message: partly });
    const several = body ? otherMediaTypesWarning(doc, response["content"], body.contentType, "responses", "reads") : undefined;
    if (several) report({ severity: "warning", pointer: joinPointer(pointer, "content"), message: several });
    const isSuccess = status.startsWith("2") || (status === "default" && !hasSuccess);
    if (isSuccess) {
      const bodyNameHint = body ? bodyName(doc, response, body.contentType) : undefined;
      responses.push({ status, docs, ...(body ? { body } : {}), ...(bodyNameHint ? { bodyNameHint } : {}) });
    } else if (body && /json/i.test(body.contentType)) {
      const schema = followRef(doc, resolvePointer(doc, joinPointer(pointer, "content", body.contentType, "schema")));
      const override = isRecord(schema) && typeof schema["x-speakeasy-name-override"] === "string" ? schema["x-speakeasy-name-override"] : undefined;
      const messagePath = isRecord(schema) ? errorMessagePath(doc, schema, 0) : undefined;
      errors.push({ status, docs, body, nameHint: override ?? statusName(status), ...(messagePath ? { messagePath } : {}) });
    }
  }
  return { responses, errors };
}

/** The path to the property marked x-speakeasy-error-message, searched a few levels deep. */
function errorMessagePath(doc: unknown, schema: Record<string, unknown>, depth: number): string[] | undefined {
  if (depth > 3) return undefined;
  const props = isRecord(schema["properties"]) ? schema["properties"] : {};
  for (const name of sortedKeys(props)) {
    const prop = followRef(doc, props[name]);
    if (!isRecord(prop)) continue;
    if (prop["x-speakeasy-error-message"] === true) return [name];
    const items = followRef(doc, prop["items"]);
    const nested = isRecord(items) ? errorMessagePath(doc, items, depth + 1) : errorMessagePath(doc, prop, depth + 1);
    if (nested) return [name, ...(isRecord(items) ? ["*"] : []), ...nested];
  }
  return undefined;
}

/** The key of the schema a response body refers to, used to name the response's body field. */
function bodyName(doc: unknown, response: Record<string, unknown>, contentType: string): string | undefined {
  const content = response["content"] as Record<string, unknown>;
  const media = followRef(doc, content[contentType]);
  if (!isRecord(media) || !isRecord(media["schema"])) return undefined;
  const schema = media["schema"];
  const ref = typeof schema["$ref"] === "string"
    ? schema["$ref"]
    : Array.isArray(schema["allOf"]) && isRecord(schema["allOf"][0]) && typeof schema["allOf"][0]["$ref"] === "string"
      ? schema["allOf"][0]["$ref"]
      : undefined;
  const match = ref === undefined ? null : /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match ? splitPointer(`/${match[1]!}`)[0] : undefined;
}

function readServers(raw: unknown): Server[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  return raw.filter(isRecord).map((s) => {
    const vars = isRecord(s["variables"]) ? s["variables"] : {};
    return {
      url: typeof s["url"] === "string" ? s["url"] : "/",
      ...(typeof s["description"] === "string" ? { description: s["description"] } : {}),
      // Variables keep the order they appear in the URL, so they read naturally.
      variables: sortedKeys(vars)
        .sort((a, b) => urlIndex(s["url"], a) - urlIndex(s["url"], b))
        .map((name) => {
          const v = isRecord(vars[name]) ? vars[name] : {};
          return {
            name,
            default: String(v["default"] ?? ""),
            ...(Array.isArray(v["enum"]) ? { enum: v["enum"].map(String) } : {}),
            ...(typeof v["description"] === "string" ? { description: v["description"] } : {}),
          };
        }),
    };
  });
}

function urlIndex(url: unknown, name: string): number {
  const i = typeof url === "string" ? url.indexOf(`{${name}}`) : -1;
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

/** Every scheme a security requirement names must be declared in components.securitySchemes. */
function checkSecurity(
  doc: Record<string, unknown>, operations: Array<{ at: string; op: Record<string, unknown> }>, report: (d: Omit<Diagnostic, "file">) => void,
): void {
  const components = isRecord(doc["components"]) ? doc["components"] : {};
  const declared = new Set(isRecord(components["securitySchemes"]) ? sortedKeys(components["securitySchemes"]) : []);
  const known = declared.size === 0 ? "none are declared" : `declared: ${[...declared].join(", ")}`;
  const check = (raw: unknown, at: string) => {
    if (!Array.isArray(raw)) return;
    raw.forEach((requirement, i) => {
      if (!isRecord(requirement)) return;
      for (const name of sortedKeys(requirement)) {
        if (declared.has(name)) continue;
        report({ severity: "error", pointer: joinPointer(at, i, name), message: `security requirement names the scheme ${JSON.stringify(name)}, which components.securitySchemes does not declare (${known})` });
      }
    });
  };
  check(doc["security"], "/security");
  for (const { at, op } of operations) check(op["security"], joinPointer(at, "security"));
}

function readSecurity(raw: unknown[]): SecurityRequirement[] {
  return raw.filter(isRecord).map((req) => sortedKeys(req));
}

function readSecuritySchemes(doc: Record<string, unknown>, report: (d: Omit<Diagnostic, "file">) => void): SecurityScheme[] {
  const components = isRecord(doc["components"]) ? doc["components"] : {};
  const schemes = isRecord(components["securitySchemes"]) ? components["securitySchemes"] : {};
  return sortedKeys(schemes).flatMap((key): SecurityScheme[] => {
    const s = followRef(doc, schemes[key]);
    if (!isRecord(s)) return [];
    const description = typeof s["description"] === "string" ? { description: s["description"] } : {};
    if (s["type"] === "apiKey") {
      const location = s["in"] === "query" || s["in"] === "cookie" ? s["in"] : "header";
      return [{ key, kind: "apiKey", in: location, wireName: String(s["name"] ?? key), ...description }];
    }
    const unsupported = (what: string) => {
      report({
        severity: "warning", pointer: joinPointer("/components/securitySchemes", key),
        message: `${what} is not supported yet: the SDK sends no credentials for it, and an operation that needs it is called without them`,
      });
      return [];
    };
    if (s["type"] === "http") {
      const scheme = String(s["scheme"]).toLowerCase();
      if (scheme !== "basic" && scheme !== "bearer") return unsupported(`HTTP authentication scheme ${JSON.stringify(s["scheme"])}`);
      return [{ key, kind: "http", scheme, ...description }];
    }
    if (s["type"] === "mutualTLS") return unsupported("mutualTLS security (client certificates)");
    if (s["type"] === "oauth2" || s["type"] === "openIdConnect") return [{ key, kind: s["type"], ...description }];
    return [];
  });
}

function readTags(doc: Record<string, unknown>, operations: Operation[]): Tag[] {
  const declared: Tag[] = (Array.isArray(doc["tags"]) ? doc["tags"] : []).filter(isRecord).flatMap((t) =>
    typeof t["name"] === "string"
      ? [{ name: t["name"], ...(typeof t["description"] === "string" ? { description: t["description"].trim() } : {}) }]
      : [],
  );
  const known = new Set(declared.map((t) => t.name));
  const used = [...new Set(operations.flatMap((o) => o.tags))].filter((t) => !known.has(t)).sort(compareStrings);
  return [...declared, ...used.map((name) => ({ name }))];
}

/** A naming hint for the schema at `pointer`, derived from where it sits in the document. */
export function hintFromPointer(doc: unknown, pointer: string, opIds: Map<string, string>, nameOf?: (pointer: string) => string | undefined): NameHint {
  const segments = splitPointer(pointer);
  const node = resolvePointer(doc, pointer);
  const ownerAt = (n: number) => segments.slice(0, segments.length - n).reduce((acc, s) => joinPointer(acc, s), "");
  const ownerHint = (n: number) => hintFromPointer(doc, ownerAt(n), opIds, nameOf);
  if (isRecord(node) && typeof node["x-speakeasy-name-override"] === "string") {
    return { kind: "override", name: node["x-speakeasy-name-override"] };
  }
  const [a, b, c] = segments;
  if (a === "components" && b === "schemas" && segments.length === 3) return { kind: "component", key: c! };
  // Content a referenced file holds whole (or under a top-level key) is named as that file names it, as a component would be.
  const fileName = nameOf?.(pointer);
  if (fileName !== undefined && fileName.trim() !== "") return { kind: "component", key: fileName };
  if (isRecord(node) && typeof node["title"] === "string" && node["title"].trim() !== "") return { kind: "title", title: node["title"] };
  const last = segments[segments.length - 1];
  const prev = segments[segments.length - 2];
  if (prev === "properties" && last !== undefined) return { kind: "property", owner: ownerHint(2), property: last };
  if (last === "items" || last === "additionalProperties") return { kind: "item", owner: ownerHint(1) };
  if ((prev === "oneOf" || prev === "anyOf") && last !== undefined) return { kind: "variant", owner: ownerHint(2), index: Number(last) };
  if (prev === "allOf" && last === "-") return { kind: "fields", owner: ownerHint(2) };
  if (prev === "allOf") return ownerHint(2);
  if (last === "schema") {
    const container = resolvePointer(doc, ownerAt(1));
    if (isRecord(container) && typeof container["in"] === "string" && typeof container["name"] === "string") {
      const opAt = a === "paths" && segments[3] === "parameters" ? segments.slice(0, 3).reduce((acc, s) => joinPointer(acc, s), "") : undefined;
      const operationId = opAt === undefined ? undefined : opIds.get(opAt);
      return { kind: "parameter", ...(operationId ? { operationId } : {}), location: container["in"] as ParameterLocation, name: container["name"] };
    }
    if (a === "paths" && segments.length >= 7) {
      const opAt = segments.slice(0, 3).reduce((acc, s) => joinPointer(acc, s), "");
      const operationId = opIds.get(opAt) ?? segments[1]!;
      if (segments[3] === "requestBody") return { kind: "requestBody", operationId };
      if (segments[3] === "responses") {
        const status = segments[4]!;
        if (!status.startsWith("2") && status !== "default") return { kind: "error", operationId, status };
        const baseName = isRecord(node) ? bodyName(doc, { content: { schema: { schema: node } } }, "schema") : undefined;
        return { kind: "response", operationId, status, ...(baseName ? { baseName } : {}) };
      }
    }
    if (a === "components" && c !== undefined) return { kind: "title", title: c };
  }
  return { kind: "title", title: last ?? "Root" };
}
