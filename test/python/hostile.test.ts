// The hostile fixture (every spec string tries to break out of where it lands) generated as a Python
// package: it must compile, be black-formatted, pass mypy --strict and import without running spec text.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { REPO_ROOT } from "../helpers/generate.ts";
import { runPython, runScript, writeTree, mypyStrict } from "./helpers.ts";

describe("hostile spec strings in the Python target", () => {
  it("generate a package that compiles, is black-formatted, type-checks and imports", async () => {
    const config = await loadConfig(path.join(REPO_ROOT, "test/fixtures/hostile/sdkgen.yaml"), {});
    config.targets = { python: { packageName: "hostile_sdk", packageVersion: "0.1.0" } };
    const { files } = await generate(config);
    const root = await writeTree(files, "python/");
    const src = path.join(root, "src");
    const black = await runPython(["-m", "black", "--check", "--diff", "-q", src]);
    expect(black.stdout + black.stderr).toBe("");
    const compiled = await runPython(["-m", "compileall", "-q", src], { env: { PYTHONPYCACHEPREFIX: path.join(root, "cache") } });
    expect(compiled.code, compiled.stdout).toBe(0);
    const mypy = await mypyStrict(["-p", "hostile_sdk"], { cwd: src, env: { PYTHONPATH: src } });
    expect(mypy.stdout + mypy.stderr).toContain("Success");
    const imported = await runScript("import hostile_sdk, builtins\nprint(hasattr(builtins, '__pwned'))", {}, src);
    expect(imported.stderr).toBe("");
    expect(imported.stdout.trim()).toBe("False");
  }, 300_000);
});
