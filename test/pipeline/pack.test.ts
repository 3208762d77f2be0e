// The installable package (issue 16): `npm pack` builds the CLI at pack time (prepack), and the
// tarball, installed offline into an empty folder with an empty npm cache, runs `npx sdkgen` with
// nothing else in node_modules: no tsx, no esbuild, no dependency. There it generates every target
// from a feature fixture with no config (names from info.title), or some of them with --target,
// writes a commented config with `init`, and the TypeScript it generates type-checks.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { typecheck } from "../helpers/tsc.ts";

const run = promisify(execFile);

let root: string;
let tarball: string;
let app: string;
let npmEnv: NodeJS.ProcessEnv;

/** Runs a command in the app folder; never throws, so a test can look at a failure. */
async function sh(command: string, args: string[], cwd = app): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env: npmEnv, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const sdkgen = (...args: string[]) => sh("npx", ["--offline", "sdkgen", ...args]);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-pack-"));
  app = path.join(root, "app");
  await mkdir(app);
  // An empty cache: whatever the install needs must be in the tarball.
  npmEnv = { ...process.env, npm_config_cache: path.join(root, "npm-cache"), npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  delete npmEnv["NODE_PATH"];
  const packed = await sh("npm", ["pack", "--pack-destination", root], REPO_ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = path.join(root, (await readdir(root)).find((f) => f.endsWith(".tgz"))!);
  expect((await sh("npm", ["init", "-y"])).code).toBe(0);
  const installed = await sh("npm", ["install", "--offline", tarball]);
  expect(installed.code, installed.stderr).toBe(0);
  await cp(path.join(REPO_ROOT, "test/fixtures/features/allof-shapes.yaml"), path.join(app, "their-api.yaml"));
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("packs the prebuilt CLI, its runtime files and templates, and no runtime dependency", async () => {
    const listing = await sh("tar", ["tzf", tarball]);
    const files = listing.stdout.trim().split("\n");
    expect(files).toContain("package/generator/bin/sdkgen.mjs");
    expect(files).toContain("package/generator/.build/sdkgen-release.mjs");
    expect(files.some((f) => f.startsWith("package/generator/.build/templates/templates-"))).toBe(true);
    expect(files).toContain("package/generator/targets/go/runtime/hooks.go");
    // The generator's own TypeScript stays out: only the TypeScript SDK's runtime is .ts.
    expect(files.filter((f) => f.endsWith(".ts") && !f.startsWith("package/generator/targets/typescript/runtime/"))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(app, "node_modules/sdkgen/package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest["dependencies"]).toBeUndefined();
    expect(manifest["bin"]).toEqual({ sdkgen: "generator/bin/sdkgen.mjs" });
  });

  it("installs offline as one package: nothing else lands in node_modules", async () => {
    expect((await readdir(path.join(app, "node_modules"))).filter((f) => !f.startsWith("."))).toEqual(["sdkgen"]);
  });
});

describe("the installed CLI", () => {
  it("generates every target with no config, names made from info.title, and the TypeScript type-checks", async () => {
    const result = await sdkgen("generate", "--spec", "their-api.yaml", "--out", "sdk");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^generated \d+ files in sdk\n$/);
    expect((await readdir(path.join(app, "sdk"))).sort()).toEqual([".sdkgen-manifest.json", ".sdkgen-surface.json", "csharp", "go", "php", "python", "typescript"]);
    const pkg = JSON.parse(await readFile(path.join(app, "sdk/typescript/package.json"), "utf8")) as { name: string };
    expect(pkg.name).toBe("all-of-shapes");
    expect(await readdir(path.join(app, "sdk/python/src"))).toContain("all_of_shapes");
    expect(await readFile(path.join(app, "sdk/go/go.mod"), "utf8")).toMatch(/^module example\.com\/all-of-shapes$/m);
    expect((await readdir(path.join(app, "sdk/csharp/src")))).toEqual(["AllOfShapes.Sdk"]);
    expect(await readFile(path.join(app, "sdk/php/composer.json"), "utf8")).toContain('"AllOfShapes\\\\Sdk\\\\": "src/"');
    expect(await typecheck(path.join(app, "sdk/typescript"))).toBe("");
  }, 240_000);

  it("--target picks targets", async () => {
    const result = await sdkgen("generate", "--spec", "their-api.yaml", "--out", "some", "--target", "typescript,python");
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(path.join(app, "some"))).sort()).toEqual([".sdkgen-manifest.json", ".sdkgen-surface.json", "python", "typescript"]);
    const wrong = await sdkgen("generate", "--spec", "their-api.yaml", "--target", "cobol");
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("unknown target cobol; available: typescript, python, go, csharp, php");
  }, 120_000);

  it("init writes a commented sdkgen.yaml next to the spec, which generate then reads", async () => {
    await mkdir(path.join(app, "api"), { recursive: true });
    await cp(path.join(app, "their-api.yaml"), path.join(app, "api/their-api.yaml"));
    const init = await sdkgen("init", "--spec", "api/their-api.yaml");
    expect(init.code, init.stderr).toBe(0);
    const config = await readFile(path.join(app, "api/sdkgen.yaml"), "utf8");
    expect(config).toMatch(/^# sdkgen config/);
    expect(config).toContain('spec: "their-api.yaml"');
    expect(config).toContain('packageName: "all_of_shapes"');
    expect(config).toContain('packageName: "sdk/all-of-shapes"');
    expect(config).toMatch(/^ {4}packageName: "all-of-shapes" +# the npm package name$/m);
    expect((await sdkgen("init", "--spec", "api/their-api.yaml")).code).toBe(1);
    const result = await sdkgen("generate", "--spec", "api/their-api.yaml", "--target", "typescript");
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(path.join(app, "api/sdk"))).sort()).toEqual([".sdkgen-manifest.json", ".sdkgen-surface.json", "typescript"]);
  }, 120_000);

  it("without a config or --spec, says what to do", async () => {
    const result = await sdkgen("generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no config file (spec/sdkgen.yaml) and no --spec: pass --spec <file>, or write a config with `sdkgen init --spec <file>`");
  }, 60_000);

  it("--help of every command lists its options and an example", async () => {
    const options: Record<string, string[]> = {
      "": ["generate", "check", "init", "--version"],
      generate: ["--spec <file>", "--config <file>", "--out <dir>", "--target <names>", "--no-validate", "--timings", "--debug"],
      check: ["--spec <file>", "--config <file>", "--out <dir>", "--target <names>", "--no-validate", "--timings"],
      init: ["--spec <file>", "--out <dir>", "--force"],
    };
    for (const [command, expected] of Object.entries(options)) {
      const help = await sdkgen(...(command ? [command] : []), "--help");
      expect(help.code, command).toBe(0);
      for (const option of expected) expect(help.stdout, `${command} ${option}`).toContain(option);
      expect(help.stdout, command).toMatch(/Examples:\n {2}\$ sdkgen /);
    }
  }, 120_000);
});
