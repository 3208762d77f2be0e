// Runs every enabled target's driver through the same scenarios against one local server, and
// checks both what the server received and what each SDK gave back.
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { DEFAULT_CONFIG } from "../helpers/generate.ts";
import { DRIVERS, type Driver } from "./drivers.ts";
import { startScenarioServer, type ReceivedRequest, type ScenarioServer } from "./scenario-server.ts";
import { loadScenarios, type ExpectedRequest, type Scenario } from "./scenarios.ts";

interface DriverLine {
  id: string;
  ok: boolean;
  facts?: Record<string, unknown>;
  error?: { type: string; status: number | null; message: string };
  elapsedMs: number;
}

const file = loadScenarios();
const targets = Object.keys((await loadConfig(DEFAULT_CONFIG, {})).targets) as Array<keyof typeof DRIVERS>;

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runDriver(driver: Driver, scenariosFile: string, base: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(driver.command, [...driver.args, scenariosFile, base], {
      cwd: driver.cwd, env: { ...process.env, ...driver.env }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What differs between an expected request and the one received, as readable lines. */
function requestProblems(expected: ExpectedRequest, actual: ReceivedRequest, previous: ReceivedRequest | undefined): string[] {
  const problems: string[] = [];
  const differ = (what: string, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  if (expected.method !== undefined) differ("method", expected.method, actual.method);
  if (expected.path !== undefined) differ("path", expected.path, actual.path);
  if (expected.query !== undefined) differ("query", sortKeys(expected.query), sortKeys(actual.query));
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = actual.headers[name];
    // An SDK may add a charset to a media type; the type itself must match.
    const comparable = name === "content-type" && typeof got === "string" ? got.split(";")[0]!.trim() : got;
    differ(`header ${name}`, value, comparable);
  }
  for (const name of expected.absentHeaders ?? []) if (name in actual.headers) problems.push(`header ${name} must not be sent`);
  if (expected.body !== undefined) differ("body", expected.body, actual.body.toString("utf8"));
  if (expected.form !== undefined) differ("form entries", Object.entries(expected.form), [...new URLSearchParams(actual.body.toString("utf8"))]);
  if (previous && (expected.minGapMs !== undefined || expected.maxGapMs !== undefined)) {
    const gap = actual.at - previous.at;
    if (gap < (expected.minGapMs ?? 0) || gap > (expected.maxGapMs ?? Infinity)) {
      problems.push(`gap since the previous request ${Math.round(gap)} ms, expected ${expected.minGapMs ?? 0}..${expected.maxGapMs ?? "∞"} ms`);
    }
  }
  return problems;
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer(new Map(file.scenarios.map((s) => [s.id, s.exchanges])));
});
afterAll(async () => {
  await server?.close();
});

it("the default config enables the targets the suite is written for", () => {
  expect(targets.sort()).toEqual(expect.arrayContaining(["typescript"]));
  for (const target of targets) expect(DRIVERS[target], `a driver for ${target}`).toBeDefined();
});

describe.each(targets)("%s SDK", (target) => {
  const results = new Map<string, DriverLine>();
  const received = new Map<string, ReceivedRequest[]>();
  let stderr = "";

  beforeAll(async () => {
    server.reset();
    const port = await closedPort();
    const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-conformance-"));
    const scenariosFile = path.join(dir, "scenarios.json");
    const resolved = { ...file, scenarios: file.scenarios.map((s) => (s.baseUrl ? { ...s, baseUrl: s.baseUrl.replace("{closedPort}", `http://127.0.0.1:${port}`) } : s)) };
    await writeFile(scenariosFile, JSON.stringify(resolved));
    const run = await runDriver(DRIVERS[target], scenariosFile, server.base);
    stderr = run.stderr;
    if (run.code !== 0) throw new Error(`the ${target} driver exited with ${run.code}:\n${run.stderr}\n${run.stdout}`);
    for (const line of run.stdout.split("\n").filter((l) => l.trim() !== "")) {
      const parsed = JSON.parse(line) as DriverLine;
      results.set(parsed.id, parsed);
    }
    for (const s of file.scenarios) received.set(s.id, [...server.received(s.id)]);
  }, 600_000);

  it("reports every scenario exactly once, in order", () => {
    expect([...results.keys()], stderr).toEqual(file.scenarios.map((s) => s.id));
  });

  it.each(file.scenarios.map((s): [string, Scenario] => [s.id, s]))("%s", (_id, scenario) => {
    const result = results.get(scenario.id);
    expect(result, `no result for ${scenario.id}; driver stderr:\n${stderr}`).toBeDefined();
    const requests = received.get(scenario.id) ?? [];

    const problems: string[] = [];
    scenario.exchanges.forEach((exchange, i) => {
      const actual = requests[i];
      if (!actual) problems.push(`request ${i + 1} never arrived`);
      else problems.push(...requestProblems(exchange.request, actual, requests[i - 1]).map((p) => `request ${i + 1}: ${p}`));
    });
    if (requests.length > scenario.exchanges.length) problems.push(`${requests.length} requests arrived, expected ${scenario.exchanges.length}`);
    expect(problems, scenario.description).toEqual([]);

    const expected = scenario.expect;
    if (expected.ok) {
      expect(result!.error, scenario.description).toBeUndefined();
      const facts = result!.facts ?? {};
      expect(Object.fromEntries(Object.keys(expected.facts).map((k) => [k, facts[k]])), scenario.description).toEqual(expected.facts);
    } else {
      expect(result!.ok, `${scenario.description}: succeeded with ${JSON.stringify(result!.facts)}`).toBe(false);
      const error = result!.error!;
      expect({ type: error.type, status: error.status }, `${scenario.description}: ${error.message}`).toEqual({ type: expected.error.type, status: expected.error.status });
      if (expected.error.message !== undefined) expect(error.message).toBe(expected.error.message);
      if (expected.error.messageIncludes !== undefined) expect(error.message).toContain(expected.error.messageIncludes);
      for (const secret of expected.error.messageExcludes ?? []) expect(error.message).not.toContain(secret);
      // No error message may carry the credential.
      expect(error.message).not.toContain(file.client.accessToken);
    }
    if (expected.elapsedMs) {
      expect(result!.elapsedMs).toBeGreaterThanOrEqual(expected.elapsedMs.min);
      expect(result!.elapsedMs).toBeLessThanOrEqual(expected.elapsedMs.max);
    }
  });
});
