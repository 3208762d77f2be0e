// Binary bodies in the Python target (test/fixtures/features/downloads.yaml and uploads.yaml):
// application/octet-stream and image/png bodies are bytes, sent and returned byte for byte;
// text/plain stays a str. Real requests against a node:http server on 127.0.0.1.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { startServer, type TestServer } from "../helpers/server.ts";
import { runPython, runScript, writeTree, mypyStrict } from "./helpers.ts";

/** Every byte value, twice: no decoding or re-encoding can leave it as it is. */
const ALL_BYTES = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), ...Array.from({ length: 256 }, (_, i) => 255 - i)]);

let server: TestServer;
const roots: string[] = [];
const src = new Map<string, string>();

async function generatePackage(feature: string): Promise<void> {
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, `${feature}.yaml`), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = { python: { packageName: `${feature}_sdk`, packageVersion: "0.1.0" } };
  const root = await writeTree((await generate(config)).files, "python/");
  roots.push(root);
  src.set(feature, path.join(root, "src"));
}

beforeAll(async () => {
  server = await startServer();
  await generatePackage("downloads");
  await generatePackage("uploads");
}, 60_000);

beforeEach(() => server.reset());

afterAll(async () => {
  await server.close();
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function py(feature: string, code: string): Promise<string> {
  const result = await runScript(`from ${feature}_sdk import Api\ns = Api(server_url=${JSON.stringify(server.base)})\n${code}`, {}, src.get(feature));
  expect(result.stderr).toBe("");
  return result.stdout.trim();
}

describe("binary bodies in the Python SDK", () => {
  it("are typed as bytes, black-formatted and pass mypy --strict", async () => {
    for (const feature of ["downloads", "uploads"]) {
      const dir = src.get(feature)!;
      const black = await runPython(["-m", "black", "--check", "--diff", "-q", dir]);
      expect(black.stdout + black.stderr, feature).toBe("");
      const mypy = await mypyStrict(["-p", `${feature}_sdk`], { cwd: dir, env: { PYTHONPATH: dir } });
      expect(mypy.stdout + mypy.stderr, feature).toContain("Success");
    }
  }, 180_000);

  it("returns a binary download byte for byte, and a text download as str", async () => {
    server.reply(
      { status: 200, headers: { "content-type": "application/octet-stream" }, body: ALL_BYTES },
      { status: 200, headers: { "content-type": "image/png" }, body: ALL_BYTES.subarray(0, 8) },
      { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "héllo" },
    );
    const out = await py("downloads", [
      "body = s.download_file(name='a b').body",
      "print(type(body).__name__, len(body), body.hex())",
      "png = s.get_avatar()",
      "print([type(v).__name__ for k, v in vars(png).items() if k not in ('status_code', 'content_type', 'headers', 'raw_response')])",
      "motd = s.get_message_of_the_day()",
      "print([v for k, v in vars(motd).items() if k not in ('status_code', 'content_type', 'headers', 'raw_response')])",
    ].join("\n"));
    expect(out.split("\n")).toEqual([`bytes 512 ${ALL_BYTES.toString("hex")}`, "['bytes']", "['héllo']"]);
    expect(server.requests.map((r) => r.path)).toEqual(["/files/a%20b", "/avatar.png", "/motd"]);
  });

  it("sends a binary upload byte for byte, with its content type", async () => {
    server.reply({ status: 204 }, { status: 204 });
    await py("uploads", [
      `data = bytes.fromhex(${JSON.stringify(ALL_BYTES.toString("hex"))})`,
      "s.put_blob({'name': 'blob', 'request_body': data})",
      "s.put_blob({'name': 'text', 'request_body': bytearray(b'\\x00\\xff')})",
    ].join("\n"));
    const [first, second] = server.requests;
    expect(first!.method).toBe("PUT");
    expect(first!.path).toBe("/blobs/blob");
    expect(first!.headers["content-type"]).toBe("application/octet-stream");
    expect(Buffer.from(first!.body, "latin1").equals(ALL_BYTES)).toBe(true);
    expect(Buffer.from(second!.body, "latin1").equals(Buffer.from([0, 255]))).toBe(true);
  });

  it("refuses an upload that is not binary data before sending", async () => {
    const out = await py("uploads", [
      "try:",
      "    s.put_blob({'name': 'n', 'request_body': 12})",
      "except Exception as e:",
      "    print(type(e).__name__, getattr(e, 'path', ''))",
    ].join("\n"));
    expect(out).toBe("SDKValidationError body");
    expect(server.requests).toHaveLength(0);
  });
});
