// GitHub's REST API description (npm devDependency @octokit/openapi, read from node_modules, not
// copied: it is ~10 MB) as a generator input: ~1,000 operations, recursive schemas, operationIds
// with slashes, properties such as "+1" and "-1". It must generate a TypeScript SDK that passes
// `tsc --noEmit --strict`. The slowest real-spec test: 20 to 30 s on a shared two-core machine,
// more than half of it tsc.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { describeWarnings, generateTypeScriptOnly, typecheckPackages, unsupportedBodies } from "./helpers.ts";

const SPEC = path.join(REPO_ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");

let root: string | undefined;
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Operations in the document, counted independently of the generator. */
async function operationCount(): Promise<number> {
  const doc = JSON.parse(await readFile(SPEC, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  return Object.values(doc.paths).reduce((n, item) => n + methods.filter((m) => m in item).length, 0);
}

describe("GitHub's REST API description", () => {
  it("generates an SDK of every operation that type-checks under --strict", async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-real-github-"));
    const pkg = await generateTypeScriptOnly(SPEC, root, "github");
    expect(pkg.operations).toBe(await operationCount());
    expect(pkg.operations).toBeGreaterThan(1000);
    // Only body types the SDK passes through as text are warned about, and only these.
    expect(describeWarnings(pkg.warnings.filter((w) => !/are not supported yet/.test(w.message)))).toEqual([]);
    expect(unsupportedBodies(pkg.warnings)).toEqual(["response application/octocat-stream"]);
    expect(pkg.docsProblems.slice(0, 20)).toEqual([]);

    const output = await typecheckPackages(root, ["github"]);
    expect(output.slice(0, 8000)).toBe("");
  }, 600_000);
});
