/**
 * Runtime benchmark: the generated Plex SDK against raw fetch + JSON.parse (the floor) and the
 * reference SDK @lukehagar/plexjs 0.39.0, side by side in one run, on a server on 127.0.0.1 that
 * runs in its own process. Also where a call's time goes (stages), what each runtime feature costs
 * when it is used, bundle sizes (esbuild, minified, tree-shaken) and cold import time.
 *
 *   npm run bench:runtime                            # prints the Markdown report and writes scripts/results/bench-runtime.md
 *   npm run bench:runtime -- --quick                 # fewer calls and rounds, for a smoke run; writes nothing
 *   npm run bench:runtime -- --baseline=<git rev>    # also measures the SDK generated at that revision, in the same rounds
 *
 * Every measurement runs in a fresh Node process per contender and operation (scripts/bench-client.mjs), and the
 * contenders take turns within each round, so drift in the machine's load touches each alike.
 */
import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GENERATED = path.join(ROOT, "generated/typescript");
const PLEXJS = path.join(ROOT, "node_modules/@lukehagar/plexjs");
const quick = process.argv.includes("--quick");
const baselineRev = process.argv.find((a) => a.startsWith("--baseline="))?.slice("--baseline=".length);
const ROUNDS = quick ? 2 : 5;
const CALLS = quick ? 500 : 8000;
const WARMUP = quick ? 200 : 3000;
/** The stage-timed and feature runs measure differences of a few microseconds: fewer calls suffice. */
const STAGE_CALLS = quick ? 300 : 4000;
const STAGE_WARMUP = quick ? 200 : 2000;

interface Contender {
  /** Contender name for bench-client.mjs. */
  id: string;
  name: string;
  /** The built sdkgen package it loads (the baseline has its own). */
  builtDir?: string;
}

interface OperationFigures {
  callsPerSecond: number;
  cpuMicros: number;
  stageMicros?: Record<Stage, number>;
}

type Operation = "token" | "details";
type Figures = { token: OperationFigures; details?: OperationFigures };

const STAGES = ["build", "fetch", "toBody", "body", "after"] as const;
type Stage = (typeof STAGES)[number];
const STAGE_NAMES: Record<Stage, string> = {
  build: "build the request (URL, query, headers, security, options), until fetch is called",
  fetch: "fetch: until the response headers are in (undici, loopback, server)",
  toBody: "from the response to the start of the body read (redirect check, promise hops)",
  body: "read the body",
  after: "after the body: decode, validate, build the result, return to the caller",
};

/** sdkgen with one runtime feature in use (see FEATURES in bench-client.mjs), against sdkgen without. */
const FEATURES: Array<{ id: string; what: string }> = [
  { id: "sdkgen+timeout", what: "`timeoutMs: 30000` (AbortController, timer, abort race)" },
  { id: "sdkgen+signal", what: "a per-call `signal` (AbortController, listener, abort race)" },
  { id: "sdkgen+hooks", what: "no-op `beforeRequest` and `afterSuccess` hooks (a Request object, a Response for the hooks)" },
  { id: "sdkgen+retries", what: "`retryConfig` with backoff (retry bookkeeping; the call succeeds first time)" },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(values: number[], digits = 0): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)}`;
}

/** Median (min to max) of differences, each with its sign. */
function signedSummary(values: number[]): string {
  return `${signed(median(values))} (${signed(Math.min(...values))} to ${signed(Math.max(...values))})`;
}

/** Starts the benchmark server in a child process so it does not share this event loop. */
async function startServer(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/bench-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${String(code)}`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Builds a generated package (ESM) into a scratch folder, as a user would consume it. */
async function buildPackage(source: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "sdkgen-bench-")), "plex-api");
  await cp(source, dir, { recursive: true });
  await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.build.json")]);
  return dir;
}

/** The generated TypeScript SDK as committed at a git revision, built. */
async function buildBaseline(rev: string): Promise<{ dir: string; commit: string }> {
  const { stdout } = await run("git", ["rev-parse", "--short", rev], { cwd: ROOT });
  const commit = stdout.trim();
  const scratch = await mkdtemp(path.join(os.tmpdir(), "sdkgen-baseline-"));
  await new Promise<void>((resolve, reject) => {
    const archive = spawn("git", ["archive", commit, "generated/typescript"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const untar = spawn("tar", ["-x", "-C", scratch], { stdio: ["pipe", "inherit", "inherit"] });
    archive.stdout.pipe(untar.stdin);
    untar.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`git archive ${commit} failed`))));
  });
  const dir = await buildPackage(path.join(scratch, "generated/typescript"));
  await rm(scratch, { recursive: true, force: true });
  return { dir, commit };
}

/** Runs one contender on one operation in its own plain Node process. */
async function measure(c: Contender, op: Operation, base: string, builtDir: string, how: { stages?: boolean; short?: boolean }): Promise<OperationFigures> {
  const args = [
    path.join(ROOT, "scripts/bench-client.mjs"), c.id, op, base, c.builtDir ?? builtDir, PLEXJS,
    String(how.short ? STAGE_CALLS : CALLS), String(how.short ? STAGE_WARMUP : WARMUP),
  ];
  if (how.stages) args.push("--stages");
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as OperationFigures;
}

interface Measurements {
  throughput: Map<string, Figures[]>;
  stages: Map<string, Figures[]>;
  features: Map<string, Figures[]>;
  /** 1-minute load average at the start of each round. */
  load: number[];
}

async function measureAll(contenders: Contender[], base: string, builtDir: string): Promise<Measurements> {
  const m: Measurements = { throughput: new Map(), stages: new Map(), features: new Map(), load: [] };
  const push = (into: Map<string, Figures[]>, key: string, f: Figures) => into.set(key, [...(into.get(key) ?? []), f]);
  /** Each contender in turn on one operation, so the runs compared are seconds apart. */
  const inTurn = async (list: Contender[], op: Operation, how: { stages?: boolean; short?: boolean }) => {
    const out: OperationFigures[] = [];
    for (const c of list) out.push(await measure(c, op, base, builtDir, how));
    return out;
  };
  const bothOperations = async (how: { stages?: boolean; short?: boolean }, into: Map<string, Figures[]>) => {
    const token = await inTurn(contenders, "token", how);
    const details = await inTurn(contenders, "details", how);
    contenders.forEach((c, i) => push(into, c.name, { token: token[i]!, details: details[i]! }));
  };
  const sdkgen = contenders.find((c) => c.id === "sdkgen" && !c.builtDir)!;
  const variants = [sdkgen, ...FEATURES.map((f) => ({ id: f.id, name: f.id }))];
  for (let round = 0; round < ROUNDS; round++) {
    m.load.push(os.loadavg()[0]!);
    await bothOperations({}, m.throughput);
    await bothOperations({ stages: true, short: true }, m.stages);
    (await inTurn(variants, "token", { short: true })).forEach((f, i) => push(m.features, variants[i]!.id, { token: f }));
    process.stderr.write(`round ${round + 1}/${ROUNDS} done (load ${os.loadavg()[0]!.toFixed(2)})\n`);
  }
  m.load.push(os.loadavg()[0]!);
  return m;
}

async function bundleSize(contents: string, resolveDir: string): Promise<{ min: number; gzip: number }> {
  const out = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true, minify: true, treeShaking: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
  });
  const code = out.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code).byteLength };
}

async function bundles(): Promise<Array<{ what: string; ours: { min: number; gzip: number }; theirs: { min: number; gzip: number } }>> {
  const ourSrc = path.join(GENERATED, "src");
  const theirSrc = path.join(PLEXJS, "src");
  return [
    {
      what: "one standalone function (getTokenDetails)",
      ours: await bundleSize(
        `import { PlexAPICore } from "${ourSrc}/core.ts"; import { authenticationGetTokenDetails } from "${ourSrc}/funcs/authenticationGetTokenDetails.ts"; export const call = () => authenticationGetTokenDetails(new PlexAPICore({}));`,
        ROOT,
      ),
      theirs: await bundleSize(
        `import { PlexAPICore } from "${theirSrc}/core.ts"; import { authenticationGetTokenDetails } from "${theirSrc}/funcs/authenticationGetTokenDetails.ts"; export const call = () => authenticationGetTokenDetails(new PlexAPICore({}));`,
        ROOT,
      ),
    },
    {
      what: "whole client",
      ours: await bundleSize(`import { PlexAPI } from "${ourSrc}/index.ts"; export const sdk = new PlexAPI({});`, ROOT),
      theirs: await bundleSize(`import { PlexAPI } from "${theirSrc}/index.ts"; export const sdk = new PlexAPI({});`, ROOT),
    },
  ];
}

/** Milliseconds to import a module in a fresh Node process, measured inside that process. */
async function coldImport(specifier: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < (quick ? 3 : 9); i++) {
    const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
    times.push(Number(stdout.trim()));
  }
  return times;
}

/** Per-round ratios of calls per second, contender over raw: rounds interleave, so each compares neighbours in time. */
function roundRatios(ours: Figures[], raw: Figures[], op: "token" | "details"): number[] {
  return ours.map((f, i) => f[op]!.callsPerSecond / raw[i]![op]!.callsPerSecond);
}

function stageTable(m: Measurements, contenders: Contender[], op: "token" | "details", lines: string[]): void {
  const [raw, ours] = [contenders[0]!, contenders[1]!];
  const others = contenders.slice(2);
  lines.push(
    `| stage, µs per call | ${raw.name} | ${ours.name} | sdkgen − raw, per round | ${others.map((c) => c.name).join(" | ")} |`,
    `| --- | --- | --- | --- |${others.map(() => " --- |").join("")}`,
  );
  /** A row of per-round values for each contender: medians, and the sdkgen − raw difference within each round. */
  const row = (label: string, runs: Map<string, Figures[]>, pick: (f: OperationFigures) => number) => {
    const values = (c: Contender) => runs.get(c.name)!.map((f) => pick(f[op]!));
    const mid = (c: Contender) => median(values(c)).toFixed(1);
    const rawValues = values(raw);
    const diffs = values(ours).map((v, i) => v - rawValues[i]!);
    lines.push(`| ${label} | ${mid(raw)} | ${mid(ours)} | ${signedSummary(diffs)} | ${others.map(mid).join(" | ")} |`);
  };
  for (const s of STAGES) row(STAGE_NAMES[s], m.stages, (f) => f.stageMicros![s]);
  row("**total**, stage-timed runs", m.stages, (f) => 1e6 / f.callsPerSecond);
  row("total, untimed runs (1 / calls per second)", m.throughput, (f) => 1e6 / f.callsPerSecond);
  row("client process CPU (user + system, all threads), untimed runs", m.throughput, (f) => f.cpuMicros);
}

async function main(): Promise<void> {
  const builtDir = await buildPackage(GENERATED);
  const contenders: Contender[] = [
    { id: "raw", name: "raw fetch + JSON.parse" },
    { id: "sdkgen", name: "sdkgen (generated)" },
  ];
  if (baselineRev !== undefined) {
    const baseline = await buildBaseline(baselineRev);
    contenders.push({ id: "sdkgen", name: `sdkgen @ ${baseline.commit}`, builtDir: baseline.dir });
  }
  contenders.push({ id: "plexjs", name: "@lukehagar/plexjs 0.39.0" });
  const loadBefore = os.loadavg();
  const server = await startServer();
  try {
    const m = await measureAll(contenders, server.base, builtDir);
    const raw = m.throughput.get(contenders[0]!.name)!;
    const ours = m.throughput.get(contenders[1]!.name)!;
    const lines: string[] = [];
    lines.push(
      "# Runtime benchmark", "",
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "?"}). `
        + `${ROUNDS} rounds; in each, every contender runs each operation in a fresh process making ${CALLS} sequential calls after ${WARMUP} `
        + `warm-up calls (stage-timed and feature runs: ${STAGE_CALLS} after ${STAGE_WARMUP}), the contenders taking turns on one operation at a time. `
        + "Figures are the median (min–max) over the rounds. The server (scripts/bench-server.mjs) is its own process on 127.0.0.1.",
      "",
      `Machine load (1-minute load average on ${os.cpus().length} cores): ${loadBefore[0]!.toFixed(2)} before the run, `
        + `${Math.min(...m.load).toFixed(2)}–${Math.max(...m.load).toFixed(2)} between rounds. `
        + "Above the core count other work competes for the CPU, and figures spread accordingly.",
      "",
      "## Calls per second",
      "",
      "| client | getTransientToken calls/s | vs raw | getTokenDetails calls/s (large account body) | vs raw |",
      "| --- | --- | --- | --- | --- |",
    );
    const share = (a: number[], b: number[]) => `${((median(a) / median(b)) * 100).toFixed(0)}%`;
    for (const c of contenders) {
      const r = m.throughput.get(c.name)!;
      const token = r.map((f) => f.token.callsPerSecond);
      const details = r.map((f) => f.details!.callsPerSecond);
      lines.push(`| ${c.name} | ${summary(token)} | ${share(token, raw.map((f) => f.token.callsPerSecond))} | ${summary(details)} | ${share(details, raw.map((f) => f.details!.callsPerSecond))} |`);
    }
    lines.push(
      "",
      `sdkgen / raw fetch on getTransientToken, per round (each round's two runs are neighbours in time): ${summary(roundRatios(ours, raw, "token"), 2)}; `
        + `on getTokenDetails: ${summary(roundRatios(ours, raw, "details"), 2)}.`,
    );
    const theirs = m.throughput.get("@lukehagar/plexjs 0.39.0")!;
    lines.push(
      `sdkgen vs plexjs on getTokenDetails: ${(median(ours.map((f) => f.details!.callsPerSecond)) / median(theirs.map((f) => f.details!.callsPerSecond))).toFixed(2)}×; `
        + `on getTransientToken: ${(median(ours.map((f) => f.token.callsPerSecond)) / median(theirs.map((f) => f.token.callsPerSecond))).toFixed(2)}×.`,
      "",
      "## Where a call's time goes",
      "",
      "Wall time per call by stage, from separate runs in which the global fetch and Response's body readers are wrapped with timers "
        + "(the same wrappers for every contender; they add a little to each stage). The fetch stage also holds the work a client does "
        + "synchronously after calling fetch, and garbage collection lands in whichever stage it interrupts.",
      "",
      "getTransientToken (empty body, no declared response body):",
      "",
    );
    stageTable(m, contenders, "token", lines);
    lines.push("", "getTokenDetails (80 kB account body, decoded and validated):", "");
    stageTable(m, contenders, "details", lines);
    const plain = m.features.get("sdkgen")!;
    const micros = (r: Figures[]) => r.map((f) => 1e6 / f.token.callsPerSecond);
    const cpus = (r: Figures[]) => r.map((f) => f.token.cpuMicros);
    // Differences are taken within each round, where the two runs are neighbours in time.
    const extra = (values: number[], base: number[]) => signedSummary(values.map((v, i) => v - base[i]!));
    lines.push(
      "",
      "## What a runtime feature costs when it is used",
      "",
      "getTransientToken with one feature switched on, against the same SDK without it, in the same rounds "
        + `(${STAGE_CALLS} calls after ${STAGE_WARMUP}); the extra is the difference within each round. `
        + "Without these options none of this machinery is set up.",
      "",
      "| feature | µs per call | extra µs per call | client CPU µs per call | extra CPU µs per call |",
      "| --- | --- | --- | --- | --- |",
      `| none | ${summary(micros(plain), 1)} | – | ${summary(cpus(plain), 1)} | – |`,
    );
    for (const f of FEATURES) {
      const r = m.features.get(f.id)!;
      lines.push(`| ${f.what} | ${summary(micros(r), 1)} | ${extra(micros(r), micros(plain))} | ${summary(cpus(r), 1)} | ${extra(cpus(r), cpus(plain))} |`);
    }
    lines.push("", "## Bundle size and cold import", "", "| bundle (esbuild, minified, tree-shaken, ESM) | sdkgen | plexjs 0.39.0 | ratio |", "| --- | --- | --- | --- |");
    for (const b of await bundles()) {
      lines.push(`| ${b.what} | ${b.ours.min} B (${b.ours.gzip} B gzip) | ${b.theirs.min} B (${b.theirs.gzip} B gzip) | ${(b.ours.min / b.theirs.min).toFixed(3)} |`);
    }
    const ourImport = await coldImport(pathToFileURL(path.join(builtDir, "dist/esm/index.js")).href);
    const theirImport = await coldImport(pathToFileURL(path.join(PLEXJS, "index.js")).href);
    lines.push("", "| cold import in a fresh Node process (ms) | sdkgen | plexjs 0.39.0 |", "| --- | --- | --- |");
    lines.push(`| \`import()\` of the package entry | ${summary(ourImport, 1)} | ${summary(theirImport, 1)} |`);
    const report = `${lines.join("\n")}\n`;
    process.stdout.write(report);
    if (!quick) {
      await mkdir(path.join(ROOT, "scripts/results"), { recursive: true });
      await writeFile(path.join(ROOT, "scripts/results/bench-runtime.md"), report);
    }
  } finally {
    server.stop();
  }
}

await main();
