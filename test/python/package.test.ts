// The generated Python package: committed output matches the generator, and it passes mypy --strict,
// compileall and black --check; type names agree with the TypeScript target's.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { buildIr } from "../../generator/ir/build.ts";
import { loadSpec } from "../../generator/load/load.ts";
import { planPython } from "../../generator/targets/python/plan.ts";
import { planTypeScript } from "../../generator/targets/typescript/plan.ts";
import { generateFiles, REPO_ROOT } from "../helpers/generate.ts";
import { PY_SRC, runPython, mypyStrict } from "./helpers.ts";

const PKG = path.join(PY_SRC, "plex_api_client");

describe("generated/python", () => {
  it("is what the generator writes, byte for byte, and generates the same twice", async () => {
    const [first, second] = [await generateFiles(), await generateFiles()];
    const python = [...first].filter(([p]) => p.startsWith("python/"));
    expect(python.length).toBeGreaterThan(20);
    for (const [file, content] of python) {
      expect(second.get(file), file).toBe(content);
      expect(await readFile(path.join(REPO_ROOT, "generated", file), "utf8"), file).toBe(content);
    }
  });

  it("has the seed's layout", async () => {
    const files = [...(await generateFiles()).keys()].filter((p) => p.startsWith("python/"));
    for (const want of [
      "python/pyproject.toml", "python/README.md", "python/src/plex_api_client/py.typed",
      "python/src/plex_api_client/models/operations/__init__.py", "python/src/plex_api_client/models/components/__init__.py",
      "python/src/plex_api_client/models/errors/__init__.py", "python/docs/sdks/authentication/README.md",
    ]) expect(files).toContain(want);
  });

  // The oldest Python the package supports (requires-python) and the one that runs the tests.
  it.each(["3.9", "3.11"])("passes mypy --strict for Python %s", async (version) => {
    const result = await mypyStrict(["-p", "plex_api_client"], { cwd: PY_SRC, env: { PYTHONPATH: PY_SRC }, pythonVersion: version });
    expect(result.stdout + result.stderr).toContain("Success");
  }, 240_000);

  it("compiles and is black-formatted", async () => {
    const compiled = await runPython(["-m", "compileall", "-q", PKG], { env: { PYTHONPYCACHEPREFIX: "/tmp/sdkgen-pycache" } });
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    const black = await runPython(["-m", "black", "--check", "--diff", "-q", PKG]);
    expect(black.stdout + black.stderr).toBe("");
    expect(black.code).toBe(0);
  }, 120_000);

  it("names every type as the TypeScript target does", async () => {
    for (const configFile of ["spec/sdkgen.yaml", "test/fixtures/hostile/sdkgen.yaml"]) {
      const config = await loadConfig(path.join(REPO_ROOT, configFile), {});
      const spec = await loadSpec(config.spec, {});
      const { api } = buildIr(spec.document as unknown as Record<string, unknown>, spec.file, { globals: config.globals, locate: spec.locate });
      const ts = planTypeScript(api, config);
      const py = planPython(api, config);
      expect(py.types.map((t) => t.name), configFile).toEqual(ts.types.map((t) => t.name));
      const tsOps = ts.groups.flatMap((g) => g.operations);
      const pyOps = py.groups.flatMap((g) => g.operations);
      expect(pyOps.map((o) => [o.responseTypeName, o.request?.typeName, ...o.errors.map((e) => e.className)]))
        .toEqual(tsOps.map((o) => [o.responseTypeName, o.request?.typeName, ...o.errors.map((e) => e.className)]));
    }
  });
});
