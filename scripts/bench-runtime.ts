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
const ROUNDS = quick ? 2 : 7;
const CALLS = quick ? 200 : 2000;
const WARMUP = quick ? 50 : 300;

interface Contender {
  name: string;
  transientToken: () => Promise<unknown>;
  tokenDetails: () => Promise<unknown>;
}

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

async function contenders(base: string, builtDir: string): Promise<Contender[]> {
  const token = "bench-token";
  const headers = { Accept: "application/json", "X-Plex-Token": token, "X-Plex-Client-Identifier": "bench" };
  const raw: Contender = {
    name: "raw fetch + JSON.parse",
    transientToken: async () => {
      const res = await fetch(`${base}/security/token?type=delegation&scope=all`, { headers });
      await res.arrayBuffer();
      return res.status;
    },
    tokenDetails: async () => JSON.parse(await (await fetch(`${base}/user`, { headers })).text()) as unknown,
  };
  const ours = (await import(pathToFileURL(path.join(builtDir, "dist/esm/index.js")).href)) as typeof import("../generated/typescript/src/index.ts");
  const sdk = new ours.PlexAPI({ serverURL: base, accessToken: token, xPlexClientIdentifier: "bench" });
  const generated: Contender = {
    name: "sdkgen (generated)",
    transientToken: () => sdk.authentication.getTransientToken("delegation", "all"),
    tokenDetails: () => sdk.authentication.getTokenDetails({ serverURL: base }),
  };
  const { PlexAPI } = (await import(pathToFileURL(path.join(PLEXJS, "index.js")).href)) as {
    PlexAPI: new (o: object) => {
      authentication: {
        getTransientToken(type: string, scope: string): Promise<unknown>;
        getTokenDetails(o: object): Promise<unknown>;
      };
    };
  };
  const plex = new PlexAPI({ serverURL: base, accessToken: token, xPlexClientIdentifier: "bench" });
  const plexjs: Contender = {
    name: "@lukehagar/plexjs 0.39.0",
    transientToken: () => plex.authentication.getTransientToken("delegation", "all"),
    tokenDetails: () => plex.authentication.getTokenDetails({ serverURL: base }),
  };
  return [raw, generated, plexjs];
}

async function callsPerSecond(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await call();
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  return CALLS / ((performance.now() - start) / 1000);
}

async function throughput(list: Contender[]): Promise<Map<string, { token: number[]; details: number[] }>> {
  const results = new Map(list.map((c) => [c.name, { token: [] as number[], details: [] as number[] }]));
  // Rounds interleave the contenders, so drift in the machine's load touches each alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of list) {
      results.get(c.name)!.token.push(await callsPerSecond(c.transientToken));
      results.get(c.name)!.details.push(await callsPerSecond(c.tokenDetails));
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
    const list = await contenders(server.base, builtDir);
    const results = await throughput(list);
    const raw = results.get(list[0]!.name)!;
    const lines: string[] = [];
    lines.push(`Runtime benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores; `
      + `${ROUNDS} rounds of ${CALLS} sequential calls after ${WARMUP} warm-up calls; median (min–max))`, "");
    lines.push("| client | getTransientToken calls/s | getTokenDetails calls/s (large account body) | getTokenDetails vs raw |", "| --- | --- | --- | --- |");
    for (const [name, r] of results) {
      lines.push(`| ${name} | ${summary(r.token)} | ${summary(r.details)} | ${((median(r.details) / median(raw.details)) * 100).toFixed(0)}% |`);
    }
    const ours = results.get(list[1]!.name)!;
    const theirs = results.get(list[2]!.name)!;
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
