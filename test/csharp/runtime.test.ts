// The C# runtime's unit tests (test/csharp/runtime-tests, xunit): they compile
// generator/targets/csharp/runtime/*.cs in directly and restore offline from /opt/nuget/packages.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";

const run = promisify(execFile);
const PROJECT = path.join(REPO_ROOT, "test/csharp/runtime-tests");

describe("C# runtime unit tests", () => {
  it("pass (dotnet test, offline, warnings as errors)", async () => {
    let output: string;
    try {
      const { stdout, stderr } = await run("dotnet", ["test", PROJECT, "--nologo"], {
        cwd: PROJECT,
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 280_000,
      });
      output = stdout + stderr;
    } catch (error) {
      // A non-zero exit code: show what failed.
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`dotnet test failed:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
    }
    const summary = /Failed:\s+(\d+),\s+Passed:\s+(\d+)/.exec(output);
    expect(summary, output).not.toBeNull();
    expect(Number(summary![1])).toBe(0);
    expect(Number(summary![2])).toBeGreaterThan(0);
  }, 300_000);
});
