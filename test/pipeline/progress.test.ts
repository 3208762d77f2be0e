// The progress line of long runs (generator/progress.ts): shown on a terminal's stderr for specs of more
// than 200 operations, and nowhere else. The CLI runs under a pseudo-terminal made by util-linux `script`,
// its stdout sent to a file, so what the terminal shows is stderr alone.
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROGRESS_MIN_OPERATIONS, stageProgress } from "../../generator/progress.ts";
import { runCli, type CliResult } from "../helpers/cli.ts";
import { CLI, REPO_ROOT } from "../helpers/generate.ts";

const BIG = path.join(REPO_ROOT, "test/fixtures/plex-2026-01/plex-api-spec.yaml");
const OLD = path.join(REPO_ROOT, "test/fixtures/plex-2025-09/pms-spec.yaml");
const SMALL = path.join(REPO_ROOT, "spec/plex-authentication.yaml");

/** What the CLI sees as its environment: a terminal that takes escape codes, not CI (either would turn progress off). */
function terminalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm-256color" };
  delete env.CI;
  return env;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs the CLI with stderr on a pseudo-terminal and stdout into a file: what the terminal showed (CRLF made LF), and stdout. */
async function underTerminal(args: string[], scratch: string): Promise<{ code: number | null; terminal: string; stdout: string }> {
  const out = path.join(scratch, `stdout-${Math.random().toString(36).slice(2)}.txt`);
  const command = `${[process.execPath, CLI, ...args].map(quote).join(" ")} > ${quote(out)}`;
  const { code, terminal } = await new Promise<{ code: number | null; terminal: string }>((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: REPO_ROOT, env: terminalEnv(), stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit, terminal: text.replaceAll("\r\n", "\n") }));
  });
  return { code, terminal, stdout: await readFile(out, "utf8") };
}

/** Runs the CLI with stdout and stderr piped, in the same environment (so only the missing terminal turns progress off). */
function piping(args: string[]): Promise<CliResult> {
  return runCli(args, REPO_ROOT, terminalEnv());
}

describe("progress on long runs", () => {
  let scratch: string;
  /** The plain run, stderr and stdout piped: what every other run is compared with. */
  let piped: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    expect(execFileSync("sh", ["-c", "command -v script"], { encoding: "utf8" }).trim()).not.toBe("");
    scratch = await mkdtemp(path.join(os.tmpdir(), "sdkgen-progress-"));
    piped = await piping(["generate", "--spec", BIG, "--target", "typescript", "--no-validate", "--out", path.join(scratch, "piped")]);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("is silent when stderr is piped", () => {
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^generated \d+ files in .*piped\n$/);
    expect(piped.stderr).not.toContain("\u001B");
    expect(piped.stderr).not.toMatch(/operations\)/);
  });

  it("shows a line per stage on a terminal for a spec of more than 200 operations, cleared at the end", async () => {
    const run = await underTerminal(["generate", "--spec", BIG, "--target", "typescript", "--no-validate", "--out", path.join(scratch, "tty")], scratch);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^generated \d+ files in .*tty\n$/);
    for (const stage of ["typescript plan", "typescript emit", "typescript docs"]) {
      expect(run.terminal).toMatch(new RegExp(`${stage} \\(target 1/1, 2\\d\\d operations\\)`));
    }
    expect(run.terminal).toMatch(/write \(2\d\d operations\)/);
    // The load and IR stages come before the count is known: nothing is shown for them.
    expect(run.terminal).not.toMatch(/\bload \(|\bir \(/);
    // Stopped: the cursor shown again and the line cleared, and nothing drawn after that.
    expect(run.terminal).toMatch(/\u001B\[\?25h\u001B\[1G\u001B\[0K$/);
    // The warnings print as they do when piped.
    for (const line of piped.stderr.split("\n").filter((l) => l !== "")) expect(run.terminal).toContain(line);
  });

  it("is silent on a terminal with --quiet", async () => {
    const run = await underTerminal(["generate", "--spec", BIG, "--target", "typescript", "--no-validate", "--quiet", "--out", path.join(scratch, "quiet")], scratch);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^generated \d+ files in .*quiet\n$/);
    expect(run.terminal).toBe(piped.stderr);
  });

  it("is silent on a terminal for a small spec", async () => {
    const run = await underTerminal(["generate", "--spec", SMALL, "--target", "typescript", "--out", path.join(scratch, "small")], scratch);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^generated \d+ files in .*small\n$/);
    // Only its warnings (the schema validator's notes on the spec), no escape code.
    expect(run.terminal).not.toContain("\u001B");
    expect(run.terminal).not.toMatch(/operations\)/);
    for (const line of run.terminal.split("\n").filter((l) => l !== "")) expect(line).toMatch(/^warning: /);
  });

  it("shows on diff too, and leaves its JSON on stdout untouched; --quiet silences it", async () => {
    const args = ["diff", OLD, BIG, "--format", "json", "--no-validate"];
    const shown = await underTerminal(args, scratch);
    expect(shown.code).toBe(0);
    expect(shown.terminal).toMatch(/new surfaces \(2\d\d operations\)/);
    expect(shown.stdout).not.toContain("\u001B");
    expect((JSON.parse(shown.stdout) as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
    const quiet = await underTerminal([...args, "--quiet"], scratch);
    expect(quiet.stdout).toBe(shown.stdout);
    expect(quiet.terminal).not.toContain("\u001B");
  });
});

describe("stageProgress", () => {
  /** A stream that says it is a terminal and records what is written to it. */
  function fakeTerminal(): NodeJS.WriteStream & { text: string } {
    const stream = {
      isTTY: true, columns: 80, text: "",
      write(chunk: string) { stream.text += chunk; return true; },
      cursorTo() { return true; }, moveCursor() { return true; }, clearLine() { return true; },
    };
    return stream as unknown as NodeJS.WriteStream & { text: string };
  }

  it(`draws only for more than ${PROGRESS_MIN_OPERATIONS} operations, never when quiet, not a terminal or on CI`, () => {
    const cases: Array<[string, { quiet?: boolean; tty?: boolean; env?: NodeJS.ProcessEnv }, number, boolean]> = [
      ["at the threshold", {}, PROGRESS_MIN_OPERATIONS, false],
      ["above it", {}, PROGRESS_MIN_OPERATIONS + 1, true],
      ["quiet", { quiet: true }, 1000, false],
      ["not a terminal", { tty: false }, 1000, false],
      ["CI", { env: { CI: "true" } }, 1000, false],
      ["TERM=dumb", { env: { TERM: "dumb" } }, 1000, false],
    ];
    for (const [label, { quiet, tty = true, env = {} }, operations, shown] of cases) {
      const stream = fakeTerminal();
      stream.isTTY = tty;
      const progress = stageProgress({ quiet, stream, env });
      progress.onStage({ stage: "load" });
      progress.onStage({ stage: "go emit", operations, target: { name: "go", index: 3, count: 5 } });
      progress.stop();
      expect(stream.text.includes(`go emit (target 3/5, ${operations} operations)`), label).toBe(shown);
      if (!shown) expect(stream.text, label).toBe("");
      expect(stream.text, label).not.toContain("load");
    }
  });
});
