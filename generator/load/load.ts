import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { OpenAPIV3, OpenAPIV3_1 } from "openapi-types";
import { refsIn } from "../json-refs.ts";
import { GenerationError, type Diagnostic, type LineLookup, type Locate } from "../diagnostics.ts";
import { refProblems } from "../ir/refs.ts";
import { parseJsonSource } from "./json-source.ts";
import { parseYamlFast } from "./yaml-fast.ts";
import { parseYamlFull, type ParsedSource } from "./yaml-full.ts";
import { openApiSchemaProblems } from "./openapi-validator.ts";
import { BundledFiles, fileLocator, refTarget } from "./origin.ts";
import { schemaProblemsToDiagnostics, type AjvProblem } from "./schema-problems.ts";

export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

export interface LoadedSpec {
  /** The bundled document: external files inlined, internal $refs kept. */
  document: OpenApiDocument;
  /** Path of the entry file as given (for messages). */
  file: string;
  /** The entry file's bytes, for the manifest's hash. */
  source: string;
  /**
   * Whether every $ref of `document` was checked, targets included: true when the document is the
   * one parsed (nothing to bundle), whose refs all lead straight to something.
   */
  refsChecked: boolean;
  /** Where a JSON pointer of `document` is written: the file (the entry or one it refers to), the pointer there and the line. */
  locate: Locate;
  /** For a bundled document: the name a referenced file gives the content at a pointer (see BundledFiles.nameOf). */
  nameOf?: (pointer: string) => string | undefined;
  warnings: Diagnostic[];
}

export interface LoadOptions {
  /** Check the document against the OpenAPI JSON schema (the slow part on big specs). */
  validate?: boolean;
}

/**
 * Specs above this size take minutes and gigabytes to parse with positions, so they are refused
 * before being read. The largest public descriptions are below it, except Microsoft Graph beta (45 MB JSON).
 */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;

/**
 * Deepest nesting of mappings and lists a spec may have. Real specs stay far below it (GitHub's
 * REST description reaches about 30); deeper documents would overflow recursive steps later on.
 */
export const MAX_NESTING = 512;

export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const source = await readSpecFile(file);
  const { data, lineOf, warnings } = parseSource(file, source);
  checkVersion(file, data, lineOf);
  // Before bundling: the bundler rewrites a circular chain of $refs into refs to themselves.
  const broken = refProblems(data, { checkTargets: false });
  if (broken.length > 0) throw new GenerationError(broken.map((p) => ({ ...p, file, ...lineField(lineOf(p.pointer)) })), warnings);

  let document: OpenApiDocument;
  const unbundled = bundlingChangesNothing(data);
  try {
    // Loaded only when needed: it takes a while to load.
    const SwaggerParser = unbundled ? undefined : (await import("@apidevtools/swagger-parser")).default;
    document = SwaggerParser === undefined ? (data as OpenApiDocument) : (await SwaggerParser.bundle(path.resolve(file), data as OpenApiDocument, {
      resolve: { http: false },
    })) as OpenApiDocument;
  } catch (error) {
    throw new GenerationError(await refProblem(file, data, lineOf, error), warnings);
  }

  // A bundled document holds other files' content: its pointers are followed back into them.
  const files = unbundled ? undefined : new BundledFiles(file, (absolute) => {
    if (absolute === path.resolve(file)) return parseSource(file, source);
    const parsed = parseLocalFileSync(absolute);
    return parsed instanceof GenerationError ? undefined : parsed;
  });
  const locate = files?.locate ?? fileLocator(file, lineOf);
  if (options.validate !== false) {
    const problems = schemaProblems(document);
    const { errors, warnings: found } = schemaProblemsToDiagnostics(problems, locate);
    warnings.push(...found);
    if (errors.length > 0) throw new GenerationError(errors, warnings);
  }
  return { document, file, source, refsChecked: unbundled, locate, ...(files ? { nameOf: files.nameOf } : {}), warnings };
}

/** The OpenAPI versions swagger-parser's bundler accepts; it refuses other documents, and they are left to it. */
const BUNDLER_VERSIONS = ["3.1.0", "3.1.1", "3.1.2", "3.0.0", "3.0.1", "3.0.2", "3.0.3", "3.0.4"];

/** $refs the bundler keeps as they are: pointers into the document in characters no URL encoding touches. */
const PLAIN_LOCAL_REF = /^#(?:\/[A-Za-z0-9_.~-]*)*$/;

/**
 * Whether SwaggerParser.bundle would return the document unchanged, so the (on big specs, slow)
 * call can be skipped: every $ref is local and plain, and leads straight to its target, passing
 * no other $ref on the way (the bundler rewrites such a $ref to the final target), and the
 * document passes the bundler's own version checks.
 */
export function bundlingChangesNothing(data: unknown): boolean {
  const doc = data as Record<string, unknown>;
  if (!BUNDLER_VERSIONS.includes(doc["openapi"] as string)) return false;
  if (doc["paths"] === undefined && (!(doc["openapi"] as string).startsWith("3.1.") || doc["webhooks"] === undefined)) return false;
  const info = doc["info"];
  if (typeof info === "object" && info !== null && typeof (info as Record<string, unknown>)["version"] === "number") return false;
  const refOf = (node: unknown) => {
    const ref = typeof node === "object" && node !== null ? (node as Record<string, unknown>)["$ref"] : undefined;
    return typeof ref === "string" && ref !== "" ? ref : undefined;
  };
  // Big specs use the same $refs many times over: each is followed once.
  const followed = new Map<string, boolean>();
  const leadsStraight = (ref: string): boolean => {
    let straight = followed.get(ref);
    if (straight === undefined) followed.set(ref, (straight = followStraight(ref)));
    return straight;
  };
  const followStraight = (ref: string): boolean => {
    if (!PLAIN_LOCAL_REF.test(ref)) return false;
    let node: unknown = data;
    for (const segment of ref.slice(2).split("/")) {
      if (ref === "#") break;
      if (refOf(node) !== undefined || typeof node !== "object" || node === null) return false;
      const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
      if (!Object.prototype.hasOwnProperty.call(node, key)) return false;
      node = (node as Record<string, unknown>)[key];
    }
    return refOf(node) === undefined;
  };
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const ref = refOf(node);
    if (ref !== undefined && !leadsStraight(ref)) return false;
    for (const key in node) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "object" && value !== null) stack.push(value);
    }
  }
  return true;
}

function fileProblem(file: string, message: string, line?: number): GenerationError {
  return new GenerationError([{ severity: "error", file, pointer: "", ...(line === undefined ? {} : { line }), message }]);
}

async function readSpecFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw fileProblem(file, "cannot read spec: it is a directory; give the spec's entry file (YAML or JSON)");
    if (info.isFile() && info.size > MAX_SPEC_BYTES) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      throw fileProblem(file, `spec is too large: ${mb(info.size)} MB, and sdkgen reads specs of at most ${mb(MAX_SPEC_BYTES)} MB`);
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof GenerationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" || code === "ENOTDIR" ? "file not found" : code === "EACCES" ? "permission denied" : String(error);
    throw fileProblem(file, `cannot read spec: ${reason}`);
  }
  return decodeUtf8(file, bytes);
}

function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw fileProblem(file, "spec is not valid UTF-8 text: it is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    }
    const at = firstNonUtf8Byte(bytes);
    if (at === undefined) throw fileProblem(file, "spec is not valid UTF-8 text; save it as UTF-8");
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
    throw fileProblem(file, `spec is not valid UTF-8 text: byte 0x${hex} on line ${line} is not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8`, line);
  }
}

/** Offset of the first byte that starts no well-formed UTF-8 sequence; only locates what the decoder refused. */
function firstNonUtf8Byte(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return undefined;
}

/** Parses YAML or JSON (JSON is YAML), keeping positions so pointers can be turned into lines. */
function parseSource(file: string, source: string): ParsedSource {
  const parsed = parseYamlOrJson(file, source);
  if (nestingDepth(parsed.data) > MAX_NESTING) {
    throw new GenerationError([{ severity: "error", file, pointer: "", message: `the document is nested too deeply to be read (more than ${MAX_NESTING} levels)` }]);
  }
  return parsed;
}

/** How deep mappings and lists nest in a parsed value; walks with a stack, so any depth can be measured. */
function nestingDepth(root: unknown): number {
  let deepest = 0;
  // Two parallel stacks rather than one of pairs: no allocation per node on big specs.
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "object" && value !== null) {
        nodes.push(value);
        depths.push(depth + 1);
      }
    }
  }
  return deepest;
}

function parseYamlOrJson(file: string, source: string): ParsedSource {
  // Plain JSON (GitHub's 13 MB spec, say) is read natively; its positions are found when needed.
  const json = parseJsonSource(source);
  if (json !== undefined) return { data: json.data, lineOf: json.lineOf, warnings: [] };
  const fast = parseYamlFast(source, MAX_NESTING + 1);
  if (fast !== undefined) {
    // Lines of scalars are left to the full reader, run only when a message needs one.
    let full: ParsedSource | undefined;
    const lineOf = (pointer: string) => fast.lineOf(pointer) ?? (full ??= parseYamlFull(file, source)).lineOf(pointer);
    return { data: fast.data, lineOf, warnings: [] };
  }
  return parseYamlFull(file, source);
}

function checkVersion(file: string, data: unknown, lineOf: LineLookup): void {
  const fail = (pointer: string, message: string): never => {
    const line = lineOf(pointer);
    throw new GenerationError([{ severity: "error", file, pointer, ...(line === undefined ? {} : { line }), message }]);
  };
  if (data === null || data === undefined) fail("", "not an OpenAPI document: the file is empty (the top level must be a mapping)");
  if (typeof data !== "object" || Array.isArray(data)) {
    fail("", `not an OpenAPI document: the top level must be a mapping, not ${Array.isArray(data) ? "a list" : `a ${typeof data}`}`);
  }
  const doc = data as Record<string, unknown>;
  if ("swagger" in doc) fail("/swagger", "Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 or 3.1");
  if (!("openapi" in doc)) fail("", "not an OpenAPI document: no `openapi` field");
  const version = doc["openapi"];
  if (typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    // YAML reads an unquoted `3.1` as a number, which is never a valid version.
    const hint = typeof version === "number" ? ` (a string such as "3.1.0"; quote it in YAML)` : "";
    fail("/openapi", `unsupported OpenAPI version ${JSON.stringify(version)}: expected 3.0.x or 3.1.x${hint}`);
  }
  const paths = doc["paths"];
  if (paths === undefined) {
    // OpenAPI 3.1 allows a document of webhooks only; it gives an SDK without operations.
    const is31 = (version as string).startsWith("3.1.");
    if (is31 && typeof doc["webhooks"] === "object" && doc["webhooks"] !== null) return;
    fail("/paths", is31
      ? "the document has no `paths` object and no `webhooks`: there are no operations to generate an SDK for"
      : "the document has no `paths` object (OpenAPI 3.0 requires one)");
  }
  if (typeof paths !== "object" || paths === null || Array.isArray(paths)) fail("/paths", "`paths` must be a mapping of paths to path items");
}

function schemaProblems(document: OpenApiDocument): AjvProblem[] {
  // Ajv only reads the document (no defaults, coercion or removal is configured), so no copy is needed.
  return openApiSchemaProblems(document);
}

/** The failing $ref as swagger-parser reports it: what it points to, and why that cannot be read. */
interface RefFailure {
  /** The document the $ref points to, as an absolute URL without fragment. */
  url: string;
  /** The fragment ("#/a/b") when only that part is missing. */
  fragment?: string;
  /** Why it fails; `from` is the URL of the file the $ref is written in (its own name is left out). */
  reason(from: string): string;
}

/** Reports the $ref that could not be resolved at its own place (file, pointer, line), in whichever local file it is. */
async function refProblem(file: string, data: unknown, lineOf: LineLookup, error: unknown): Promise<Diagnostic[]> {
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  const details = error as { code?: string; source?: string; targetRef?: string; targetToken?: string; targetFound?: string; ioErrorCode?: string; parentPath?: string };
  const shown = (absolute: string) => path.relative(process.cwd(), absolute) || absolute;

  if (details.code === "EPARSER" && details.source !== undefined) {
    // A referenced file that does not parse: parse it again here for a message with a line.
    const parsed = await parseLocalFile(details.source);
    if (parsed instanceof GenerationError) return parsed.diagnostics;
  }

  let failure: RefFailure | undefined;
  const source = details.source === undefined ? undefined : pathToFileURL(details.source).href;
  if (details.code === "EMISSINGPOINTER" && source !== undefined && details.targetRef !== undefined) {
    const found = details.targetFound === undefined || details.targetFound === "#" ? "the top level" : details.targetFound;
    failure = {
      url: source,
      fragment: details.targetRef,
      reason: (from) => `${found}${from === source ? "" : ` of ${shown(details.source!)}`} has no ${JSON.stringify(details.targetToken ?? "")}`,
    };
  } else if (details.code === "ERESOLVER" && source !== undefined) {
    const io = details.ioErrorCode;
    const reason = io === "ENOENT" ? "file not found" : io === "EISDIR" ? "it is a directory" : `cannot read it (${io ?? message})`;
    failure = { url: source, reason: () => `${reason}: ${shown(details.source!)}` };
  } else {
    const unresolvable = /^(?:Unable to resolve \$ref pointer|Could not find resolver for) "([^"]+)"/.exec(message)?.[1];
    const url = unresolvable === undefined ? undefined : absoluteUrl(unresolvable);
    if (url !== undefined) {
      failure = {
        url,
        reason: () => /^https?:/i.test(url)
          ? "network $refs are not supported: sdkgen reads local files only; download the document and refer to it by a relative path"
          : "only local files can be referred to",
      };
    }
  }

  if (failure !== undefined) {
    const wanted = failure;
    const site = await findRefSite(file, data, lineOf, (target) =>
      target.url === wanted.url && (wanted.fragment === undefined || target.fragment === wanted.fragment));
    if (site !== undefined) {
      const from = pathToFileURL(path.resolve(site.file)).href;
      return [{ severity: "error", file: site.file, pointer: site.pointer, ...lineField(site.line), message: `cannot resolve $ref: ${JSON.stringify(site.ref)}: ${wanted.reason(from)}` }];
    }
  }
  const pointer = details.parentPath?.replace(/^#/, "") ?? "";
  return [{ severity: "error", file, pointer, ...lineField(lineOf(pointer)), message: `cannot resolve $ref: ${message}` }];
}

function lineField(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function absoluteUrl(address: string): string | undefined {
  try {
    return new URL(address).href;
  } catch {
    return undefined;
  }
}

/** At most this many files are opened while looking for a failing $ref. */
const MAX_SEARCHED_FILES = 500;

/** The first $ref matching `wanted`, in the entry file or the local files reached from it, breadth first. */
async function findRefSite(
  entry: string, data: unknown, lineOf: LineLookup, wanted: (target: { url: string; fragment: string }) => boolean,
): Promise<{ file: string; pointer: string; line?: number; ref: string } | undefined> {
  const queue: Array<{ file: string; absolute: string; data: unknown; lineOf: LineLookup }> = [{ file: entry, absolute: path.resolve(entry), data, lineOf }];
  const opened = new Set([path.resolve(entry)]);
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const { pointer, ref } of refsIn(current.data)) {
      const target = refTarget(ref, current.absolute);
      if (target === undefined) continue;
      if (wanted(target)) return { file: current.file, pointer, ...lineField(current.lineOf(pointer)), ref };
      if (!target.url.startsWith("file:")) continue;
      const next = fileURLToPath(target.url);
      if (opened.has(next) || opened.size >= MAX_SEARCHED_FILES) continue;
      opened.add(next);
      const parsed = await parseLocalFile(next);
      if (!(parsed instanceof GenerationError)) queue.push({ file: path.relative(process.cwd(), next) || next, absolute: next, ...parsed });
    }
  }
  return undefined;
}

async function parseLocalFile(absolute: string): Promise<ParsedSource | GenerationError> {
  const shown = path.relative(process.cwd(), absolute) || absolute;
  try {
    return parseSource(shown, decodeUtf8(shown, await readFile(absolute)));
  } catch (error) {
    return error instanceof GenerationError ? error : fileProblem(shown, `cannot read: ${String(error)}`);
  }
}

/** As parseLocalFile, for callers that cannot wait: locating a diagnostic happens while it is made. */
function parseLocalFileSync(absolute: string): ParsedSource | GenerationError {
  const shown = path.relative(process.cwd(), absolute) || absolute;
  try {
    return parseSource(shown, decodeUtf8(shown, readFileSync(absolute)));
  } catch (error) {
    return error instanceof GenerationError ? error : fileProblem(shown, `cannot read: ${String(error)}`);
  }
}
