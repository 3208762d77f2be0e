// The TypeScript seed's examples (test/fixtures/seeds/plexjs-authentication.md), extracted and run with only
// the imports changed (the seed's package `@lukehagar/plexjs` and its `/models/operations` become the committed
// SDK's sources, generated/typescript/src) and a `serverURL` client option pointing the client at a local server.
// The seed's two operations use the API's servers, which the client's serverURL replaces: no per-call option.
// Each example runs in its own Node process (tsx compiles the .ts), and all of them type-check under tsc --strict.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { headerValues, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { typecheck } from "../helpers/tsc.ts";

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/plexjs-authentication.md");
const SDK_SRC = path.join(REPO_ROOT, "generated/typescript/src");
/** The seed's module specifiers and what they are here: the committed SDK's entry module and its models. */
const IMPORTS: Array<[string, string]> = [
  ["@lukehagar/plexjs/models/operations", path.join(SDK_SRC, "models/operations/index.ts")],
  ["@lukehagar/plexjs", path.join(SDK_SRC, "index.ts")],
];

/** Every "Example Usage" program of the seed: the body of each ```typescript block. */
export function seedExamples(markdown: string): string[] {
  const examples: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```typescript") continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === "```");
    if (end < 0) throw new Error(`the example on line ${i + 1} is not closed`);
    examples.push(lines.slice(i + 1, end).join("\n"));
    i = end;
  }
  return examples;
}

/** An example as it runs here: the SDK's modules for the seed's package, and `serverURL` as the client's first option. */
export function adapt(example: string, serverURL: string): string {
  let code = example;
  for (const [from, to] of IMPORTS) code = code.replaceAll(`from "${from}";`, `from ${JSON.stringify(to)};`);
  const constructed = code.replace("new PlexAPI({\n", `new PlexAPI({\nserverURL: ${JSON.stringify(serverURL)},\n`);
  if (constructed === code) throw new Error("the example constructs no PlexAPI({...})");
  return `${constructed}\n`;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a .ts file in Node with tsx, without blocking the event loop (the server answers from this process). */
function runTs(file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", file], { cwd: REPO_ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let server: TestServer;
let examples: string[];
let dir: string;
const runs: Run[] = [];
let diagnostics: string;
const byPath = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix));

beforeAll(async () => {
  examples = seedExamples(await readFile(SEED, "utf8"));
  dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-ts-seed-"));
  // ES modules, as the SDK is; tsc checks the examples with the SDK's own compiler options.
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  const sdkConfig = JSON.parse(await readFile(path.join(REPO_ROOT, "generated/typescript/tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { ...sdkConfig.compilerOptions, allowImportingTsExtensions: true },
    include: ["*.ts"],
  }, null, 2));

  server = await startServer();
  server.reply(...Array.from({ length: 10 }, () => ({ status: 200 })));
  for (const [i, example] of examples.entries()) {
    const file = path.join(dir, `seed${i}.ts`);
    await writeFile(file, adapt(example, `${server.base}/ex${i}`));
    runs.push(await runTs(file));
  }
  diagnostics = await typecheck(dir);
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const PLEX_HEADERS = ["x-plex-client-identifier", "x-plex-product", "x-plex-version", "x-plex-platform", "x-plex-device"];

/** The example ran, logged its result, wrote nothing to stderr, and sent exactly one request. */
function ran(index: number, status: number): RecordedRequest {
  const run = runs[index]!;
  expect(run.stderr, `seed${index}`).toBe("");
  expect(run.code, `seed${index}`).toBe(0);
  expect(run.stdout, `seed${index}`).toContain(`statusCode: ${status}`);
  const sent = byPath(`/ex${index}/`);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

/** The X-Plex-* headers of a request: the example sets only the client identifier. */
function plexHeaders(request: RecordedRequest): Record<string, string[]> {
  return Object.fromEntries(PLEX_HEADERS.map((h) => [h, headerValues(request, h)]));
}

describe("the TypeScript seed's examples, run verbatim but for the imports and the server", () => {
  it("finds the seed's two examples", () => {
    expect(examples).toHaveLength(2);
    expect(examples.map((e) => /plexAPI\.authentication\.(\w+)\(/.exec(e)?.[1])).toEqual(["getTransientToken", "getSourceConnectionInformation"]);
    for (const e of examples) expect(e.trimEnd().endsWith("run();")).toBe(true);
  });

  it("type-check under tsc --strict with the SDK's compiler options", () => {
    expect(diagnostics).toBe("");
  });

  it("getTransientToken sends the query, the token and the client identifier", () => {
    const request = ran(0, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex0/security/token", "type=delegation&scope=all"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual({
      "x-plex-client-identifier": ["Postman"], "x-plex-product": [], "x-plex-version": [], "x-plex-platform": [], "x-plex-device": [],
    });
    expect(request.body).toBe("");
  });

  it("getSourceConnectionInformation percent-encodes the source", () => {
    const request = ran(1, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex1/security/resources", "source=server%3A%2F%2Fclient-identifier"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual({
      "x-plex-client-identifier": ["Postman"], "x-plex-product": [], "x-plex-version": [], "x-plex-platform": [], "x-plex-device": [],
    });
    expect(request.body).toBe("");
  });

  it("adapt() changes only the imports and adds the server (negative control)", () => {
    const example = 'import { PlexAPI } from "@lukehagar/plexjs";\nimport { Scope } from "@lukehagar/plexjs/models/operations";\nconst plexAPI = new PlexAPI({\naccessToken: "t",\n});';
    expect(adapt(example, "http://h/x")).toBe(
      `import { PlexAPI } from ${JSON.stringify(path.join(SDK_SRC, "index.ts"))};\n`
      + `import { Scope } from ${JSON.stringify(path.join(SDK_SRC, "models/operations/index.ts"))};\n`
      + 'const plexAPI = new PlexAPI({\nserverURL: "http://h/x",\naccessToken: "t",\n});\n',
    );
    expect(() => adapt("const x = 1;", "http://h/x")).toThrow(/no PlexAPI/);
    expect(seedExamples("text\n```typescript\nconst a = 1;\n```\n```\nnot code\n```\n")).toEqual(["const a = 1;"]);
  });
});
