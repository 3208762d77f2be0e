// The Go seed's examples (test/fixtures/seeds/plexgo-authentication.md), extracted and run with only the
// module path changed (github.com/LukeHagar/plexgo becomes ours, github.com/sdkgen/plexgo, the committed
// generated/go through a replace directive) and `plexgo.WithServerURL(...)` pointing the client at a local
// server; the operations with a server of their own (GetTokenDetails, PostUsersSignInData: https://plex.tv/api/v2,
// which the client's server URL does not replace) also get the per-call `operations.WithServerURL(...)`.
// Every example is a `package main` of its own, built with go build and checked with go vet.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { plexAuthAnswer } from "../helpers/plex-fixtures.ts";
import { headerValues, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { clientModule, GENERATED_GO, go } from "./go-helpers.ts";

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/plexgo-authentication.md");
const SEED_MODULE = "github.com/LukeHagar/plexgo";
const OUR_MODULE = "github.com/sdkgen/plexgo";
/** Operations with a server of their own (https://plex.tv/api/v2), which the client's server URL does not replace. */
const OWN_SERVER = ["GetTokenDetails", "PostUsersSignInData"];
const OPERATIONS_IMPORT = `\t"${OUR_MODULE}/models/operations"`;

/** Every "Example Usage" program of the seed: from `package main` to the `}` closing `func main()`. */
export function seedExamples(markdown: string): string[] {
  const examples: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "package main") continue;
    const main = lines.findIndex((l, j) => j > i && l === "func main() {");
    const end = lines.findIndex((l, j) => j > main && l === "}");
    if (main < 0 || end < 0) throw new Error(`the example on line ${i + 1} has no func main`);
    examples.push(lines.slice(i, end + 1).join("\n"));
    i = end;
  }
  return examples;
}

/** The index of the parenthesis that closes the one at `open` (string literals skipped). */
function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"') i = code.indexOf('"', i + 1);
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  throw new Error("unbalanced parentheses");
}

/**
 * An example as it runs here: our module path, `plexgo.WithServerURL(...)` as the client's first option, and
 * for an operation with its own server `operations.WithServerURL(...)` as the call's last argument (with the
 * operations import the per-call option needs, where the example has none); then a line that says what happened.
 */
export function adapt(example: string, serverURL: string): string {
  const url = JSON.stringify(serverURL);
  let code = example.replaceAll(`"${SEED_MODULE}`, `"${OUR_MODULE}`);
  const constructed = code.replace("plexgo.New(\n", `plexgo.New(\n        plexgo.WithServerURL(${url}),\n`);
  if (constructed === code) throw new Error("the example calls no plexgo.New(...)");
  code = constructed;
  for (const operation of OWN_SERVER) {
    const call = code.indexOf(`.Authentication.${operation}(`);
    if (call < 0) continue;
    const close = closingParen(code, code.indexOf("(", call));
    code = `${code.slice(0, close)}, operations.WithServerURL(${url})${code.slice(close)}`;
    if (!code.includes(OPERATIONS_IMPORT)) code = code.replace("import(\n", `import(\n${OPERATIONS_IMPORT}\n`);
  }
  // The example ends with main's `}`; the builtin println writes to stderr and needs no import.
  return `${code.slice(0, code.lastIndexOf("}"))}    println("status", res.StatusCode)\n}\n`;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built example without blocking the event loop (the server answers from this process). */
function runBinary(file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, [], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let server: TestServer;
let examples: string[];
const runs: Run[] = [];
let vet: string;
let dir = "";
const byPath = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix));

beforeAll(async () => {
  examples = seedExamples(await readFile(SEED, "utf8"));
  server = await startServer();
  const answer = plexAuthAnswer();
  server.reply(...Array.from({ length: 20 }, () => answer));
  const files = Object.fromEntries(examples.map((e, i) => [`seed${i}/main.go`, adapt(e, `${server.base}/ex${i}`)]));
  dir = await clientModule(GENERATED_GO, files, "seed");
  const vetted = await go(["vet", "./..."], dir);
  vet = vetted.stdout + vetted.stderr;
  await go(["build", "-o", `${path.join(dir, "bin")}/`, "./..."], dir);
  for (const i of examples.keys()) runs.push(await runBinary(path.join(dir, "bin", `seed${i}`)));
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The example ran, printed its status and nothing else, and sent exactly one request. */
function ran(index: number, status: number): RecordedRequest {
  const run = runs[index]!;
  expect(run.stderr, `seed${index}`).toBe(`status ${status}\n`);
  expect(run.stdout, `seed${index}`).toBe("");
  expect(run.code).toBe(0);
  const sent = byPath(`/ex${index}/`);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

const PLEX_HEADERS = ["x-plex-client-identifier", "x-plex-product", "x-plex-version", "x-plex-platform", "x-plex-device"];

/** The X-Plex-* headers of a request: the examples set only the client identifier. */
function plexHeaders(request: RecordedRequest): Record<string, string[]> {
  return Object.fromEntries(PLEX_HEADERS.map((h) => [h, headerValues(request, h)]));
}
const CLIENT_ONLY = {
  "x-plex-client-identifier": ["gcgzw5rz2xovp84b4vha3a40"], "x-plex-product": [], "x-plex-version": [], "x-plex-platform": [], "x-plex-device": [],
};

describe("the Go seed's examples, run verbatim but for the module path and the server", () => {
  it("finds the seed's four examples", () => {
    expect(examples).toHaveLength(4);
    expect(examples.map((e) => /s\.Authentication\.(\w+)\(/.exec(e)?.[1])).toEqual([
      "GetTransientToken", "GetSourceConnectionInformation", "GetTokenDetails", "PostUsersSignInData",
    ]);
  });

  it("build, and go vet finds nothing", () => {
    expect(vet).toBe("");
  });

  it("GetTransientToken sends the query, the token and the client identifier", () => {
    const request = ran(0, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex0/security/token", "type=delegation&scope=all"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual(CLIENT_ONLY);
    expect(request.body).toBe("");
  });

  it("GetSourceConnectionInformation percent-encodes the source", () => {
    const request = ran(1, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex1/security/resources", "source=server%3A%2F%2Fclient-identifier"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual(CLIENT_ONLY);
    expect(request.body).toBe("");
  });

  it("GetTokenDetails sends the token to its per-call server URL and decodes the account", () => {
    const request = ran(2, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex2/user", ""]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual(CLIENT_ONLY);
  });

  it("PostUsersSignInData sends the form body byte for byte, the client identifier once, and no token", () => {
    const request = ran(3, 201);
    expect([request.method, request.path, request.rawQuery]).toEqual(["POST", "/ex3/users/signin", ""]);
    expect(request.body).toBe("login=username%40email.com&password=password123&verificationCode=123456");
    expect(headerValues(request, "content-type").map((v) => v.split(";")[0])).toEqual(["application/x-www-form-urlencoded"]);
    expect(plexHeaders(request)).toEqual(CLIENT_ONLY);
    expect(headerValues(request, "x-plex-token")).toEqual([]);
  });

  it("adapt() changes only the module path and the server (negative control)", () => {
    const example = `package main\n\nimport(\n\t"${SEED_MODULE}"\n\t"context"\n)\n\nfunc main() {\n    s := plexgo.New(\n    )\n`
      + "    res, err := s.Authentication.GetTokenDetails(ctx)\n}";
    expect(adapt(example, "http://h/x")).toBe(
      `package main\n\nimport(\n${OPERATIONS_IMPORT}\n\t"${OUR_MODULE}"\n\t"context"\n)\n\nfunc main() {\n    s := plexgo.New(\n        plexgo.WithServerURL("http://h/x"),\n    )\n`
      + '    res, err := s.Authentication.GetTokenDetails(ctx, operations.WithServerURL("http://h/x"))\n    println("status", res.StatusCode)\n}\n',
    );
    const signIn = adapt('import(\n\t"github.com/LukeHagar/plexgo/models/operations"\n)\ns := plexgo.New(\n)\ns.Authentication.PostUsersSignInData(ctx, plexgo.String("a)"), &operations.B{\n    X: f(1),\n})\n}', "u");
    expect(signIn).toContain('PostUsersSignInData(ctx, plexgo.String("a)"), &operations.B{\n    X: f(1),\n}, operations.WithServerURL("u"))');
    expect(signIn.match(/models\/operations/g)).toHaveLength(1);
    expect(seedExamples("x\npackage main\nfunc main() {\n    if a {\n    }\n}\nParameters\n}\n")).toEqual(["package main\nfunc main() {\n    if a {\n    }\n}"]);
  });
});
