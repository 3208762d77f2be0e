// The full upstream Plex Media Server specs as generator inputs: the 2025-09 multi-file tree
// (84 operations, $refs across files) and the 2026-01 single file (241 operations). Each must
// generate a TypeScript SDK that passes `tsc --noEmit --strict`; both share one tsc run.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { REPO_ROOT } from "../helpers/generate.ts";
import { describeWarnings, generateTypeScriptOnly, typecheckPackages, unsupportedBodies, type GeneratedPackage } from "./helpers.ts";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures");
const SPECS = {
  plex2509: path.join(FIXTURES, "plex-2025-09/pms-spec.yaml"),
  plex2601: path.join(FIXTURES, "plex-2026-01/plex-api-spec.yaml"),
};

/** Warnings other than these would be new, and must be looked at before being added here. */
const KNOWN_WARNING = [
  /^`description` on a server variable was reported by the schema validator/,
  /^(request|response) bodies of type \S+ are not supported yet/,
  /^(request bodies|responses) in several media types \(.*\) are not supported yet/,
];

let root: string;
const generated = new Map<string, GeneratedPackage>();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-real-plex-"));
  for (const [name, spec] of Object.entries(SPECS)) generated.set(name, await generateTypeScriptOnly(spec, root, name));
}, 240_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the upstream Plex specs", () => {
  it("generate every operation, with only known warnings", () => {
    const plex2509 = generated.get("plex2509")!;
    const plex2601 = generated.get("plex2601")!;
    expect(plex2509.operations).toBe(84);
    expect(plex2601.operations).toBe(241);
    for (const pkg of generated.values()) {
      const unknown = pkg.warnings.filter((w) => !KNOWN_WARNING.some((k) => k.test(w.message)));
      expect(describeWarnings(unknown), pkg.name).toEqual([]);
    }
    // Body types the SDK passes through as text, listed so the list cannot grow unseen.
    expect(unsupportedBodies(plex2509.warnings)).toEqual(["response application/xml"]);
    expect(unsupportedBodies(plex2601.warnings)).toEqual(["response application/vnd.apple.mpegurl"]);
  });

  it("document every operation, with links that resolve and no page unreachable", () => {
    for (const pkg of generated.values()) expect(pkg.docsProblems.slice(0, 20), pkg.name).toEqual([]);
  });

  it("generate the same files every time (the multi-file tree, whose $refs the bundler rewrites)", async () => {
    const configFile = path.join(root, "plex2509", "sdkgen.yaml");
    const first = (await generate(await loadConfig(configFile, {}))).files;
    const second = (await generate(await loadConfig(configFile, {}))).files;
    expect([...second.keys()]).toEqual([...first.keys()]);
    const differing = [...first].filter(([rel, content]) => second.get(rel) !== content).map(([rel]) => rel);
    expect(differing).toEqual([]);
  }, 120_000);

  it("generate SDKs that type-check under --strict (both packages, one tsc run)", async () => {
    const output = await typecheckPackages(root, [...generated.keys()]);
    expect(output.slice(0, 8000)).toBe("");
  }, 240_000);
});
