// The Go SDK against a node:http server: redirects, custom clients, input checks, secrets in errors.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { userPlexAccountJSON } from "../helpers/plex-fixtures.ts";
import { HANG, json, startServer, type TestServer } from "../helpers/server.ts";
import { readFile } from "node:fs/promises";
import { clientModule, go, GENERATED_GO } from "./go-helpers.ts";

let binary = "";
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  const dir = await clientModule(GENERATED_GO, { "main.go": await readFile(path.join(REPO_ROOT, "test/go/e2e/main.go"), "utf8") }, "e2e");
  binary = path.join(dir, "e2e");
  await go(["build", "-o", binary, "."], dir);
  [a, b] = await Promise.all([startServer(), startServer()]);
}, 300_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

beforeEach(() => {
  a.reset();
  b.reset();
});

async function runCase(name: string): Promise<Record<string, unknown>> {
  const { stdout } = await go([name, a.base], REPO_ROOT, binary);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("Go SDK end to end", () => {
  it("drops the token on a redirect to another origin and keeps the other headers", async () => {
    a.reply({ status: 307, headers: { location: `${b.base}/elsewhere` } });
    b.reply(json(200, userPlexAccountJSON()));
    expect(await runCase("redirect")).toMatchObject({ status: 200 });
    expect(a.requests[0]!.headers["x-plex-token"]).toBe("secret-token-123");
    expect(b.requests[0]!.path).toBe("/elsewhere");
    expect(b.requests[0]!.headers["x-plex-token"]).toBeUndefined();
    expect(b.requests[0]!.headers["x-plex-client-identifier"]).toBe("e2e-client");
  });

  it("keeps the token on a same-origin redirect", async () => {
    a.reply({ status: 302, headers: { location: "/moved" } }, json(200, userPlexAccountJSON()));
    expect(await runCase("redirect")).toMatchObject({ status: 200 });
    expect(a.requests.map((r) => r.path)).toEqual(["/user", "/moved"]);
    expect(a.requests[1]!.headers["x-plex-token"]).toBe("secret-token-123");
  });

  it("turns a POST into a GET without body on 303, and sends per-call globals", async () => {
    a.reply({ status: 303, headers: { location: "/done" } }, json(201, { ...userPlexAccountJSON(), pastSubscriptions: [], trials: [] }));
    expect(await runCase("sign-in")).toMatchObject({ status: 201 });
    expect(a.requests[0]!.method).toBe("POST");
    expect(a.requests[0]!.body).toBe("login=a%40b.c&password=pw");
    // The per-call value replaces the client's (the sign-in declares only this header: spec/sign-in-client-id-only.overlay.yaml).
    expect(a.requests[0]!.headers["x-plex-client-identifier"]).toBe("per-call client");
    expect(a.requests[0]!.headers["x-plex-token"]).toBeUndefined();
    expect(a.requests[1]!.method).toBe("GET");
    expect(a.requests[1]!.body).toBe("");
    expect(a.requests[1]!.headers["content-type"]).toBeUndefined();
  });

  it("sends through a custom client given with WithClient", async () => {
    a.reply(json(200, userPlexAccountJSON()));
    expect(await runCase("custom-client")).toMatchObject({ status: 200, count: 1 });
  });

  it("rejects a closed enum value before sending", async () => {
    expect(await runCase("closed-enum")).toMatchObject({ type: "SDKValidationError" });
    expect(a.requests).toHaveLength(0);
  });

  it("keeps the token out of error messages, even when the body echoes it", async () => {
    a.reply({ status: 500, headers: { "content-type": "application/json" }, body: JSON.stringify({ authToken: "secret-token-123" }) });
    const result = await runCase("redirect");
    expect(result).toMatchObject({ type: "SDKError" });
    expect(String(result["message"])).not.toContain("secret-token-123");
    a.reply(json(200, { ...userPlexAccountJSON(), id: "secret-token-123" }));
    const invalid = await runCase("redirect");
    expect(invalid).toMatchObject({ type: "ResponseValidationError" });
    expect(String(invalid["message"])).toContain("$.id");
    expect(String(invalid["message"])).not.toContain("secret-token-123");
  });

  it("reports a timeout as RequestTimeoutError that is also context.DeadlineExceeded", async () => {
    a.reply(HANG);
    expect(await runCase("timeout")).toMatchObject({ type: "RequestTimeoutError", isDeadline: true });
  });
});
