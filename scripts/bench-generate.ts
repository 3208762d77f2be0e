/**
 * Generation benchmark: sdkgen (`sdkgen generate --target typescript`, as a user runs it: docs and the
 * changelog's surface record included; and again with --no-docs, like for like with the peers, which
 * write no docs), @hey-api/openapi-ts 0.95.0 and orval 7.13.2, each making a plain fetch client, side
 * by side in one run, on the Plex 2026-01 spec (YAML, 0.7 MB) and on GitHub's REST spec (JSON, 13 MB).
 * Every run is a fresh process writing to a fresh folder under the system's temp folder (--out-root
 * elsewhere), so sdkgen's changelog step has no previous run to compare with, as on a first generate;
 * the contenders take turns within a round so drift in the machine's load touches each alike. Then,
 * once per tool and spec: files and lines written and whether the output type-checks (`tsc --noEmit
 * --strict`, the repo's TypeScript, a minimal tsconfig). A last contender, not a peer, is the floor
 * (scripts/bench-floor.mjs): Node starting, parsing the spec and writing sdkgen's files (with docs),
 * with nothing generated: no tool making sdkgen's output can be faster. The report ends each spec
 * with sdkgen's ratios against the targets (3× the fastest peer; within 3× of the floor) and notes
 * the machine's load average while it ran.
 *
 *   npm run bench:generate                      # writes scripts/results/bench-generate.md
 *   npm run bench:generate -- --runs 3          # runs per tool and spec (default 5; GitHub's spec: at most 3)
 *   npm run bench:generate -- --quick           # one run each, no file written
 *   npm run bench:generate -- --only sdkgen --spec github   # sdkgen, with and without docs, and the floor
 *   npm run bench:generate -- --out-root DIR    # where the runs write (default: the system's temp folder)
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileP = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIME = "/usr/bin/time";
const HAS_TIME = existsSync(TIME);

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const quick = args.includes("--quick");
const RUNS = quick ? 1 : Number(option("--runs") ?? 5);
const only = option("--only");
const onlySpec = option("--spec");
const OUT_ROOT = path.resolve(option("--out-root") ?? os.tmpdir());

interface Spec {
  id: string;
  name: string;
  file: string;
  /** Runs per tool: the big spec takes a minute per run for the slowest peer. */
  runs: number;
}

const SPECS: Spec[] = [
  { id: "plex", name: "Plex 2026-01 (YAML, 0.7 MB)", file: path.join(ROOT, "test/fixtures/plex-2026-01/plex-api-spec.yaml"), runs: RUNS },
  { id: "github", name: "GitHub REST (JSON, 13 MB)", file: path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json"), runs: Math.min(RUNS, 3) },
].filter((s) => onlySpec === undefined || s.id === onlySpec);

interface Tool {
  id: string;
  name: string;
  /** The command for one run writing into `out`; `work` is a scratch folder kept for the whole benchmark. */
  command(spec: Spec, out: string, work: string): Promise<string[]>;
}

/** `sdkgen generate --target typescript` with a config naming the package; `extra` flags after it. */
async function sdkgenCommand(spec: Spec, out: string, work: string, extra: string[]): Promise<string[]> {
  const config = path.join(work, `sdkgen-${spec.id}.yaml`);
  if (!existsSync(config)) {
    await writeFile(config, [
      `spec: ${JSON.stringify(spec.file)}`,
      `output: ${JSON.stringify(path.join(work, "unused"))}`,
      "targets:",
      "  typescript:",
      `    packageName: "@bench/${spec.id}"`,
      "    packageVersion: 0.0.0",
      "    maxMethodParams: 4",
      "",
    ].join("\n"));
  }
  return [process.execPath, path.join(ROOT, "generator/bin/sdkgen.mjs"), "generate", "--target", "typescript", "--config", config, "--out", out, "--timings", ...extra];
}

const SDKGEN = "sdkgen";
/** sdkgen without its Markdown docs: what the peers write (code only). */
const SDKGEN_NO_DOCS = "sdkgen-no-docs";

const ALL_TOOLS: Tool[] = [
  { id: SDKGEN, name: "sdkgen", command: (spec, out, work) => sdkgenCommand(spec, out, work, []) },
  { id: SDKGEN_NO_DOCS, name: "sdkgen --no-docs", command: (spec, out, work) => sdkgenCommand(spec, out, work, ["--no-docs"]) },
  {
    id: "hey-api",
    name: "@hey-api/openapi-ts 0.95.0",
    async command(spec, out) {
      return [process.execPath, path.join(ROOT, "node_modules/@hey-api/openapi-ts/bin/run.js"), "-i", spec.file, "-o", out, "-c", "@hey-api/client-fetch", "--no-log-file"];
    },
  },
  {
    id: "orval",
    name: "orval 7.13.2",
    async command(spec, out) {
      return [process.execPath, path.join(ROOT, "node_modules/orval/dist/bin/orval.js"), "-i", spec.file, "-o", path.join(out, "api.ts"), "--client", "fetch"];
    },
  },
];
/**
 * Not a peer: the floor for sdkgen's output (scripts/bench-floor.mjs). Node starts, parses the spec
 * and writes the files sdkgen wrote in the same round, made in advance; its time is its own report.
 */
const FLOOR: Tool = {
  id: "floor",
  name: "floor: Node start, spec parse, writing sdkgen's files",
  async command(spec, out, work) {
    const files = path.join(work, `floor-files-${spec.id}.json`);
    if (!existsSync(files)) {
      const from = [...(results.get(`${SDKGEN}/${spec.id}`)?.runs ?? [])].reverse().find((r) => r.ok)?.out;
      if (from === undefined) throw new Error("the floor needs a finished sdkgen run of the same spec");
      const pairs: Array<[string, string]> = [];
      for (const file of (await listFiles(from)).sort()) pairs.push([path.relative(from, file), await readFile(file, "utf8")]);
      await writeFile(files, JSON.stringify(pairs));
    }
    return [process.execPath, path.join(ROOT, "scripts/bench-floor.mjs"), spec.file, files, out];
  },
};
const TOOLS = [...ALL_TOOLS, FLOOR].filter((t) => only === undefined || t.id === only || (only === SDKGEN && (t === FLOOR || t.id === SDKGEN_NO_DOCS)));
const PEERS = new Set(["hey-api", "orval"]);

interface Run {
  ok: boolean;
  seconds: number;
  /** Peak resident set of the largest process in the run's tree, MB (GNU time's %M). */
  rssMb?: number;
  stderr: string;
  out: string;
}

/** One run in a fresh process, under GNU time when the machine has it. */
async function runOnce(tool: Tool, spec: Spec, work: string): Promise<Run> {
  await mkdir(OUT_ROOT, { recursive: true });
  const out = await mkdtemp(path.join(OUT_ROOT, `bench-gen-${tool.id}-${spec.id}-`));
  const command = await tool.command(spec, out, work);
  const timeFile = path.join(work, "time.txt");
  const argv = HAS_TIME ? [TIME, "-f", "%e %M", "-o", timeFile, ...command] : command;
  // Written-back pages of the run before are not left for this one to wait on.
  await execFileP("sync").catch(() => undefined);
  const start = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-200_000)));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, stderr: err }));
  });
  let seconds = (performance.now() - start) / 1000;
  let rssMb: number | undefined;
  if (HAS_TIME) {
    const [elapsed, kb] = (await readFile(timeFile, "utf8")).trim().split("\n").at(-1)!.split(" ");
    seconds = Number(elapsed);
    rssMb = Number(kb) / 1024;
  }
  if (tool === FLOOR) {
    // Its own measure, which leaves out reading the prepared files; their memory is not its.
    const reported = /^floor-ms ([\d.]+)$/m.exec(stderr);
    return { ok: code === 0 && reported !== null, seconds: Number(reported?.[1]) / 1000, stderr, out };
  }
  return { ok: code === 0, seconds, ...(rssMb === undefined ? {} : { rssMb }), stderr, out };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

async function countOutput(dir: string): Promise<{ files: number; lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  const files = await listFiles(dir);
  for (const f of files) {
    const text = await readFile(f, "utf8");
    bytes += (await stat(f)).size;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  }
  return { files: files.length, lines, bytes };
}

/** `tsc --noEmit --strict` over every .ts file of the output, with the repo's TypeScript and a minimal tsconfig. */
async function typeChecks(dir: string): Promise<{ ok: boolean; errors: number; seconds: number; first?: string }> {
  const tsconfig = path.join(dir, "tsconfig.bench-check.json");
  await writeFile(tsconfig, JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler",
      lib: ["ES2022", "DOM", "DOM.Iterable"], skipLibCheck: true, types: [],
    },
    include: ["**/*.ts"],
    exclude: ["**/node_modules/**"],
  }));
  const start = performance.now();
  try {
    await execFileP(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", tsconfig], { maxBuffer: 256 * 1024 * 1024 });
    return { ok: true, errors: 0, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    const stdout = String((error as { stdout?: string }).stdout ?? "");
    const errors = (stdout.match(/error TS\d+/g) ?? []).length;
    const first = stdout.split("\n").find((l) => /error TS\d+/.test(l))?.replace(/^.*?bench-gen-[^/]+\//, "").trim();
    return { ok: false, errors, seconds: (performance.now() - start) / 1000, ...(first === undefined ? {} : { first }) };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(values: number[], digits: number): string {
  if (values.length === 0) return "–";
  if (values.length === 1) return values[0]!.toFixed(digits);
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

/** sdkgen's --timings lines (stage, ms) from a run's stderr. */
function stageTimings(stderr: string): Array<[string, string]> {
  return stderr.split("\n").flatMap((line) => {
    const m = /^(\S.*?)\s+([\d.]+ (?:ms|MB))$/.exec(line);
    return m ? [[m[1]!, m[2]!] as [string, string]] : [];
  });
}

/** The first lines of stderr that say why a run failed. */
function failureText(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").trim()).filter((l) => l !== "");
  const errors = lines.filter((l) => /^error|error:|failed/i.test(l));
  const picked = (errors.length > 0 ? errors : lines.slice(-3)).slice(0, 3);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return `${picked.join("; ").slice(0, 600)}${more}`;
}

/** The machine's load just before a run: the 1-minute load average, and Linux's CPU pressure (share of the last 10 s some task waited for a CPU) where the kernel reports it. */
interface Load {
  average: number;
  cpuPressure?: number;
}

async function machineLoad(): Promise<Load> {
  const average = os.loadavg()[0]!;
  const pressure = await readFile("/proc/pressure/cpu", "utf8").then((t) => /^some avg10=([\d.]+)/m.exec(t)?.[1], () => undefined);
  return { average, ...(pressure === undefined ? {} : { cpuPressure: Number(pressure) }) };
}

/** Loads sampled before each run, by spec id. */
const loads = new Map<string, Load[]>();

/** Runs and findings by "<tool>/<spec>". */
const results = new Map<string, Result>();

interface Result {
  runs: Run[];
  count?: { files: number; lines: number; bytes: number };
  check?: { ok: boolean; errors: number; seconds: number; first?: string };
}

/** Median wall time of a tool's successful runs of a spec, if any. */
function medianSeconds(id: string, spec: Spec): number | undefined {
  const ok = results.get(`${id}/${spec.id}`)?.runs.filter((x) => x.ok) ?? [];
  return ok.length === 0 ? undefined : median(ok.map((x) => x.seconds));
}

function medianRss(id: string, spec: Spec): number | undefined {
  const rss = results.get(`${id}/${spec.id}`)?.runs.flatMap((x) => (x.ok && x.rssMb !== undefined ? [x.rssMb] : [])) ?? [];
  return rss.length === 0 ? undefined : median(rss);
}

/** sdkgen's ratios against the targets: 3× as fast as the fastest peer, within 3× of the floor, less memory than the peers. */
function targetLines(spec: Spec, key: (tool: Tool, spec: Spec) => string): string[] {
  const lines: string[] = [];
  const ours = medianSeconds(SDKGEN, spec);
  const codeOnly = medianSeconds(SDKGEN_NO_DOCS, spec);
  const peers = TOOLS.filter((t) => PEERS.has(t.id)).flatMap((t) => {
    const seconds = medianSeconds(t.id, spec);
    return seconds === undefined ? [] : [{ tool: t, seconds, rss: medianRss(t.id, spec) }];
  });
  const fastest = [...peers].sort((a, b) => a.seconds - b.seconds)[0];
  if (ours !== undefined && fastest !== undefined) {
    const noDocs = codeOnly === undefined ? "" : `; without docs (like for like: the peers write none) ${(fastest.seconds / codeOnly).toFixed(2)}×`;
    lines.push(`sdkgen vs the fastest peer (${fastest.tool.name}): ${(fastest.seconds / ours).toFixed(2)}× as fast (target: 3×)${noDocs}.`);
  }
  const floorRuns = results.get(key(FLOOR, spec))?.runs.filter((x) => x.ok) ?? [];
  if (ours !== undefined && floorRuns.length > 0) {
    const floor = median(floorRuns.map((x) => x.seconds));
    lines.push(`sdkgen vs the floor (${floor.toFixed(2)} s): ${(ours / floor).toFixed(2)}× the floor's time (target: within 3×, so at most ${(3 * floor).toFixed(2)} s); `
      + `sdkgen spends ${(ours - floor).toFixed(2)} s above the floor (validation, IR, surfaces, code, docs), where 3× leaves ${(2 * floor).toFixed(2)} s.`);
  }
  const ourRss = medianRss(SDKGEN, spec);
  const peerRss = peers.flatMap((p) => (p.rss === undefined ? [] : [p.rss]));
  if (ourRss !== undefined && peerRss.length > 0) {
    const codeOnlyRss = medianRss(SDKGEN_NO_DOCS, spec);
    lines.push(`sdkgen peak RSS ${ourRss.toFixed(0)} MB${codeOnlyRss === undefined ? "" : ` (without docs ${codeOnlyRss.toFixed(0)} MB)`} vs the lowest peer's ${Math.min(...peerRss).toFixed(0)} MB (target: below).`);
  }
  return lines;
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), "bench-gen-work-"));
  const key = (tool: Tool, spec: Spec) => `${tool.id}/${spec.id}`;
  for (const spec of SPECS) {
    for (const tool of TOOLS) results.set(key(tool, spec), { runs: [] });
    for (let round = 0; round < spec.runs; round++) {
      for (const tool of TOOLS) {
        loads.set(spec.id, [...(loads.get(spec.id) ?? []), await machineLoad()]);
        const r = await runOnce(tool, spec, work);
        const result = results.get(key(tool, spec))!;
        // Outputs stay until the spec is done: deleting thousands of files slows the disk for
        // the runs that follow, and would hit the tool writing the most files hardest.
        result.runs.push(r);
        process.stderr.write(`${spec.id} round ${round + 1}/${spec.runs} ${tool.id}: ${r.ok ? `${r.seconds.toFixed(2)} s, ${r.rssMb?.toFixed(0) ?? "?"} MB` : "FAILED"}\n`);
      }
    }
    for (const tool of TOOLS) {
      const result = results.get(key(tool, spec))!;
      const last = result.runs.at(-1)!;
      if (last.ok && tool !== FLOOR) {
        result.count = await countOutput(last.out);
        result.check = await typeChecks(last.out);
        process.stderr.write(`${spec.id} ${tool.id}: ${result.count.files} files, ${result.count.lines} lines, type-check ${result.check.ok ? "ok" : `${result.check.errors} errors`}\n`);
      }
      for (const run of result.runs) await rm(run.out, { recursive: true, force: true });
    }
  }

  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const lines: string[] = [];
  lines.push(`# Generation benchmark`, "");
  lines.push(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB. `
    + `Each run is a fresh process writing to its own folder (under ${OUT_ROOT.startsWith(ROOT) ? path.relative(ROOT, OUT_ROOT) : OUT_ROOT}); the tools take turns within a round. Wall time and peak RSS are the `
    + `median (min–max) over the runs; peak RSS is that of the largest process of the run's tree (GNU time's %M)${HAS_TIME ? "" : " — not measured: /usr/bin/time is missing"}. `
    + "Files, lines and the type-check are from the last run: `tsc --noEmit --strict` (TypeScript 5.9, moduleResolution Bundler, skipLibCheck) over every .ts file written. "
    + "sdkgen runs as `sdkgen generate --target typescript` into a fresh folder (docs, and the changelog's record of the SDK's surface, included; nothing to compare with), "
    + "and again with `--no-docs`, writing code only as the peers do; hey-api uses @hey-api/client-fetch and its default plugins; orval uses `--client fetch` in its default single-file mode.", "");
  for (const spec of SPECS) {
    lines.push(`## ${spec.name}`, "");
    lines.push(`| tool | wall time, s | peak RSS, MB | files | lines | type-checks |`, "| --- | --- | --- | --- | --- | --- |");
    for (const tool of TOOLS) {
      const r = results.get(key(tool, spec))!;
      const ok = r.runs.filter((x) => x.ok);
      if (ok.length === 0) {
        lines.push(`| ${tool.name} | failed: ${failureText(r.runs.at(-1)?.stderr ?? "").replace(/\|/g, "\\|")} | | | | |`);
        continue;
      }
      const failed = r.runs.length - ok.length;
      const time = `${summary(ok.map((x) => x.seconds), 2)}${failed > 0 ? ` (${failed} runs failed)` : ""}`;
      if (tool === FLOOR) {
        lines.push(`| ${tool.name} | ${time} | – | (sdkgen's, with docs) | | – |`);
        continue;
      }
      const rss = ok.flatMap((x) => (x.rssMb === undefined ? [] : [x.rssMb]));
      const check = r.check === undefined ? "–" : r.check.ok ? "yes" : `no (${r.check.errors} errors)`;
      lines.push(`| ${tool.name} | ${time} | ${summary(rss, 0)} | ${r.count?.files ?? "–"} | ${r.count?.lines ?? "–"} | ${check} |`);
    }
    for (const tool of TOOLS) {
      const first = results.get(key(tool, spec))!.check?.first;
      if (first !== undefined) lines.push("", `${tool.name}, first type error: \`${first.slice(0, 300)}\``);
    }
    lines.push("", ...targetLines(spec, key));
    const stageColumns = [SDKGEN, SDKGEN_NO_DOCS].flatMap((id) => {
      const tool = TOOLS.find((t) => t.id === id);
      const lastOk = [...(results.get(`${id}/${spec.id}`)?.runs ?? [])].reverse().find((x) => x.ok);
      return tool && lastOk ? [{ name: tool.name, stages: new Map(stageTimings(lastOk.stderr)) }] : [];
    });
    if (stageColumns.length > 0) {
      const stages = [...new Set(stageColumns.flatMap((c) => [...c.stages.keys()]))];
      lines.push("", "sdkgen's stages (`--timings`, last run of each):", "", `| stage | ${stageColumns.map((c) => c.name).join(" | ")} |`, `| --- |${" --- |".repeat(stageColumns.length)}`);
      for (const stage of stages) lines.push(`| ${stage} | ${stageColumns.map((c) => c.stages.get(stage) ?? "–").join(" | ")} |`);
    }
    const sampled = loads.get(spec.id) ?? [];
    if (sampled.length > 0) {
      const averages = sampled.map((l) => l.average);
      const pressures = sampled.flatMap((l) => (l.cpuPressure === undefined ? [] : [l.cpuPressure]));
      lines.push("", `Machine load before each run: 1-minute load average ${summary(averages, 2)} on ${os.cpus().length} cores`
        + `${pressures.length > 0 ? `; CPU pressure (share of the last 10 s some task waited for a CPU) ${summary(pressures, 0)}%` : ""}.`
        + " Other work on the machine slows every contender, and the disk's speed for thousands of small files varies with it.");
    }
    lines.push("");
  }
  const report = lines.join("\n");
  process.stdout.write(`${report}\n`);
  if (!quick && only === undefined && onlySpec === undefined) {
    const file = path.join(ROOT, "scripts/results/bench-generate.md");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, report);
    process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
  await rm(work, { recursive: true, force: true });
}

await main();
