// `sdkgen diff` as a user runs it: files and git revisions, Markdown and JSON, --fail-on breaking, bad input.
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { baseSpec } from "./base-spec.ts";

let dir: string;
const CONFIG = "targets:\n  typescript: { packageVersion: 1.2.3 }\n  python: { packageName: acme, packageVersion: 1.2.3 }\n";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-diff-cli-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir });
  git("init", "-q");
  await writeFile(path.join(dir, "sdkgen.yaml"), CONFIG);
  await writeFile(path.join(dir, "api.json"), JSON.stringify(baseSpec(), null, 2));
  git("add", ".");
  git("commit", "-q", "-m", "first");
  const next = baseSpec();
  delete next.components.schemas.User.properties.email;
  next.servers.push({ url: "https://third.acme.test" });
  await writeFile(path.join(dir, "api-next.json"), JSON.stringify(next, null, 2));
  const additive = baseSpec();
  additive.servers.push({ url: "https://third.acme.test" });
  await writeFile(path.join(dir, "api-additive.json"), JSON.stringify(additive, null, 2));
}, 120_000);

describe("sdkgen diff", () => {
  it("prints Markdown by default, with the bump and the breaking changes first", async () => {
    const r = await runCli(["diff", "api.json", "api-next.json", "--config", "sdkgen.yaml"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Suggested version bump: **major**");
    expect(r.stdout).toContain("- typescript: 1 breaking, 1 non-breaking; bump major");
    const rows = r.stdout.split("\n").filter((l) => l.startsWith("| **breaking**") || l.startsWith("| non-breaking"));
    expect(rows[0]).toBe("| **breaking** | `sdk.users.createUser(): response.user.email` | response field removed | code reading it no longer compiles |");
    // User is read from createUser and getUser; its field is named once, by the first method's path.
    expect(rows.findIndex((l) => l.startsWith("| non-breaking"))).toBe(1);
  }, 120_000);

  it("prints JSON with --format json, and exits 1 on breaking changes with --fail-on breaking", async () => {
    const r = await runCli(["diff", "api.json", "api-next.json", "--config", "sdkgen.yaml", "--format", "json", "--fail-on", "breaking"], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { changes: Array<Record<string, unknown>>; bump: string };
    expect(report.bump).toBe("major");
    expect(report.changes[0]).toEqual({
      target: "typescript", surface: "sdk.users.createUser(): response.user.email", change: "response field removed", rule: "output.removed",
      breaking: true, reason: "code reading it no longer compiles",
    });
    expect(report.changes.map((c) => c["target"])).toEqual(["typescript", "typescript", "python", "python"]);
    const additive = await runCli(["diff", "api.json", "api-additive.json", "--config", "sdkgen.yaml", "--fail-on", "breaking"], dir);
    expect(additive.code).toBe(0);
    expect(additive.stdout).toContain("Suggested version bump: **minor**");
  }, 120_000);

  it("reads a spec from git history with git:<rev>:<path>", async () => {
    const r = await runCli(["diff", "git:HEAD:api.json", "api-next.json", "--config", "sdkgen.yaml", "--format", "json"], dir);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as { changes: unknown[] }).changes).toHaveLength(4);
    const same = await runCli(["diff", "git:HEAD:api.json", "api.json", "--config", "sdkgen.yaml", "--format", "json"], dir);
    expect(JSON.parse(same.stdout)).toEqual({ changes: [], bump: "none", bumps: { typescript: "none", python: "none" } });
  }, 120_000);

  it("applies the config's overlays to both specs, and warns when an overlay's target is gone", async () => {
    await writeFile(path.join(dir, "ts.yaml"), "overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: $.components.schemas.User.properties.email\n    update: { description: The address. }\n");
    await writeFile(path.join(dir, "overlaid.yaml"), CONFIG.replace("packageVersion: 1.2.3 }\n", "packageVersion: 1.2.3, overlays: [ts.yaml] }\n"));
    const r = await runCli(["diff", "api.json", "api-next.json", "--config", "overlaid.yaml", "--format", "json"], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { changes: unknown[] }).changes).toHaveLength(4);
    expect(r.stderr).toMatch(/^warning: ts\.yaml:4 #\/actions\/0\/target: action 0: target "\$\.components\.schemas\.User\.properties\.email" matches nothing in the spec$/m);
    expect(r.stderr.match(/matches nothing/g)).toHaveLength(1);
  }, 120_000);

  it("exits 1 naming the spec when a spec or revision cannot be read", async () => {
    const missing = await runCli(["diff", "api.json", "nope.json", "--config", "sdkgen.yaml"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.json");
    const badRev = await runCli(["diff", "git:no-such-rev:api.json", "api.json", "--config", "sdkgen.yaml"], dir);
    expect(badRev.code).toBe(1);
    expect(badRev.stderr).toContain("git:no-such-rev:api.json");
  }, 120_000);
});
