import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { listFiles } from "../../generator/output/disk.ts";
import { runCli } from "../helpers/cli.ts";
import { CLI, REPO_ROOT } from "../helpers/generate.ts";

/** A scratch copy of the repo's spec/ and generated/, so the CLI can run with its defaults. */
async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-cli-"));
  await cp(path.join(REPO_ROOT, "spec"), path.join(dir, "spec"), { recursive: true });
  await cp(path.join(REPO_ROOT, "generated"), path.join(dir, "generated"), { recursive: true });
  return dir;
}

async function snapshotDir(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await listFiles(dir)) out.set(rel, await readFile(path.join(dir, rel), "utf8"));
  return out;
}

describe("sdkgen CLI", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await workspace();
  });

  it("prints help and version", async () => {
    const help = await runCli(["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/generate/);
    expect(help.stdout).toMatch(/check/);
    const generateHelp = await runCli(["generate", "--help"], dir);
    expect(generateHelp.stdout).toMatch(/--spec <file>/);
    expect(generateHelp.stdout).toMatch(/--out <dir>/);
    expect(generateHelp.stdout).toMatch(/--config <file>/);
    const version = await runCli(["--version"], dir);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it("ends quietly when its reader closes the pipe early (sdkgen --help | head -1)", async () => {
    const child = spawn(process.execPath, [CLI, "--help"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it("check passes on the committed output and writes nothing", async () => {
    const before = await snapshotDir(path.join(dir, "generated"));
    const result = await runCli(["check"], dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/up to date/);
    expect(await snapshotDir(path.join(dir, "generated"))).toEqual(before);
  });

  it("generate with no arguments reproduces the committed output", async () => {
    await rm(path.join(dir, "generated"), { recursive: true });
    const result = await runCli(["generate"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(await snapshotDir(path.join(dir, "generated"))).toEqual(await snapshotDir(path.join(REPO_ROOT, "generated")));
  });

  it("check exits 1 after a description changes in the spec, naming the changed files", async () => {
    const specFile = path.join(dir, "spec/plex-authentication.yaml");
    const spec = await readFile(specFile, "utf8");
    const edited = spec.replace("Get the User data from the provided X-Plex-Token", "Get the user data for the X-Plex-Token");
    expect(edited).not.toBe(spec);
    await writeFile(specFile, edited);
    const result = await runCli(["check"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/changed\s+generated\/typescript\/src\/funcs\/authenticationGetTokenDetails\.ts/);
    expect(result.stdout).toMatch(/changed\s+generated\/typescript\/src\/sdk\/authentication\.ts/);
    expect(result.stdout).toMatch(/changed\s+generated\/\.sdkgen-manifest\.json/);
    expect(result.stdout).not.toMatch(/core\.ts/);
  });

  it("check reports stray, removed and added files", async () => {
    await writeFile(path.join(dir, "generated/typescript/src/notes.ts"), "export {};\n");
    await rm(path.join(dir, "generated/typescript/src/core.ts"));
    const manifestFile = path.join(dir, "generated/.sdkgen-manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { files: Record<string, string> };
    manifest.files["typescript/src/old.ts"] = "0".repeat(64);
    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(path.join(dir, "generated/typescript/src/old.ts"), "export {};\n");
    const result = await runCli(["check"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/stray\s+generated\/typescript\/src\/notes\.ts/);
    expect(result.stdout).toMatch(/removed\s+generated\/typescript\/src\/old\.ts/);
    expect(result.stdout).toMatch(/added\s+generated\/typescript\/src\/core\.ts/);
  });

  it("generate deletes files it generated before but keeps files it never wrote", async () => {
    const manifestFile = path.join(dir, "generated/.sdkgen-manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { files: Record<string, string> };
    manifest.files["typescript/src/old.ts"] = "0".repeat(64);
    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(path.join(dir, "generated/typescript/src/old.ts"), "export {};\n");
    await writeFile(path.join(dir, "generated/typescript/KEEP.md"), "mine\n");
    const result = await runCli(["generate"], dir);
    expect(result.code, result.stderr).toBe(0);
    const files = await listFiles(path.join(dir, "generated"));
    expect(files).not.toContain("typescript/src/old.ts");
    expect(files).toContain("typescript/KEEP.md");
  });

  it("--spec, --out and --config select other inputs and outputs", async () => {
    const out = path.join(dir, "elsewhere");
    const result = await runCli(["generate", "--spec", "spec/plex-authentication.yaml", "--out", out, "--config", "spec/sdkgen.yaml"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(await snapshotDir(out)).toEqual(await snapshotDir(path.join(REPO_ROOT, "generated")));
    const check = await runCli(["check", "--out", out], dir);
    expect(check.code).toBe(0);
  });

  it("--no-docs writes every target's code as generate does, and no Markdown", async () => {
    const out = path.join(dir, "code-only");
    const result = await runCli(["generate", "--no-docs", "--out", out], dir);
    expect(result.code, result.stderr).toBe(0);
    const written = await snapshotDir(out);
    const committed = await snapshotDir(path.join(REPO_ROOT, "generated"));
    const code = [...committed].filter(([rel]) => !rel.endsWith(".md") && rel !== ".sdkgen-manifest.json");
    expect([...written.keys()].filter((rel) => rel !== ".sdkgen-manifest.json").sort()).toEqual(code.map(([rel]) => rel).sort());
    for (const [rel, content] of code) expect(written.get(rel), rel).toBe(content);
    const check = await runCli(["check", "--no-docs", "--out", out], dir);
    expect(check.code, check.stdout).toBe(0);
  });

  it("--timings prints every stage, in order, with its unit", async () => {
    const stageLines = (stderr: string) => stderr.split("\n").filter((l) => / (ms|MB)$/.test(l)).map((l) => l.replace(/\s+[\d.]+ (ms|MB)$/, " $1"));
    const generated = await runCli(["generate", "--timings"], dir);
    expect(generated.code, generated.stderr).toBe(0);
    const perTarget = (t: string) => [`${t} plan ms`, `${t} emit ms`, `${t} docs ms`];
    expect(stageLines(generated.stderr)).toEqual([
      "startup ms", "load ms", "ir ms", "changelog ms", ...perTarget("typescript"), "python ms", ...perTarget("go"), ...perTarget("csharp"), ...perTarget("php"), "write ms", "total ms", "peak rss MB",
    ]);
    const codeOnly = await runCli(["generate", "--timings", "--no-docs", "--target", "typescript", "--out", path.join(dir, "code-only")], dir);
    expect(stageLines(codeOnly.stderr)).toEqual(["startup ms", "load ms", "ir ms", "changelog ms", "typescript plan ms", "typescript emit ms", "write ms", "total ms", "peak rss MB"]);
    const checked = await runCli(["check", "--timings"], dir);
    expect(checked.code, checked.stdout).toBe(0);
    expect(stageLines(checked.stderr).slice(-3)).toEqual(["compare ms", "total ms", "peak rss MB"]);
  });

  it("an unknown command or option is refused with a non-zero exit", async () => {
    expect((await runCli(["frobnicate"], dir)).code).not.toBe(0);
    expect((await runCli(["generate", "--no-such-option"], dir)).code).not.toBe(0);
  });
});

describe("failed generation leaves earlier output untouched", () => {
  it("an invalid spec exits 1 with file and pointer, and generated/ stays byte-identical", async () => {
    const dir = await workspace();
    const before = await snapshotDir(path.join(dir, "generated"));
    const bad = path.join(dir, "spec/bad.yaml");
    const spec = await readFile(path.join(dir, "spec/plex-authentication.yaml"), "utf8");
    // A path parameter in the template that is never declared.
    await writeFile(bad, spec.replace("/security/token:", "/security/token/{tokenId}:"));
    const result = await runCli(["generate", "--spec", "spec/bad.yaml"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("spec/bad.yaml");
    expect(result.stderr).toContain("#/paths/~1security~1token~1{tokenId}/get");
    expect(result.stderr).toMatch(/nothing was written/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await snapshotDir(path.join(dir, "generated"))).toEqual(before);
    const leftovers = (await listFiles(dir)).filter((f) => f.includes("sdkgen-tmp") || f.includes("sdkgen-old"));
    expect(leftovers).toEqual([]);
  });

  it("a YAML syntax error names the line", async () => {
    const dir = await workspace();
    const before = await snapshotDir(path.join(dir, "generated"));
    await writeFile(path.join(dir, "spec/broken.yaml"), "openapi: 3.1.0\ninfo:\n  title: [unclosed\n");
    const result = await runCli(["generate", "--spec", "spec/broken.yaml"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/spec\/broken\.yaml:\d+/);
    expect(await snapshotDir(path.join(dir, "generated"))).toEqual(before);
  });
});
