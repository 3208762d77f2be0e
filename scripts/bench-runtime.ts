/**
 * Runtime benchmark: the generated Plex SDK against raw fetch + JSON.parse (the floor) and the
 * reference SDK @lukehagar/plexjs 0.39.0, side by side in one run, on a server on 127.0.0.1 that
 * runs in its own process. Also bundle sizes (esbuild, minified, tree-shaken) and cold import time.
 *
 *   npm run bench:runtime                 # prints a Markdown report and writes scripts/results/bench-runtime.md
 *   npm run bench:runtime -- --quick      # fewer calls, for a smoke run
 */
import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
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
const ROUNDS = quick ? 2 : 5;
const CALLS = quick ? 500 : 8000;
const WARMUP = quick ? 200 : 3000;

const CONTENDERS = [
  { id: "raw", name: "raw fetch + JSON.parse" },
  { id: "sdkgen", name: "sdkgen (generated)" },
  { id: "plexjs", name: "@lukehagar/plexjs 0.39.0" },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(values: number[], digits = 0): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
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

/** Builds the generated package (ESM) into a scratch folder, as a user would consume it. */
async function buildGenerated(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "sdkgen-bench-")), "plex-api");
  await cp(GENERATED, dir, { recursive: true });
  await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.build.json")]);
  return dir;
}

/** Runs one contender in its own plain Node process and returns its calls per second for both operations. */
async function measure(id: string, base: string, builtDir: string): Promise<{ token: number; details: number }> {
  const { stdout } = await run(process.execPath, [
    path.join(ROOT, "scripts/bench-client.mjs"), id, base, builtDir, PLEXJS, String(CALLS), String(WARMUP),
  ]);
  return JSON.parse(stdout) as { token: number; details: number };
}

async function throughput(base: string, builtDir: string): Promise<Map<string, { token: number[]; details: number[] }>> {
  const results = new Map(CONTENDERS.map((c) => [c.name, { token: [] as number[], details: [] as number[] }]));
  // Rounds interleave the contenders, so drift in the machine's load touches each alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of CONTENDERS) {
      const r = await measure(c.id, base, builtDir);
      results.get(c.name)!.token.push(r.token);
      results.get(c.name)!.details.push(r.details);
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  return results;
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

async function main(): Promise<void> {
  const builtDir = await buildGenerated();
  const server = await startServer();
  try {
    const results = await throughput(server.base, builtDir);
    const raw = results.get(CONTENDERS[0]!.name)!;
    const lines: string[] = [];
    lines.push(`Runtime benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores; `
      + `${ROUNDS} rounds, each contender in a fresh process making ${CALLS} sequential calls per operation after ${WARMUP} `
      + "warm-up calls; median (min–max))", "");
    lines.push("| client | getTransientToken calls/s | vs raw | getTokenDetails calls/s (large account body) | vs raw |", "| --- | --- | --- | --- | --- |");
    const share = (a: number[], b: number[]) => `${((median(a) / median(b)) * 100).toFixed(0)}%`;
    for (const [name, r] of results) {
      lines.push(`| ${name} | ${summary(r.token)} | ${share(r.token, raw.token)} | ${summary(r.details)} | ${share(r.details, raw.details)} |`);
    }
    const ours = results.get(CONTENDERS[1]!.name)!;
    const theirs = results.get(CONTENDERS[2]!.name)!;
    lines.push("", `sdkgen vs plexjs on getTokenDetails: ${(median(ours.details) / median(theirs.details)).toFixed(2)}×; on getTransientToken: ${(median(ours.token) / median(theirs.token)).toFixed(2)}×`, "");
    lines.push("| bundle (esbuild, minified, tree-shaken, ESM) | sdkgen | plexjs 0.39.0 | ratio |", "| --- | --- | --- | --- |");
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
