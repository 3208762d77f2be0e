import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import SwaggerParser from "@apidevtools/swagger-parser";
import { LineCounter, parseDocument, isCollection, isSeq, type Document as YamlDocument } from "yaml";
import type { OpenAPIV3, OpenAPIV3_1 } from "openapi-types";
import { GenerationError, joinPointer, splitPointer, type Diagnostic } from "../diagnostics.ts";
import { schemaProblemsToDiagnostics, type AjvProblem } from "./schema-problems.ts";

export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

export interface LoadedSpec {
  /** The bundled document: external files inlined, internal $refs kept. */
  document: OpenApiDocument;
  /** Path of the entry file as given (for messages). */
  file: string;
  /** The entry file's bytes, for the manifest's hash. */
  source: string;
  /** Line of a JSON pointer in the entry file, where it can be told. */
  lineOf(pointer: string): number | undefined;
  warnings: Diagnostic[];
}

export interface LoadOptions {
  /** Check the document against the OpenAPI JSON schema (the slow part on big specs). */
  validate?: boolean;
}

const require = createRequire(import.meta.url);
const validateSchema = require("@apidevtools/swagger-parser/lib/validators/schema.js") as (api: unknown) => void;

export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const source = await readUtf8(file);
  const { data, lineOf } = parseSource(file, source);
  checkVersion(file, data, lineOf);

  let document: OpenApiDocument;
  try {
    document = (await SwaggerParser.bundle(path.resolve(file), data as OpenApiDocument, {
      resolve: { http: false },
    })) as OpenApiDocument;
  } catch (error) {
    throw new GenerationError([refProblem(file, data, lineOf, error)]);
  }

  const warnings: Diagnostic[] = [];
  if (options.validate !== false) {
    const problems = schemaProblems(document);
    const { errors, warnings: found } = schemaProblemsToDiagnostics(problems, file, lineOf);
    if (errors.length > 0) throw new GenerationError(errors);
    warnings.push(...found);
  }
  return { document, file, source, lineOf, warnings };
}

async function readUtf8(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    throw new GenerationError([{ severity: "error", file, pointer: "", message: `cannot read spec: ${reason}` }]);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new GenerationError([{ severity: "error", file, pointer: "", message: "spec is not valid UTF-8 text" }]);
  }
}

/** Parses YAML or JSON (JSON is YAML), keeping positions so pointers can be turned into lines. */
function parseSource(file: string, source: string): { data: unknown; lineOf: (pointer: string) => number | undefined } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, version: "1.2" });
  if (doc.errors.length > 0) {
    throw new GenerationError(
      doc.errors.map((e) => ({
        severity: "error" as const,
        file,
        pointer: "",
        line: lineCounter.linePos(e.pos[0]).line,
        message: `syntax error: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const lineOf = (pointer: string) => lineOfPointer(doc, lineCounter, pointer);
  return { data: doc.toJS({ maxAliasCount: 1000 }), lineOf };
}

function lineOfPointer(doc: YamlDocument, lineCounter: LineCounter, pointer: string): number | undefined {
  const segments = splitPointer(pointer);
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const segment of segments) {
    if (!isCollection(node)) break;
    const next = node.get(isSeq(node) ? Number(segment) : segment, true);
    if (next === undefined) break;
    node = next;
    last = next;
  }
  const range = (last as { range?: [number, number, number] } | null)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

function checkVersion(file: string, data: unknown, lineOf: (p: string) => number | undefined): void {
  const fail = (pointer: string, message: string): never => {
    throw new GenerationError([{ severity: "error", file, pointer, line: lineOf(pointer), message }]);
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    fail("", "not an OpenAPI document: the top level must be a mapping");
  }
  const doc = data as Record<string, unknown>;
  if ("swagger" in doc) fail("/swagger", "Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 or 3.1");
  if (!("openapi" in doc)) fail("", "not an OpenAPI document: no `openapi` field");
  const version = doc["openapi"];
  if (typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    fail("/openapi", `unsupported OpenAPI version ${JSON.stringify(version)}: expected 3.0.x or 3.1.x`);
  }
  if (typeof doc["paths"] !== "object" || doc["paths"] === null) fail("/paths", "the document has no `paths` object");
}

function schemaProblems(document: OpenApiDocument): AjvProblem[] {
  try {
    validateSchema(structuredClone(document));
    return [];
  } catch (error) {
    const details = (error as { details?: AjvProblem[] }).details;
    if (!details) throw error;
    return details;
  }
}

/** Names the $ref that could not be resolved, at its own place in the entry file where it is there. */
function refProblem(file: string, data: unknown, lineOf: (p: string) => number | undefined, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  const details = error as { source?: string; targetRef?: string };
  const entry = path.resolve(file);
  const matches = (ref: string): boolean => {
    const [filePart = "", fragment] = ref.split("#");
    const target = filePart === "" ? entry : path.resolve(path.dirname(entry), filePart);
    if (details.source !== undefined && target !== details.source) return false;
    return details.targetRef === undefined || `#${fragment ?? ""}` === details.targetRef;
  };
  const site = findRef(data, "", matches);
  if (site === undefined && details.source !== undefined && details.source !== entry) {
    return { severity: "error", file: path.relative(process.cwd(), details.source) || details.source, pointer: details.targetRef?.slice(1) ?? "", message: `cannot resolve $ref: ${message}` };
  }
  const pointer = site ?? "";
  return { severity: "error", file, pointer, line: lineOf(pointer), message: `cannot resolve $ref: ${message}` };
}

function findRef(node: unknown, pointer: string, matches: (ref: string) => boolean): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const ref = (node as Record<string, unknown>)["$ref"];
  if (typeof ref === "string" && matches(ref)) return pointer;
  for (const [key, value] of Object.entries(node)) {
    const found = findRef(value, joinPointer(pointer, key), matches);
    if (found !== undefined) return found;
  }
  return undefined;
}
