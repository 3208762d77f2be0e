// Every feature fixture (test/fixtures/features/) generated in all three languages: the Python
// packages pass black and mypy --strict, the Go modules are gofmt-clean and pass go vet. The
// feature tests run the TypeScript SDKs; this holds the other two to compiling cleanly.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { generate } from "../../generator/pipeline.ts";
import { FEATURE_NAMES as FEATURES, featurePythonPackage as pyName, generateFeatureAllTargets } from "../features/generate-feature.ts";
import { go, tempDir } from "../go/go-helpers.ts";
import { runPython, mypyStrict } from "../python/helpers.ts";


let root: string;

beforeAll(async () => {
  root = await tempDir("features");
  for (const feature of FEATURES) {
    for (const [rel, content] of await generateFeatureAllTargets(feature)) {
      const [target, ...rest] = rel.split("/");
      if (target !== "python" && target !== "go") continue;
      // Python sources side by side, so one mypy run checks every package; a Go module per feature.
      const file = target === "python" ? path.join(root, "python", ...rest) : path.join(root, "go", feature, ...rest);
      if (target === "python" && rest[0] !== "src") continue;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("feature fixtures in Python and Go", () => {
  it("has every fixture to check", () => {
    expect(FEATURES.length).toBeGreaterThanOrEqual(20);
  });

  it("gives Python packages that black and mypy --strict accept", async () => {
    const src = path.join(root, "python", "src");
    const black = await runPython(["-m", "black", "--check", "-q", src]);
    expect(black.stdout + black.stderr).toBe("");
    const packages = FEATURES.flatMap((f) => ["-p", pyName(f)]);
    const mypy = await mypyStrict(packages, { cwd: src, env: { PYTHONPATH: src } });
    expect(mypy.stdout + mypy.stderr).toContain("Success");
  }, 300_000);

  it("names Python group properties after their tags, tags named as the modules the client imports too (not `operations_operations`)", async () => {
    const files = await generateFeatureAllTargets("reserved-operation-names");
    const sdk = [...files].find(([p]) => p.startsWith("python/") && p.endsWith("/sdk.py"))![1];
    expect(sdk).toContain("        self.operations: Operations = Operations(self._config)\n");
    expect(sdk).toContain("        self.errors: Errors = Errors(self._config)\n");
    // Declared in __init__ only: in the class body they would hide the modules from the untagged `void` method's annotations.
    expect(sdk).not.toMatch(/^    (operations|errors): /m);
    expect(sdk).toMatch(/^    def void\(/m);
  });

  it("names no Python model as a builtin class: mypy read `ValueError` above its model's class as builtins.ValueError", async () => {
    const files = await generateFeatureAllTargets("reserved-words");
    const models = [...files].find(([p]) => p.startsWith("python/") && p.endsWith("/models/components/__init__.py"))![1];
    expect(models).toMatch(/^class ExceptionModel:$/m);
    expect(models).toMatch(/^class ValueErrorModel:$/m);
    expect(models).not.toMatch(/^class (Exception|ValueError):$/m);
  });

  it("gives gofmt-clean Go for an object without properties and a description line gofmt would make a heading", async () => {
    const spec = path.join(root, "shapes.yaml");
    await writeFile(spec, [
      "openapi: 3.1.0",
      "info:",
      "  title: Shapes",
      "  version: '1'",
      "  description: \"Intro.\\n\\nAn Open Source Specification for Shapes\\n\\nMore text.\"",
      "paths:",
      "  /empty:",
      "    get:",
      "      operationId: getEmpty",
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      "            application/json:",
      "              schema: { $ref: '#/components/schemas/Empty' }",
      "components:",
      "  schemas:",
      "    Empty: { type: object, description: Nothing in it. }",
      "",
    ].join("\n"));
    const config = await loadConfig(undefined, { spec, out: NO_OUTPUT });
    config.targets = { go: { modulePath: "example.com/shapes", packageName: "shapes" } };
    const dir = path.join(root, "shapes");
    for (const [rel, content] of (await generate(config)).files) {
      if (!rel.startsWith("go/")) continue;
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
    }
    expect((await go(["-l", "."], path.join(dir, "go"), "gofmt")).stdout).toBe("");
    await go(["vet", "./..."], path.join(dir, "go"));
  }, 120_000);

  it("gives Go modules that are gofmt-clean and pass go vet", async () => {
    const modules = path.join(root, "go");
    expect((await go(["-l", "."], modules, "gofmt")).stdout).toBe("");
    for (const feature of FEATURES) await go(["vet", "./..."], path.join(modules, feature));
  }, 300_000);
});
