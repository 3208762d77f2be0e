// Hooks of the generated Python SDK (client option `hooks=`), sync and async, against a local
// server: the order they run in, replacing the request and the response, after_error on a 500
// and on a connection failure, and every retry attempt seen.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerValues, json, startServer, type TestServer } from "../helpers/server.ts";
import { runScript } from "./helpers.ts";

let server: TestServer;
let closedPort: string;
beforeAll(async () => {
  server = await startServer();
  const gone = await startServer();
  closedPort = gone.base;
  await gone.close();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

/** A script with a client whose hooks log what they see to `seen`, printed as JSON at the end. */
function script(body: string, clientExtra = ""): string {
  return `
import asyncio, json, sys
import httpx
from plex_api_client import PlexAPI, RetryConfig, BackoffStrategy
from plex_api_client.models import errors, operations
from plex_api_client.utils import HookContext, SDKHooks
from plex_api_client.utils.errors import ConnectionError

seen = []

class Tracing(SDKHooks):
    def before_request(self, ctx, request):
        seen.append(["before", ctx.operation_id, ctx.attempt, ctx.base_url])
        request.headers["x-hooked"] = f"attempt-{ctx.attempt}"
        return request

    def after_success(self, ctx, response):
        seen.append(["success", ctx.attempt, response.status_code])
        return None

    def after_error(self, ctx, response, error):
        seen.append(["error", ctx.attempt, None if response is None else response.status_code, type(error).__name__])
        return None

class Second(SDKHooks):
    def before_request(self, ctx, request):
        seen.append(["second", request.headers.get("x-hooked")])
        return None

URL = ${JSON.stringify(server.base)}
s = PlexAPI(access_token="tok", client_id="cid", server_url=URL, hooks=[Tracing(), Second()]${clientExtra})
${body}
print(json.dumps(seen))
`;
}

async function run(code: string): Promise<{ out: string[]; seen: unknown[] }> {
  const result = await runScript(code);
  expect(result.stderr).toBe("");
  const lines = result.stdout.trim().split("\n");
  return { out: lines.slice(0, -1), seen: JSON.parse(lines[lines.length - 1]!) as unknown[] };
}

const TOKEN = { authToken: "t" };

describe("Python SDK hooks", () => {
  it("before_request hooks run in order and the header one adds arrives; after_success sees the 2xx", async () => {
    server.reply(json(200, TOKEN));
    const { seen } = await run(script(`s.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)`));
    expect(headerValues(server.requests[0]!, "x-hooked")).toEqual(["attempt-1"]);
    expect(seen).toEqual([["before", "getTransientToken", 1, server.base], ["second", "attempt-1"], ["success", 1, 200]]);
  }, 60_000);

  it("after_success can replace the response, which is then decoded", async () => {
    server.reply(json(200, {}, { "x-from": "server" }));
    const { out } = await run(script(`
class Replace(SDKHooks):
    def after_success(self, ctx, response):
        assert response.headers["x-from"] == "server"
        return httpx.Response(200, headers={"x-from": "hook"})
s2 = PlexAPI(access_token="tok", client_id="cid", server_url=URL, hooks=Replace())
res = s2.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
print(res.status_code, res.headers["x-from"], res.raw_response.headers["x-from"])`));
    expect(server.requests).toHaveLength(1);
    expect(out).toEqual(["200 ['hook'] hook"]);
  }, 60_000);

  it("after_error sees a 500 and a connection failure, and can answer for the server or raise its own error; a hook's exception ends the call as it is", async () => {
    server.reply(json(500, { errors: [] }), json(500, { errors: [] }));
    const { out, seen } = await run(script(`
try:
    s.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
except errors.SDKError as e:
    print("raised", type(e).__name__, e.status_code)
try:
    s.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL, server_url=${JSON.stringify(closedPort)})
except ConnectionError as e:
    print("raised", type(e).__name__)

class Answer(SDKHooks):
    def after_error(self, ctx, response, error):
        if response is None:
            return httpx.Response(200, headers={"x-from": "hook"}), None
        return None, KeyError("mine")
s2 = PlexAPI(access_token="tok", client_id="cid", server_url=${JSON.stringify(closedPort)}, hooks=Answer())
print("answered", s2.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL).headers["x-from"])
try:
    s2.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL, server_url=URL)
except KeyError as e:
    print("own error", e)

class Refuse(SDKHooks):
    def before_request(self, ctx, request):
        raise PermissionError("not now")
s3 = PlexAPI(access_token="tok", client_id="cid", server_url=URL, hooks=Refuse())
try:
    s3.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
except PermissionError as e:
    print("hook raised", e)`));
    expect(out[0]).toMatch(/^raised \w+ 500$/);
    expect(out.slice(1)).toEqual(["raised ConnectionError", "answered ['hook']", "own error 'mine'", "hook raised not now"]);
    expect(seen).toContainEqual(["error", 1, 500, "NoneType"]);
    expect(seen).toContainEqual(["error", 1, null, "ConnectionError"]);
  }, 60_000);

  it("hooks run on every retry attempt, sync and async", async () => {
    const retry = ", retry_config=RetryConfig('backoff', BackoffStrategy(10, 20, 1.5, 5000), True)";
    server.reply(json(503, {}), json(503, {}), json(200, TOKEN), json(503, {}), json(200, TOKEN));
    const { seen } = await run(script(`
s.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
seen.append("async")
async def main():
    await s.authentication.get_transient_token_async(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
asyncio.run(main())`, retry));
    expect(server.requests.map((r) => headerValues(r, "x-hooked")[0])).toEqual(["attempt-1", "attempt-2", "attempt-3", "attempt-1", "attempt-2"]);
    const kinds = seen.map((e) => (Array.isArray(e) ? `${String(e[0])}${e[0] === "second" ? "" : `:${String(e[e[0] === "before" ? 2 : 1])}`}` : e));
    expect(kinds).toEqual([
      "before:1", "second", "error:1", "before:2", "second", "error:2", "before:3", "second", "success:3",
      "async", "before:1", "second", "error:1", "before:2", "second", "success:2",
    ]);
  }, 60_000);
});

describe("Python SDK async hooks", () => {
  it("an async def hook is awaited in the async methods, and refused by the sync ones", async () => {
    server.reply(json(200, TOKEN));
    const { out } = await run(script(`
class Slow(SDKHooks):
    async def before_request(self, ctx, request):
        await asyncio.sleep(0.01)
        request.headers["x-async"] = "yes"
        return request
s2 = PlexAPI(access_token="tok", client_id="cid", server_url=URL, hooks=Slow())
async def main():
    res = await s2.authentication.get_transient_token_async(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
    print("async", res.status_code)
asyncio.run(main())
try:
    s2.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
except TypeError as e:
    print("sync", e)`));
    expect(out).toEqual(["async 200", "sync an async hook cannot run in a sync call; call the _async method"]);
    expect(server.requests).toHaveLength(1);
    expect(headerValues(server.requests[0]!, "x-async")).toEqual(["yes"]);
  }, 60_000);
});
