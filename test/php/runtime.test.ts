// The PHP runtime's unit tests (test/php/runtime-tests, PHPUnit 9): they load
// generator/targets/php/runtime through a PSR-4 autoloader, with Guzzle and the PSR interfaces from /usr/share/php.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";

const run = promisify(execFile);
const RUNTIME = path.join(REPO_ROOT, "generator/targets/php/runtime");
const CONFIG = path.join(REPO_ROOT, "test/php/runtime-tests/phpunit.xml");

function phpFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return phpFiles(full);
    return entry.name.endsWith(".php") ? [full] : [];
  });
}

describe("PHP runtime", () => {
  it("has one class per file, PSR-4, under the SdkgenRuntime namespace, and lints clean", async () => {
    const files = phpFiles(RUNTIME);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const relative = path.relative(RUNTIME, file);
      expect(text.startsWith("<?php\n\ndeclare(strict_types=1);\n"), relative).toBe(true);
      const namespace = ["SdkgenRuntime", ...path.dirname(relative).split(path.sep).filter((p) => p !== ".")].join("\\");
      expect(text, relative).toContain(`\nnamespace ${namespace};\n`);
      const declared = /^(?:final |abstract )?(?:class|interface|enum|trait) (\w+)/m.exec(text);
      expect(declared?.[1], relative).toBe(path.basename(file, ".php"));
      const { stdout } = await run("php", ["-l", file]);
      expect(stdout, relative).toContain("No syntax errors");
    }
  }, 60_000);

  it("passes its unit tests (phpunit)", async () => {
    let output: string;
    try {
      const { stdout, stderr } = await run("phpunit", ["-c", CONFIG], {
        cwd: REPO_ROOT,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 280_000,
      });
      output = stdout + stderr;
    } catch (error) {
      // A non-zero exit code: show what failed.
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`phpunit failed:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
    }
    // PHPUnit 9 ends with "OK (N tests, M assertions)" or "Tests: N, Assertions: M, Failures: F[, ...]".
    const ok = /^OK \((\d+) tests?, (\d+) assertions?\)/m.exec(output);
    const summary = /^Tests: (\d+), Assertions: (\d+)(?:, Errors: (\d+))?(?:, Failures: (\d+))?/m.exec(output);
    expect(ok ?? summary, output).not.toBeNull();
    if (ok) {
      expect(Number(ok[1]), output).toBeGreaterThan(0);
      expect(Number(ok[2]), output).toBeGreaterThan(0);
    } else {
      expect(Number(summary![1]), output).toBeGreaterThan(0);
      expect(Number(summary![3] ?? 0), output).toBe(0);
      expect(Number(summary![4] ?? 0), output).toBe(0);
    }
  }, 300_000);
});
