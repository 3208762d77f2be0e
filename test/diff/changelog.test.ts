// `generate` keeps a changelog: the first run records each target's surface; a later run with a changed
// spec adds the diff to <target>/CHANGELOG.md and bumps the version; `check` names the breaking changes.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { baseSpec } from "./base-spec.ts";

const CONFIG = "spec: api.json\noutput: out\nclientName: Acme\ntargets:\n  typescript: { packageName: acme, packageVersion: 0.3.0 }\n  go: { modulePath: example.com/acme }\n";
let dir: string;
const read = (rel: string) => readFile(path.join(dir, rel), "utf8");
const spec = (doc: unknown) => writeFile(path.join(dir, "api.json"), JSON.stringify(doc, null, 2));

describe("the changelog of generate", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-changelog-"));
    await writeFile(path.join(dir, "sdkgen.yaml"), CONFIG);
    await spec(baseSpec());
    const first = await runCli(["generate", "--config", "sdkgen.yaml"], dir);
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);

  it("writes no changelog on the first run, and records the surfaces", async () => {
    await expect(read("out/typescript/CHANGELOG.md")).rejects.toThrow();
    const surfaces = JSON.parse(await read("out/.sdkgen-surface.json")) as { targets: Record<string, { version: string }> };
    expect(Object.keys(surfaces.targets)).toEqual(["typescript", "go"]);
    expect(surfaces.targets["typescript"]!.version).toBe("0.3.0");
  });

  it("check names the breaking changes a spec change would bring; generate then logs them and bumps the version", async () => {
    const next = baseSpec();
    delete next.components.schemas.User.properties.email;
    next.servers.push({ url: "https://third.acme.test" });
    await spec(next);
    const check = await runCli(["check", "--config", "sdkgen.yaml"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("breaking typescript sdk.users.createUser(): response.user.email: response field removed (code reading it no longer compiles)");
    expect(check.stdout).toContain("breaking go s.Users.CreateUser(): response.User.Email: response field removed");
    expect(check.stdout).toMatch(/the spec's changes: 2 breaking, 2 non-breaking; suggested bump minor/);

    const run = await runCli(["generate", "--config", "sdkgen.yaml"], dir);
    expect(run.code, run.stderr).toBe(0);
    const log = await read("out/typescript/CHANGELOG.md");
    expect(log).toMatch(/^# Changelog\n/);
    expect(log).toContain("## 0.4.0\n");
    expect(log).toContain("| **breaking** | `sdk.users.createUser(): response.user.email` | response field removed |");
    expect(log).toContain("| non-breaking | `servers[2]` | server added: https://third.acme.test |");
    expect(JSON.parse(await read("out/typescript/package.json")).version).toBe("0.4.0");
    expect(await read("out/go/CHANGELOG.md")).toContain("## 0.2.0\n");

    // Generating again changes nothing: the output is up to date.
    const again = await runCli(["check", "--config", "sdkgen.yaml"], dir);
    expect(again.stdout).toMatch(/is up to date/);

    // A further change adds an entry above the first one.
    const third = structuredClone(next);
    third.components.schemas.User.properties.createdAt = { type: "string" };
    await spec(third);
    expect((await runCli(["generate", "--config", "sdkgen.yaml"], dir)).code).toBe(0);
    const log2 = await read("out/typescript/CHANGELOG.md");
    expect(log2.indexOf("## 0.4.1")).toBeGreaterThan(0);
    expect(log2.indexOf("## 0.4.1")).toBeLessThan(log2.indexOf("## 0.4.0"));
    expect(log2.match(/^# Changelog/gm)).toHaveLength(1);
  }, 120_000);

  it("records a change of the config alone (an overlay) without an entry: only spec changes are logged", async () => {
    const before = await read("out/typescript/CHANGELOG.md");
    await writeFile(path.join(dir, "rename.yaml"), "overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: $.paths['/users'].post\n    update: { operationId: addUser }\n");
    await writeFile(path.join(dir, "overlaid.yaml"), `${CONFIG}overlays: [rename.yaml]\n`);
    const run = await runCli(["generate", "--config", "overlaid.yaml"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(await read("out/typescript/CHANGELOG.md")).toBe(before);
    expect(JSON.parse(await read("out/typescript/package.json")).version).toBe("0.4.1");
    expect(await read("out/.sdkgen-surface.json")).toContain("sdk.users.addUser()");
  }, 120_000);

  it("keeps the changelogs when the record of the surfaces is gone (recorded afresh)", async () => {
    const { rm } = await import("node:fs/promises");
    const before = await read("out/typescript/CHANGELOG.md");
    await rm(path.join(dir, "out/.sdkgen-surface.json"));
    expect((await runCli(["generate", "--config", "sdkgen.yaml"], dir)).code).toBe(0);
    expect(await read("out/typescript/CHANGELOG.md")).toBe(before);
    expect(await read("out/.sdkgen-surface.json")).toContain('"version": "0.4.1"');
  }, 120_000);

  it("can be turned off in the config", async () => {
    await writeFile(path.join(dir, "off.yaml"), `${CONFIG.replace("output: out", "output: out-off")}changelog: false\n`);
    expect((await runCli(["generate", "--config", "off.yaml"], dir)).code).toBe(0);
    await expect(read("out-off/.sdkgen-surface.json")).rejects.toThrow();
  }, 120_000);
});
