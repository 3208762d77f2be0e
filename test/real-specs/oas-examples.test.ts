// Every OpenAPI 3.0 and 3.1 document of the npm devDependency @readme/oas-examples (JSON and YAML,
// read from node_modules) as a generator input. A document the generator refuses must be in
// REJECTED below, with the diagnostic that explains why, so the list cannot grow unseen; every
// other document must generate a TypeScript SDK, and all of them type-check in one tsc run.
// Swagger 2.0 documents (the package's 2.0/ folder) are out of scope.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenerationError, type Diagnostic } from "../../generator/diagnostics.ts";
import { REPO_ROOT } from "../helpers/generate.ts";
import { generateTypeScriptOnly, typecheckPackages, type GeneratedPackage } from "./helpers.ts";

const ROOT = path.join(REPO_ROOT, "node_modules/@readme/oas-examples");

/** Documents refused on purpose: they break a rule of the OpenAPI version they declare. */
const REJECTED: Record<string, Array<{ pointer: string; message: RegExp }>> = {
  // OpenAPI 3.0 asks for at least one response per operation (3.1 does not).
  "3.0/json/openapi-workshop/post.json": [{ pointer: "/paths/~1hoot/post/responses", message: /^must NOT have fewer than 1 properties$/ }],
  // The security requirements name a scheme the document never declares.
  ...Object.fromEntries(["3.0/json/response-http-behavior.json", "3.0/yaml/response-http-behavior.yaml"].map((file) => [file, [
    "/paths/~1cache/get/security/0/api_key", "/paths/~1status~1204/get/security/0/api_key", "/paths/~1status~1302/get/security/0/api_key",
  ].map((pointer) => ({ pointer, message: /^security requirement names the scheme "api_key", which components\.securitySchemes does not declare \(none are declared\)$/ }))])),
};

/** What generated documents may be warned about; anything else is new and must be looked at. */
const KNOWN_WARNING = [
  /^(request|response) bodies of type \S+ are not supported yet/,
  /^(request bodies|responses) in several media types \(.*\) are not supported yet/,
  /^a discriminator without oneOf or anyOf .* is not supported yet/,
  /^webhooks are not generated yet/,
  /^callbacks are not generated yet/,
  /^mutualTLS security \(client certificates\) is not supported yet/,
  /^enum values? .* can never be valid: the schema's type is \S+; left out$/,
];

async function documents(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await documents(full)));
    else if (/\.(json|ya?ml)$/.test(entry.name)) found.push(full);
  }
  return found;
}

let root: string;
let files: string[] = [];
const packages = new Map<string, GeneratedPackage>();
const refused = new Map<string, Diagnostic[]>();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-real-oas-"));
  files = [...(await documents(path.join(ROOT, "3.0"))), ...(await documents(path.join(ROOT, "3.1")))]
    .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
    .sort();
  for (const [i, file] of files.entries()) {
    try {
      packages.set(file, await generateTypeScriptOnly(path.join(ROOT, file), root, `p${i}`));
    } catch (error) {
      if (!(error instanceof GenerationError)) throw new Error(`${file}: the generator failed instead of reporting a problem`, { cause: error });
      refused.set(file, error.diagnostics);
    }
  }
}, 600_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("@readme/oas-examples", () => {
  it("has OpenAPI 3.0 and 3.1 documents in JSON and YAML", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => f.startsWith("3.1/")).length).toBeGreaterThan(20);
  });

  it("refuses only the documents listed, each with the diagnostic that says why", () => {
    expect([...refused.keys()]).toEqual(Object.keys(REJECTED).sort());
    for (const [file, expected] of Object.entries(REJECTED)) {
      const diagnostics = [...(refused.get(file) ?? [])].sort((a, b) => a.pointer.localeCompare(b.pointer));
      expect(diagnostics.map((d) => d.pointer), file).toEqual(expected.map((e) => e.pointer));
      diagnostics.forEach((d, i) => {
        expect(d.message, file).toMatch(expected[i]!.message);
        expect(d.severity).toBe("error");
        expect(path.resolve(d.file)).toBe(path.join(ROOT, file));
        expect(d.line, `${file} ${d.pointer}`).toBeGreaterThan(0);
      });
    }
  });

  it("warns about nothing but known unsupported features", () => {
    const unknown = [...packages].flatMap(([file, pkg]) =>
      pkg.warnings.filter((w) => !KNOWN_WARNING.some((k) => k.test(w.message))).map((w) => `${file} #${w.pointer}: ${w.message}`));
    expect(unknown).toEqual([]);
  });

  it("documents every operation, with links that resolve and no page unreachable", () => {
    const problems = [...packages].flatMap(([file, pkg]) => pkg.docsProblems.map((p) => `${file}: ${p}`));
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it("generates SDKs that type-check under --strict (every accepted document, one tsc run)", async () => {
    const names = [...packages.values()].map((p) => p.name);
    expect(names.length).toBe(files.length - Object.keys(REJECTED).length);
    const output = await typecheckPackages(root, names);
    if (output !== "") {
      const byName = new Map([...packages].map(([file, p]) => [p.name, file]));
      const failing = [...new Set([...output.matchAll(/\b(p\d+)[/\\]typescript/g)].map((m) => byName.get(m[1]!)))];
      expect.fail(`generated packages do not type-check (${failing.join(", ")}):\n${output.slice(0, 8000)}`);
    }
  }, 300_000);
});
