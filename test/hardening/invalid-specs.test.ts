// Every spec in test/fixtures/invalid/ (and a few made at test time) is refused by the CLI:
// exit code 1, one `error: file:line #/pointer: message` line naming the problem, no stack trace,
// and an existing output folder left byte for byte as it was. Every case runs through the CLI's
// main() in this process (a CLI process costs seconds of start-up); the cases marked `process`
// also run as a separate `sdkgen` process, as a user would run it.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi, type ExpectStatic } from "vitest";
import { main } from "../../generator/cli.ts";
import { listFiles } from "../../generator/output/disk.ts";
import { MAX_SPEC_BYTES } from "../../generator/load/load.ts";
import { runCli, type CliResult } from "../helpers/cli.ts";
import { REPO_ROOT } from "../helpers/generate.ts";

const FIXTURES = "test/fixtures/invalid";

interface InvalidCase {
  name: string;
  /** The spec given to --spec: a fixture path relative to the repo, or made in the temp dir. */
  spec: string | (() => string);
  /** The file the error names, when it is not the spec itself (a $ref'd file). */
  file?: string;
  /** The error's line; undefined when the loader cannot know it (the line must then be absent). */
  line: number | undefined;
  pointer: string;
  /** A part of the message. */
  message: string;
  /** A warning that must be printed too. */
  warning?: string;
  /** Also run as a separate CLI process. */
  process?: true;
}

let tmp = "";
const made = (name: string) => () => path.join(tmp, name);

const cases: InvalidCase[] = [
  // Not a readable document
  { name: "YAML syntax error", process: true, spec: `${FIXTURES}/yaml-syntax-error.yaml`, line: 4, pointer: "", message: "syntax error: Flow sequence" },
  { name: "JSON syntax error", spec: `${FIXTURES}/json-syntax-error.json`, line: 3, pointer: "", message: "syntax error: Unexpected double-quoted-scalar" },
  { name: "duplicate mapping keys (YAML)", spec: `${FIXTURES}/duplicate-mapping-keys.yaml`, line: 8, pointer: "", message: 'duplicate key "/pets" in #/paths' },
  { name: "duplicate keys (JSON)", spec: `${FIXTURES}/duplicate-json-keys.json`, line: 5, pointer: "", message: 'duplicate key "paths" in the top level' },
  { name: "more than one YAML document", spec: `${FIXTURES}/multiple-yaml-documents.yaml`, line: 4, pointer: "", message: "more than one YAML document" },
  { name: "alias to no anchor", spec: `${FIXTURES}/yaml-undefined-alias.yaml`, line: 5, pointer: "", message: "alias *listPets refers to no anchor" },
  { name: "billion laughs", process: true, spec: `${FIXTURES}/yaml-alias-bomb.yaml`, line: undefined, pointer: "", message: "YAML aliases expand to too much data" },
  { name: "not UTF-8 (Latin-1)", spec: `${FIXTURES}/not-utf8.yaml`, line: 3, pointer: "", message: "not valid UTF-8 text: byte 0xE9 on line 3" },
  { name: "empty file", spec: `${FIXTURES}/empty.yaml`, line: undefined, pointer: "", message: "the file is empty" },
  { name: "a directory", spec: made("spec-folder.yaml"), line: undefined, pointer: "", message: "cannot read spec: it is a directory" },
  { name: "a file that does not exist", spec: `${FIXTURES}/no-such-file.yaml`, line: undefined, pointer: "", message: "cannot read spec: file not found" },
  { name: "a 50 MB document", process: true, spec: made("huge.yaml"), line: undefined, pointer: "", message: "spec is too large: 50.0 MB" },
  { name: "nesting deeper than the parser can go", process: true, spec: made("deep.json"), line: undefined, pointer: "", message: "nested too deeply" },

  // Not OpenAPI 3.0 or 3.1
  { name: "a plain list", spec: `${FIXTURES}/top-level-list.yaml`, line: 1, pointer: "", message: "the top level must be a mapping, not a list" },
  { name: "a mapping without `openapi`", spec: `${FIXTURES}/no-openapi-field.yaml`, line: 1, pointer: "", message: "no `openapi` field" },
  { name: "Swagger 2.0", spec: `${FIXTURES}/swagger-2.yaml`, line: 1, pointer: "/swagger", message: "Swagger 2.0 is not supported" },
  { name: "OpenAPI 4.0.0", spec: `${FIXTURES}/openapi-4.yaml`, line: 4, pointer: "/openapi", message: 'unsupported OpenAPI version "4.0.0"' },
  { name: "OpenAPI 2.5, unquoted", spec: `${FIXTURES}/openapi-2-5.yaml`, line: 1, pointer: "/openapi", message: "unsupported OpenAPI version 2.5: expected 3.0.x or 3.1.x (a string" },
  { name: "no paths and no webhooks", spec: `${FIXTURES}/no-paths-no-webhooks.yaml`, line: 1, pointer: "/paths", message: "no `paths` object and no `webhooks`" },
  { name: "no info", spec: `${FIXTURES}/info-missing.yaml`, line: 1, pointer: "", message: "must have required property 'info'" },

  // $refs
  { name: "missing local $ref", spec: `${FIXTURES}/missing-local-ref.yaml`, line: 12, pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema", message: 'cannot resolve $ref: "#/components/schemas/Pet": #/components/schemas has no "Pet"' },
  { name: "missing $ref'd file", spec: `${FIXTURES}/missing-ref-file.yaml`, line: 5, pointer: "/paths/~1pets", message: `"./paths/not-there.yaml": file not found: ${FIXTURES}/paths/not-there.yaml` },
  { name: "cross-file $ref to nothing, from the entry", spec: `${FIXTURES}/cross-file-ref/entry-missing-target.yaml`, line: 12, pointer: "/paths/~1cats/get/responses/200/content/application~1json/schema", message: `"./models.yaml#/Cat": the top level of ${FIXTURES}/cross-file-ref/models.yaml has no "Cat"` },
  { name: "cross-file $ref to nothing, inside the $ref'd file", process: true, spec: `${FIXTURES}/cross-file-ref/entry.yaml`, file: `${FIXTURES}/cross-file-ref/models.yaml`, line: 8, pointer: "/Pet/properties/owner", message: 'cannot resolve $ref: "#/Owner": the top level has no "Owner"' },
  { name: "schema error inside a $ref'd file", process: true, spec: `${FIXTURES}/cross-file-problems/entry-schema.yaml`, file: `${FIXTURES}/cross-file-problems/models.yaml`, line: 6, pointer: "/Pet/properties/name/type", message: 'unknown type "strin"' },
  { name: "operation error inside a $ref'd path item", spec: `${FIXTURES}/cross-file-problems/entry-operation.yaml`, file: `${FIXTURES}/cross-file-problems/paths/pet.yaml`, line: 3, pointer: "/get", message: "path parameter {petId} is in the path but not declared" },
  { name: "$ref to an https URL", spec: `${FIXTURES}/http-ref.yaml`, line: 12, pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema", message: "network $refs are not supported" },
  { name: "circular $ref chain", process: true, spec: `${FIXTURES}/circular-ref.yaml`, line: 16, pointer: "/components/schemas/A/$ref", message: "circular $ref: #/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A" },
  { name: "circular allOf", spec: `${FIXTURES}/circular-allof.yaml`, line: 7, pointer: "/components/schemas/A", message: "defined only by itself" },
  { name: "$ref that is not a JSON pointer", spec: `${FIXTURES}/ref-not-a-pointer.yaml`, line: 12, pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref", message: 'after "#" it must start with "/"' },
  { name: "requestBody $ref to a schema", spec: `${FIXTURES}/request-body-ref-to-schema.yaml`, line: 7, pointer: "/paths/~1pets/post/requestBody/$ref", message: "points to a schema, not a request body" },
  { name: "parameter $ref to a schema", spec: `${FIXTURES}/parameter-ref-to-schema.yaml`, line: 7, pointer: "/paths/~1pets/get/parameters/0/$ref", message: "points to a schema, not a parameter" },
  { name: "schema $ref to a response", spec: `${FIXTURES}/schema-ref-to-response.yaml`, line: 12, pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref", message: "points to a response, not a schema" },

  // Paths and operations
  { name: "duplicate operationId", process: true, spec: `${FIXTURES}/duplicate-operation-id.yaml`, line: 6, pointer: "/paths/~1pets/get/operationId", message: 'duplicate operationId "listPets", also used at /paths/~1animals/get (line 11)' },
  { name: "path parameter not declared", spec: `${FIXTURES}/undeclared-path-param.yaml`, line: 6, pointer: "/paths/~1pets~1{petId}/get", message: "path parameter {petId} is in the path but not declared" },
  { name: "declared path parameter not in the path", spec: `${FIXTURES}/path-param-not-in-template.yaml`, line: 8, pointer: "/paths/~1pets/get/parameters", message: 'path parameter "petId" is declared but not in the path' },
  { name: "path without a leading slash", spec: `${FIXTURES}/path-without-slash.yaml`, line: 5, pointer: "/paths/pets", message: 'a path must start with "/"' },
  { name: "operation that is not an object", spec: `${FIXTURES}/operation-not-object.yaml`, line: 5, pointer: "/paths/~1pets/get", message: "must be object" },
  { name: "no `responses`", spec: `${FIXTURES}/responses-missing.yaml`, line: 6, pointer: "/paths/~1pets/get", message: "must have required property 'responses'" },
  { name: "response without description", spec: `${FIXTURES}/response-without-description.yaml`, line: 8, pointer: "/paths/~1pets/get/responses/200", message: "must have required property 'description'" },
  { name: "parameter without `in`", spec: `${FIXTURES}/parameter-without-in.yaml`, line: 7, pointer: "/paths/~1pets/get/parameters/0", message: "must have required property 'in'" },
  { name: "`parameters` that is not a list", spec: `${FIXTURES}/parameters-not-list.yaml`, line: 7, pointer: "/paths/~1pets/get/parameters", message: "must be array" },

  // Schemas
  { name: "unknown schema type (3.0)", spec: `${FIXTURES}/unknown-schema-type-3.0.yaml`, line: 10, pointer: "/components/schemas/Pet/properties/name/type", message: "must be equal to one of the allowed values" },
  { name: "unknown schema type (3.1)", spec: `${FIXTURES}/unknown-schema-type-3.1.yaml`, line: 10, pointer: "/components/schemas/Pet/properties/name/type", message: 'unknown type "strnig"' },
  { name: "`properties` that is a list", spec: `${FIXTURES}/properties-is-list.yaml`, line: 9, pointer: "/components/schemas/Pet/properties", message: "`properties` must be an object" },
  { name: "`required` that is not a list", spec: `${FIXTURES}/required-not-list.yaml`, line: 8, pointer: "/components/schemas/Pet/required", message: "`required` must be a list of property names" },
  { name: "`required: true` on a property", spec: `${FIXTURES}/required-true-on-property.yaml`, line: 16, pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema/properties/name/required", message: "`required: true` on a property is Swagger 2.0" },

  // Servers and security
  { name: "server variable without default", spec: `${FIXTURES}/server-variable-without-default.yaml`, line: 7, pointer: "/servers/0/variables/region", message: "must have required property 'default'" },
  { name: "security requirement naming an undeclared scheme", spec: `${FIXTURES}/undeclared-security-scheme.yaml`, line: 4, pointer: "/security/0/apiKey", message: 'names the scheme "apiKey", which components.securitySchemes does not declare (declared: bearer)' },
  { name: "security scheme of an unknown type", spec: `${FIXTURES}/security-scheme-unknown-type.yaml`, line: 7, pointer: "/components/securitySchemes/key/type", message: "must be equal to one of the allowed values" },

  // Warnings found before the error are printed with it
  { name: "a warning next to an error", process: true, spec: `${FIXTURES}/warning-and-error.yaml`, line: 11, pointer: "/paths/~1pets/post/operationId", message: 'duplicate operationId "pets"', warning: `warning: ${FIXTURES}/warning-and-error.yaml:15 #/webhooks: webhooks are not generated yet` },
];

/** Every file of a folder with its bytes, and the names beside it (a failed run must leave no staging folder). */
async function snapshot(dir: string): Promise<{ files: Map<string, Buffer>; siblings: string[] }> {
  const files = new Map<string, Buffer>();
  for (const rel of await listFiles(dir)) files.set(rel, await readFile(path.join(dir, rel)));
  return { files, siblings: (await readdir(path.dirname(dir))).sort() };
}

const specOf = (c: InvalidCase) => (typeof c.spec === "string" ? c.spec : c.spec());

/** The CLI's main() in this process, with what it prints captured. Its paths are relative to the repo root. */
async function runMain(args: string[]): Promise<CliResult> {
  expect(process.cwd()).toBe(REPO_ROOT);
  let stdout = "";
  let stderr = "";
  const capture = (append: (text: string) => void) => (chunk: string | Uint8Array) => {
    append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture((t) => (stdout += t)));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture((t) => (stderr += t)));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `sdkgen generate` on a fresh copy of the previously generated output, run from the repo root. */
async function generateInto(
  caseDir: string, spec: string, options: { extra?: string[]; inProcess?: boolean } = {},
): Promise<{ result: CliResult; out: string }> {
  const out = path.join(caseDir, "out");
  await cp(path.join(tmp, "pristine", "out"), out, { recursive: true });
  const args = ["generate", "--spec", spec, "--out", out, ...(options.extra ?? [])];
  return { result: options.inProcess ? await runMain(args) : await runCli(args, REPO_ROOT), out };
}

let pristine: Awaited<ReturnType<typeof snapshot>>;
let firstRun: CliResult;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "sdkgen-invalid-"));
  // A previously generated SDK, copied into every case's output folder.
  firstRun = await runCli(["generate", "--spec", "spec/plex-authentication.yaml", "--out", path.join(tmp, "pristine", "out")], REPO_ROOT);
  expect(firstRun.code, firstRun.stderr).toBe(0);
  pristine = await snapshot(path.join(tmp, "pristine", "out"));
  expect(pristine.files.size).toBeGreaterThan(10);

  await mkdir(path.join(tmp, "spec-folder.yaml"));
  // Valid-looking YAML, broken at the very end; refused on its size before a byte is parsed.
  const line = `    ${"All work and no play makes Jack a dull boy. ".repeat(2).trim()}\n`;
  const header = "openapi: 3.1.0\ninfo:\n  title: Huge\n  version: '1'\n  description: |\n";
  const size = 50 * 1024 * 1024;
  await writeFile(path.join(tmp, "huge.yaml"), `${header}${line.repeat(Math.ceil((size - header.length) / line.length))}paths: {\n`.slice(0, size));
  expect(size).toBeGreaterThan(MAX_SPEC_BYTES);
  const depth = 10_000;
  await writeFile(path.join(tmp, "deep.json"), `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "x-deep": ${"[".repeat(depth)}${"]".repeat(depth)}}`);
});

afterAll(async () => {
  if (tmp !== "") await rm(tmp, { recursive: true, force: true });
});

describe("the invalid-spec corpus", () => {
  it("has at least 25 cases, each fixture used", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const used = new Set(cases.map((c) => c.spec).filter((s): s is string => typeof s === "string"));
    const fixtures = (await listFiles(path.join(REPO_ROOT, FIXTURES))).filter((f) => /^[^/]+\.(ya?ml|json)$/.test(f));
    for (const f of fixtures) expect(used, `${f} has no case`).toContain(`${FIXTURES}/${f}`);
  });

  it("prints warnings of a successful run (the server-variable descriptions of the Plex spec)", () => {
    for (const [variable, line] of [["protocol", 27], ["ip", 33], ["port", 36]] as const) {
      expect(firstRun.stderr).toContain(`warning: spec/plex-authentication.yaml:${line} #/servers/0/variables/${variable}: \`description\` on a server variable`);
    }
  });
});

/** Checks one refused run: exit 1, the error line, no stack trace, the output folder as it was. */
async function expectRefused(c: InvalidCase, spec: string, result: CliResult, out: string, seconds: number, expect: ExpectStatic) {
  const report = `exit ${result.code}\n${result.stderr}${result.stdout}`;
  expect(result.code, report).toBe(1);
  expect(result.stdout, report).toBe("");
  const where = c.line === undefined ? (c.file ?? spec) : `${c.file ?? spec}:${c.line}`;
  const header = `error: ${where} #${c.pointer}: `;
  const errorLine = result.stderr.split("\n").find((l) => l.startsWith(header));
  expect(errorLine, `no line starting with ${JSON.stringify(header)} in\n${report}`).toBeDefined();
  expect(errorLine).toContain(c.message);
  if (c.warning !== undefined) expect(result.stderr).toContain(c.warning);
  expect(result.stderr).toMatch(/sdkgen: generation failed with \d+ error\(s\); nothing was written\n$/);
  expect(result.stderr, "no stack trace without --debug").not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain("internal error");
  // Refused before being read, so in seconds; parsing 50 MB would take minutes.
  expect(seconds).toBeLessThan(30);

  const after = await snapshot(out);
  expect([...after.files.keys()]).toEqual([...pristine.files.keys()]);
  for (const [rel, bytes] of pristine.files) expect(after.files.get(rel)!.equals(bytes), rel).toBe(true);
  expect(after.siblings, "no staging folder left beside the output").toEqual(["out"]);
}

async function refuse(c: InvalidCase, expect: ExpectStatic, inProcess: boolean): Promise<void> {
  const spec = specOf(c);
  const caseDir = await mkdtemp(path.join(tmp, "case-"));
  const started = performance.now();
  const { result, out } = await generateInto(caseDir, spec, { inProcess });
  await expectRefused(c, spec, result, out, (performance.now() - started) / 1000, expect);
}

describe("sdkgen generate refuses an invalid spec (the CLI's main, in process)", () => {
  it.for(cases)("$name", async (c, { expect }) => refuse(c, expect, true));
});

describe("sdkgen generate refuses an invalid spec (a CLI process)", () => {
  it.concurrent.for(cases.filter((c) => c.process))("$name", async (c, { expect }) => refuse(c, expect, false));
});

describe("--debug", () => {
  it("prints no stack trace for an invalid spec either", async () => {
    const { result } = await generateInto(await mkdtemp(path.join(tmp, "debug-")), `${FIXTURES}/swagger-2.yaml`, { extra: ["--debug"] });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  // An output folder below a regular file cannot be created: an error outside the spec, reported as internal.
  it("prints the stack trace of an internal error, which is otherwise left out", async () => {
    const dir = await mkdtemp(path.join(tmp, "internal-"));
    await writeFile(path.join(dir, "a-file"), "");
    const out = path.join(dir, "a-file", "out");
    const plain = await runCli(["generate", "--spec", "spec/plex-authentication.yaml", "--out", out], REPO_ROOT);
    expect(plain.code, plain.stderr).toBe(2);
    expect(plain.stderr).toMatch(/sdkgen: internal error: /);
    expect(plain.stderr).toContain("run again with --debug for a stack trace");
    expect(plain.stderr).not.toMatch(/^\s+at /m);

    const debug = await runCli(["generate", "--debug", "--spec", "spec/plex-authentication.yaml", "--out", out], REPO_ROOT);
    expect(debug.code, debug.stderr).toBe(2);
    expect(debug.stderr).toMatch(/sdkgen: internal error: /);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});

// The other side of the line: valid documents near these cases are accepted, with a warning where something is left out.
describe("accepted near the line", () => {
  const accepted: Array<{ name: string; yaml: string; warning?: string }> = [
    { name: "empty `paths` (3.0)", yaml: "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n" },
    { name: "empty `paths` (3.1)", yaml: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" },
    {
      name: "webhooks and no `paths` (3.1)",
      yaml: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks:\n  newPet:\n    post:\n      responses:\n        '200': {description: ok}\n",
      warning: ":4 #/webhooks: webhooks are not generated yet",
    },
    {
      name: "an unknown YAML tag",
      yaml: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-note: !custom text\n",
      warning: ":4 #: unknown YAML tag !custom; the value is read as a plain string",
    },
  ];

  it.for(accepted)("$name", async ({ yaml, warning }, { expect }) => {
    const dir = await mkdtemp(path.join(tmp, "accepted-"));
    const spec = path.join(dir, "spec.yaml");
    await writeFile(spec, yaml);
    const result = await runMain(["generate", "--spec", spec, "--out", path.join(dir, "out")]);
    expect(result.code, result.stderr).toBe(0);
    // The default config's overlays, written for spec/, warn that their targets are not in these specs.
    const own = result.stderr.split("\n").filter((l) => !/^warning: spec\/[\w-]+\.overlay\.yaml:/.test(l)).join("\n");
    if (warning === undefined) expect(own).toBe("");
    else expect(result.stderr).toContain(`warning: ${spec}${warning}`);
  });
});
