// Hooks of the generated Go SDK (plexgo.WithHooks) against a local server: the order they run
// in, the header a BeforeRequest hook adds arriving, AfterSuccess replacing the response,
// AfterError seeing a 500 and a connection failure (and answering for the server, or ending the
// call with its own error), and every retry attempt seen. The program is test/go/hooks/main.go.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { headerValues, json, startServer, type TestServer } from "../helpers/server.ts";
import { clientModule, go, GENERATED_GO } from "./go-helpers.ts";

let binary = "";
let server: TestServer;
let closed = "";

beforeAll(async () => {
  const dir = await clientModule(GENERATED_GO, { "main.go": await readFile(path.join(REPO_ROOT, "test/go/hooks/main.go"), "utf8") }, "hooks");
  binary = path.join(dir, "hooks");
  await go(["build", "-o", binary, "."], dir);
  server = await startServer();
  const gone = await startServer();
  closed = gone.base;
  await gone.close();
}, 300_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => server.reset());

async function runCase(name: string): Promise<{ seen: string[] | null; status?: number; from?: string; type?: string; mine?: boolean }> {
  const { stdout } = await go([name, server.base, closed], REPO_ROOT, binary);
  return JSON.parse(stdout) as { seen: string[] | null };
}

describe("Go SDK hooks", () => {
  it("BeforeRequest hooks run in order and the header one sets arrives; AfterSuccess sees the 2xx", async () => {
    server.reply(json(200, {}));
    const result = await runCase("order");
    expect(headerValues(server.requests[0]!, "x-hooked")).toEqual(["attempt-1"]);
    expect(result).toMatchObject({ status: 200, seen: [`before:getTransientToken:1:${server.base}`, "second:attempt-1", "success:1:200"] });
  });

  it("AfterSuccess can replace the response", async () => {
    server.reply(json(200, { from: "server" }));
    expect(await runCase("replace-success")).toMatchObject({ status: 200, from: "hook", seen: ['server-body:{"from":"server"}'] });
    expect(server.requests).toHaveLength(1);
  });

  it("AfterError sees a 500 (no error) and a connection failure (no response)", async () => {
    server.reply(json(500, {}));
    expect(await runCase("status-500")).toMatchObject({ type: "SDKError", seen: expect.arrayContaining(["error:1:500:nil"]) });
    expect(await runCase("connection")).toMatchObject({ type: "ConnectionError", seen: expect.arrayContaining(["error:1:0:ConnectionError"]) });
  });

  it("AfterError can answer for an unreachable server, or end the call with its own error", async () => {
    expect(await runCase("answer-failure")).toMatchObject({ status: 200, from: "hook" });
    server.reply(json(500, {}));
    expect(await runCase("own-error")).toMatchObject({ mine: true });
  });

  it("hooks run on every retry attempt", async () => {
    server.reply(json(503, {}), json(503, {}), json(200, {}));
    const result = await runCase("retries");
    expect(server.requests.map((r) => headerValues(r, "x-hooked")[0])).toEqual(["attempt-1", "attempt-2", "attempt-3"]);
    expect(result.seen!.filter((s) => !s.startsWith("second")).map((s) => s.replace(/^before:getTransientToken:(\d):.*$/, "before:$1"))).toEqual([
      "before:1", "error:1:503:nil", "before:2", "error:2:503:nil", "before:3", "success:3:200",
    ]);
    expect(result.status).toBe(200);
  });
});
