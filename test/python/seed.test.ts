// The Python seed's examples (test/fixtures/seeds/plexpython-authentication.md), extracted and run against
// the committed SDK (generated/python/src, package `plex_api_client` as in the seed: no import changes) with
// only a `server_url=` client option pointing the client at a local server, and for the operations with a
// server of their own (get_token_details, post_users_sign_in_data: https://plex.tv/api/v2, which the client's
// server_url does not replace) the per-call `server_url=` argument too. The five client options the seed sets
// are the target's overlay names (spec/sdkgen.yaml). The examples also pass mypy --strict.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { plexAuthAnswer } from "../helpers/plex-fixtures.ts";
import { headerValues, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { PY_SRC, runPython, type PyResult, mypyStrict } from "./helpers.ts";

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/plexpython-authentication.md");
/** Operations with a server of their own (https://plex.tv/api/v2), which the client's server URL does not replace. */
const OWN_SERVER = ["get_token_details", "post_users_sign_in_data"];

/**
 * Every "Example Usage" program of the seed: from `from plex_api_client import PlexAPI` to the `pass` of its
 * closing `if`. The copy lost the code blocks' indentation; Python needs it back in one place only, the body
 * of that `if` (everything else is inside brackets), so the lines after the `if ...:` get four spaces.
 */
export function seedExamples(markdown: string): string[] {
  const examples: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "from plex_api_client import PlexAPI") continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === "pass");
    const opening = lines.findIndex((l, j) => j > i && j < end && /^if .*:$/.test(l));
    if (end < 0 || opening < 0) throw new Error(`the example on line ${i + 1} has no closing if`);
    examples.push([...lines.slice(i, opening + 1), ...lines.slice(opening + 1, end + 1).map((l) => `    ${l.trim()}`)].join("\n"));
    i = end;
  }
  return examples;
}

/**
 * An example as it runs here: `server_url=` as the client's first option, and for an operation with its own
 * server as the call's first argument too; then a line that says what happened, for the test.
 */
export function adapt(example: string, serverURL: string): string {
  const url = JSON.stringify(serverURL);
  let code = example.replace("= PlexAPI(\n", `= PlexAPI(\nserver_url=${url},\n`);
  if (code === example) throw new Error("the example constructs no PlexAPI(...)");
  for (const operation of OWN_SERVER) {
    code = code.includes(`.${operation}()`)
      ? code.replace(`.${operation}()`, `.${operation}(server_url=${url})`)
      : code.replace(`.${operation}(`, `.${operation}(\nserver_url=${url}, `);
  }
  return `${code}\nprint("status", res.status_code)\n`;
}

let server: TestServer;
let examples: string[];
const runs: PyResult[] = [];
let mypy: PyResult;
let dir = "";
const byPath = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix));

beforeAll(async () => {
  examples = seedExamples(await readFile(SEED, "utf8"));
  dir = await mkdtemp(path.join(tmpdir(), "sdkgen-py-seed-"));
  server = await startServer();
  const answer = plexAuthAnswer();
  server.reply(...Array.from({ length: 20 }, () => answer));
  const files: string[] = [];
  for (const [i, example] of examples.entries()) {
    const file = path.join(dir, `seed${i}.py`);
    await writeFile(file, adapt(example, `${server.base}/ex${i}`));
    files.push(file);
    runs.push(await runPython([file], { cwd: dir, env: { PYTHONPATH: PY_SRC } }));
  }
  mypy = await mypyStrict(files, { cwd: dir, env: { MYPYPATH: PY_SRC } });
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What the seed's client options send, under the X-Plex-* names the spec gives them. */
const PLEX_HEADERS = {
  "x-plex-client-identifier": ["3381b62b-9ab7-4e37-827b-203e9809eb58"], "x-plex-product": ["Plex for Roku"],
  "x-plex-version": ["2.4.1"], "x-plex-platform": ["Roku"], "x-plex-device": ["Roku 3"],
};

function plexHeaders(request: RecordedRequest): Record<string, string[]> {
  return Object.fromEntries(Object.keys(PLEX_HEADERS).map((h) => [h, headerValues(request, h)]));
}

/** The example ran, printed its status and nothing else, and sent exactly one request. */
function ran(index: number, status: number): RecordedRequest {
  const run = runs[index]!;
  expect(run.stderr, `seed${index}`).toBe("");
  expect(run.stdout, `seed${index}`).toBe(`status ${status}\n`);
  expect(run.code).toBe(0);
  const sent = byPath(`/ex${index}/`);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe("the Python seed's examples, run verbatim but for the server (and the if's lost indentation)", () => {
  it("finds the seed's four examples", () => {
    expect(examples).toHaveLength(4);
    expect(examples.map((e) => /s\.authentication\.(\w+)\(/.exec(e)?.[1])).toEqual([
      "get_transient_token", "get_source_connection_information", "get_token_details", "post_users_sign_in_data",
    ]);
    for (const e of examples) expect(e.endsWith("\n    # handle response\n    pass")).toBe(true);
  });

  it("pass mypy --strict", () => {
    expect(mypy.stdout + mypy.stderr).toContain("Success");
  });

  it("get_transient_token sends the query, the token and all five client options", () => {
    const request = ran(0, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex0/security/token", "type=delegation&scope=all"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual(PLEX_HEADERS);
    expect(request.body).toBe("");
  });

  it("get_source_connection_information percent-encodes the source", () => {
    const request = ran(1, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex1/security/resources", "source=provider%3A%2F%2Fprovider-identifier"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual(PLEX_HEADERS);
    expect(request.body).toBe("");
  });

  it("get_token_details sends the token to its per-call server URL and decodes the account", () => {
    const request = ran(2, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex2/user", ""]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(plexHeaders(request)).toEqual(PLEX_HEADERS);
  });

  it("post_users_sign_in_data sends the form body byte for byte, every client option, and no token", () => {
    const request = ran(3, 201);
    expect([request.method, request.path, request.rawQuery]).toEqual(["POST", "/ex3/users/signin", ""]);
    expect(request.body).toBe("login=username%40email.com&password=password123&verificationCode=123456");
    expect(headerValues(request, "content-type").map((v) => v.split(";")[0])).toEqual(["application/x-www-form-urlencoded"]);
    expect(plexHeaders(request)).toEqual(PLEX_HEADERS);
    expect(headerValues(request, "x-plex-token")).toEqual([]);
  });

  it("adapt() adds only the server, and seedExamples() only the if's indentation (negative control)", () => {
    const example = "from plex_api_client import PlexAPI\ns = PlexAPI(\naccess_token=\"t\",\n)\nres = s.authentication.get_token_details()\nif res is not None:\n    pass";
    expect(adapt(example, "http://h/x")).toBe(
      "from plex_api_client import PlexAPI\ns = PlexAPI(\nserver_url=\"http://h/x\",\naccess_token=\"t\",\n)\n"
      + "res = s.authentication.get_token_details(server_url=\"http://h/x\")\nif res is not None:\n    pass\nprint(\"status\", res.status_code)\n",
    );
    expect(adapt("s = PlexAPI(\n)\nres = s.authentication.post_users_sign_in_data(request={\n})", "u")).toContain(
      "post_users_sign_in_data(\nserver_url=\"u\", request={",
    );
    expect(adapt("s = PlexAPI(\n)\nres = s.authentication.get_transient_token(scope=1)", "u")).toContain("get_transient_token(scope=1)");
    expect(seedExamples("x\nfrom plex_api_client import PlexAPI\na = (\n1)\nif a:\n# c\npass\nParameters\n")).toEqual([
      "from plex_api_client import PlexAPI\na = (\n1)\nif a:\n    # c\n    pass",
    ]);
  });
});
