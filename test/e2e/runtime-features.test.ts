// End-to-end tests of the generated SDK's runtime features (retries, Retry-After, connection errors, timeouts,
// hooks, the redacting debug logger, credentials, enums, response validation, standalone functions) against a
// real HTTP server on 127.0.0.1. Timing bounds are generous on purpose: the lower bounds prove a wait happened,
// the upper bounds only catch waits that are far too long.
import { createServer, type Server } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { PlexAPI, PlexAPICore, type SDKOptions } from "../../generated/typescript/src/index.ts";
import { authenticationGetTokenDetails } from "../../generated/typescript/src/funcs/authenticationGetTokenDetails.ts";
import { authenticationGetTransientToken } from "../../generated/typescript/src/funcs/authenticationGetTransientToken.ts";
import type { HookContext, SDKHooks } from "../../generated/typescript/src/lib/hooks.ts";
import { $object, $req, $string, $union, validate, type Schema } from "../../generated/typescript/src/lib/schema.ts";
import type * as components from "../../generated/typescript/src/models/components/index.ts";
import * as errors from "../../generated/typescript/src/models/errors/index.ts";
import { GetTransientTokenQueryParamType, Scope } from "../../generated/typescript/src/models/operations/index.ts";
import { userPlexAccount, userPlexAccountJSON } from "../helpers/plex-fixtures.ts";
import { HANG, headerValues, json, startServer, type Script, type ScriptedResponse, type TestServer } from "../helpers/server.ts";
import { instance, rejection, settleWithin, waitUntil } from "../helpers/async.ts";

const TOKEN = "tok-SECRET-123";
const UNAUTHORIZED = { errors: [{ code: 1001, message: "User could not be authenticated", status: 401 }] };
const BOGUS_TYPE = "bogus" as unknown as GetTransientTokenQueryParamType;

/** Every describe block is bounded: a hang fails the test quickly instead of stalling the run. */
const BOUNDED = { timeout: 20_000 };

// ---------------------------------------------------------------------------------------------------------------
// Helpers

let server: TestServer;
/** performance.now() at which each request reached the server, for replies made with `at`. */
let arrivals: number[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
  arrivals = [];
});

/** A reply that also records when its request arrived. */
function at(reply: ScriptedResponse | ((now: number) => ScriptedResponse)): Script {
  return () => {
    const now = performance.now();
    arrivals.push(now);
    return typeof reply === "function" ? reply(now) : reply;
  };
}

/** Milliseconds between consecutive request arrivals. */
function gaps(): number[] {
  return arrivals.slice(1).map((t, i) => t - arrivals[i]!);
}

const status = (code: number, headers: Record<string, string> = {}): ScriptedResponse => ({ status: code, headers, body: "" });

function client(options: SDKOptions = {}): PlexAPI {
  return new PlexAPI({ serverURL: server.base, accessToken: TOKEN, ...options });
}

function transientToken(sdk: PlexAPI, options: Parameters<PlexAPI["authentication"]["getTransientToken"]>[2] = {}) {
  return sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, options);
}

/** The base URL of a port nothing listens on. */
async function closedBase(): Promise<{ base: string; port: number }> {
  const s = await startServer();
  await s.close();
  return { base: s.base, port: s.port };
}

/** A fetcher that counts the requests it is given and hands them to the global fetch. */
function countingFetcher(): { fetcher: (request: Request) => Promise<Response>; readonly count: number } {
  let count = 0;
  return {
    fetcher: (request) => {
      count += 1;
      return fetch(request);
    },
    get count() {
      return count;
    },
  };
}

/** A server on a given port that answers 200 to everything. */
async function listenOn(port: number, seen: string[]): Promise<Server> {
  const late = createServer((req, res) => {
    seen.push(req.url ?? "");
    req.resume();
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("up");
  });
  await new Promise<void>((resolve, reject) => {
    late.once("error", reject);
    late.listen(port, "127.0.0.1", () => resolve());
  });
  return late;
}

/** A server on a free port that answers every request with these exact bytes. */
async function serveBytes(bytes: Buffer, contentType: string): Promise<{ base: string; server: Server }> {
  const raw = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": contentType, "content-length": String(bytes.length) });
    res.end(bytes);
  });
  await new Promise<void>((resolve, reject) => {
    raw.once("error", reject);
    raw.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = raw.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, server: raw };
}

async function closeServer(s: Server | undefined): Promise<void> {
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

const backoff = (b: { initialInterval: number; maxInterval: number; exponent: number; maxElapsedTime: number }, retryConnectionErrors?: boolean) =>
  ({ strategy: "backoff", backoff: b, ...(retryConnectionErrors === undefined ? {} : { retryConnectionErrors }) }) as const;

const FAST = backoff({ initialInterval: 5, maxInterval: 20, exponent: 1, maxElapsedTime: 5000 });

// ---------------------------------------------------------------------------------------------------------------

describe("1. retries", BOUNDED, () => {
  it("backoff: 503, 503, 200 succeeds after exactly 3 requests with jittered, growing gaps", async () => {
    server.reply(at(status(503)), at(status(503)), at(status(200)));
    const sdk = client({ retryConfig: backoff({ initialInterval: 50, maxInterval: 400, exponent: 2, maxElapsedTime: 5000 }) });
    const result = await settleWithin(transientToken(sdk), 5000);

    expect(result.statusCode).toBe(200);
    expect(server.requests).toHaveLength(3);
    expect(arrivals).toHaveLength(3);
    const [gap1, gap2] = gaps() as [number, number];
    // Retry n waits between 0.5x and 1x of initialInterval * exponent^(n-1): [25, 50] then [50, 100].
    // 1 ms below the lower bound allows for timer/clock granularity.
    expect(gap1).toBeGreaterThanOrEqual(24);
    expect(gap1).toBeLessThanOrEqual(50 + 150);
    expect(gap2).toBeGreaterThanOrEqual(49);
    expect(gap2).toBeLessThanOrEqual(100 + 150);
  });

  // The jitter comes from Math.random: pinning it shows both ends of the [0.5x, 1x] range exactly.
  it.each([
    { random: 0, expected: [100, 200] },
    { random: 0.999_999, expected: [200, 400] },
  ])("with Math.random() = $random the waits are $expected ms (initialInterval 200, exponent 2)", async ({ random, expected }) => {
    const spy = vi.spyOn(Math, "random").mockReturnValue(random);
    try {
      server.reply(at(status(503)), at(status(503)), at(status(200)));
      const sdk = client({ retryConfig: backoff({ initialInterval: 200, maxInterval: 10_000, exponent: 2, maxElapsedTime: 10_000 }) });
      expect((await settleWithin(transientToken(sdk), 5000)).statusCode).toBe(200);
    } finally {
      spy.mockRestore();
    }
    const measured = gaps();
    expect(measured).toHaveLength(2);
    measured.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(expected[i]! - 1);
      expect(gap).toBeLessThan(expected[i]! + 90);
    });
  });

  it("without a retryConfig (strategy none) a 503 is not retried", async () => {
    server.reply(status(503), status(200));
    const e = instance(await rejection(transientToken(client())), errors.SDKError);
    expect(e.statusCode).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("per-call retries { strategy: 'none' } overrides the client's backoff", async () => {
    server.reply(status(503), status(200));
    const e = instance(await rejection(transientToken(client({ retryConfig: FAST }), { retries: { strategy: "none" } })), errors.SDKError);
    expect(e.statusCode).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("per-call retries with backoff apply when the client has none", async () => {
    server.reply(status(503), status(200));
    const result = await transientToken(client(), { retries: FAST });
    expect(result.statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("per-call retryCodes ['418'] retries a 418 and no longer retries a 503", async () => {
    const sdk = client({ retryConfig: FAST });
    server.reply(status(418), status(200));
    const ok = await transientToken(sdk, { retryCodes: ["418"] });
    expect(ok.statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);

    server.reset();
    server.reply(status(503), status(200));
    const e = instance(await rejection(transientToken(sdk, { retryCodes: ["418"] })), errors.SDKError);
    expect(e.statusCode).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("a range code '5XX' retries a 5xx status that is not among the defaults", async () => {
    const sdk = client({ retryConfig: FAST });
    server.reply(status(507), status(200));
    expect((await transientToken(sdk, { retryCodes: ["5XX"] })).statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);

    // Without the range, 507 is final.
    server.reset();
    server.reply(status(507), status(200));
    expect(instance(await rejection(transientToken(sdk)), errors.SDKError).statusCode).toBe(507);
    expect(server.requests).toHaveLength(1);
  });

  it.each([429, 500, 502, 503, 504])("%i is retried by the default codes", async (code) => {
    server.reply(status(code), status(200));
    expect((await transientToken(client({ retryConfig: FAST }))).statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it.each([501, 408, 404])("%i is not retried by the default codes", async (code) => {
    server.reply(status(code), status(200));
    expect(instance(await rejection(transientToken(client({ retryConfig: FAST }))), errors.SDKError).statusCode).toBe(code);
    expect(server.requests).toHaveLength(1);
  });

  it("when maxElapsedTime is spent the last response is returned", async () => {
    server.reply(...Array.from({ length: 50 }, () => at(status(503))));
    const sdk = client({ retryConfig: backoff({ initialInterval: 20, maxInterval: 400, exponent: 2, maxElapsedTime: 100 }) });
    const started = performance.now();
    const e = instance(await settleWithin(rejection(transientToken(sdk)), 3000), errors.SDKError);
    const elapsed = performance.now() - started;
    expect(e.statusCode).toBe(503);
    expect(elapsed).toBeLessThan(1000);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(5);
    // No retry starts after the budget: the last attempt began within 100 ms (+ scheduling slack) of the first.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeLessThanOrEqual(100 + 150);
  });

  it("a POST body is sent again, unchanged, on each retry", async () => {
    server.reply(status(503), json(201, { ...userPlexAccount(), pastSubscriptions: [], trials: [] }));
    const result = await client({ retryConfig: FAST }).authentication.postUsersSignInData(
      { requestBody: { login: "a@b.c", password: "pw" } },
      { serverURL: server.base },
    );
    expect(result.statusCode).toBe(201);
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((r) => r.body)).toEqual(["login=a%40b.c&password=pw", "login=a%40b.c&password=pw"]);
  });

  it("an AbortSignal aborted during the wait between attempts ends the call at once", async () => {
    server.reply(status(503, { "retry-after": "30" }), status(200));
    const controller = new AbortController();
    const pending = rejection(transientToken(client({ retryConfig: backoff({ initialInterval: 10, maxInterval: 60_000, exponent: 2, maxElapsedTime: 120_000 }) }), {
      signal: controller.signal,
    }));
    await waitUntil(() => server.requests.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = performance.now();
    controller.abort();
    const e = instance(await settleWithin(pending, 2000), errors.RequestAbortedError);
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(e.message).toBe("getTransientToken was aborted");
    expect(server.requests).toHaveLength(1);
  });
});

describe("2. Retry-After", BOUNDED, () => {
  const tinyBackoff = backoff({ initialInterval: 10, maxInterval: 60_000, exponent: 2, maxElapsedTime: 30_000 });

  it("Retry-After: 1 (seconds) makes the next attempt wait about 1000 ms despite a 10 ms initialInterval", async () => {
    server.reply(at(status(503, { "retry-after": "1" })), at(status(200)));
    const result = await settleWithin(transientToken(client({ retryConfig: tinyBackoff })), 5000);
    expect(result.statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);
    const [gap] = gaps() as [number];
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(gap).toBeLessThanOrEqual(1000 + 500);
  });

  it("an HTTP-date Retry-After is honoured", async () => {
    let expectedWait = Number.NaN;
    server.reply(
      at(() => {
        // HTTP dates have one-second granularity: the wait the date really asks for is computed from the header itself.
        const header = new Date(Date.now() + 2500).toUTCString();
        expectedWait = Date.parse(header) - Date.now(); // in (1500, 2500]
        return status(503, { "retry-after": header });
      }),
      at(status(200)),
    );
    const result = await settleWithin(transientToken(client({ retryConfig: tinyBackoff })), 6000);
    expect(result.statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(expectedWait).toBeGreaterThan(1400);
    const [gap] = gaps() as [number];
    expect(gap).toBeGreaterThanOrEqual(expectedWait - 50);
    expect(gap).toBeLessThanOrEqual(expectedWait + 500);
  });

  it("a Retry-After larger than maxInterval is capped at maxInterval", async () => {
    server.reply(at(status(503, { "retry-after": "30" })), at(status(200)));
    const sdk = client({ retryConfig: backoff({ initialInterval: 10, maxInterval: 200, exponent: 2, maxElapsedTime: 60_000 }) });
    const result = await settleWithin(transientToken(sdk), 5000);
    expect(result.statusCode).toBe(200);
    const [gap] = gaps() as [number];
    expect(gap).toBeGreaterThanOrEqual(190);
    expect(gap).toBeLessThan(600);
  });

  it("Retry-After on a 429 is honoured too", async () => {
    server.reply(at(status(429, { "retry-after": "1" })), at(status(200)));
    await settleWithin(transientToken(client({ retryConfig: tinyBackoff })), 5000);
    expect(gaps()[0]).toBeGreaterThanOrEqual(900);
  });

  it("a Retry-After that is not a number or a date is ignored: the backoff wait applies", async () => {
    server.reply(at(status(503, { "retry-after": "soon" })), at(status(200)));
    const sdk = client({ retryConfig: backoff({ initialInterval: 300, maxInterval: 300, exponent: 1, maxElapsedTime: 10_000 }) });
    await settleWithin(transientToken(sdk), 5000);
    const [gap] = gaps() as [number];
    expect(gap).toBeGreaterThanOrEqual(149);
    expect(gap).toBeLessThanOrEqual(300 + 300);
  });

  // Retry-After that is neither delta-seconds nor an HTTP date is ignored, so the backoff wait stands.
  for (const value of ["1.5", "-1"]) {
    it(`an invalid Retry-After "${value}" does not cut the backoff wait to zero`, async () => {
      server.reply(at(status(503, { "retry-after": value })), at(status(200)));
      const sdk = client({ retryConfig: backoff({ initialInterval: 300, maxInterval: 300, exponent: 1, maxElapsedTime: 10_000 }) });
      await settleWithin(transientToken(sdk), 5000);
      expect(server.requests).toHaveLength(2);
      expect(gaps()[0]).toBeGreaterThanOrEqual(149);
    });
  }
});

describe("3. connection errors", BOUNDED, () => {
  it("a closed port gives ConnectionError after exactly 1 attempt when retryConnectionErrors is not set", async () => {
    const closed = await closedBase();
    for (const retryConfig of [undefined, FAST]) {
      const counter = countingFetcher();
      const sdk = new PlexAPI({ serverURL: closed.base, accessToken: TOKEN, fetcher: counter.fetcher, retryConfig });
      const e = instance(await settleWithin(rejection(transientToken(sdk)), 5000), errors.ConnectionError);
      expect(e.message).toContain("ECONNREFUSED");
      expect(counter.count).toBe(1);
    }
  });

  it("with retryConnectionErrors: true a refused connection is retried until maxElapsedTime", async () => {
    const closed = await closedBase();
    const counter = countingFetcher();
    const attempts: number[] = [];
    const sdk = new PlexAPI({
      serverURL: closed.base,
      accessToken: TOKEN,
      fetcher: counter.fetcher,
      retryConfig: backoff({ initialInterval: 10, maxInterval: 20, exponent: 1, maxElapsedTime: 300 }, true),
      hooks: { beforeRequest: (ctx) => void attempts.push(ctx.attempt) },
    });
    const e = await settleWithin(rejection(transientToken(sdk)), 5000);
    expect(e).toBeInstanceOf(errors.ConnectionError);
    expect(counter.count).toBeGreaterThanOrEqual(3);
    expect(attempts).toEqual(Array.from({ length: counter.count }, (_, i) => i + 1));
  });

  it("a server that refuses the first attempt and then comes up on the same port: the retry succeeds", async () => {
    const { port, base } = await closedBase();
    const seen: string[] = [];
    let late: Server | undefined;
    const failures: unknown[] = [];
    try {
      const sdk = new PlexAPI({
        serverURL: base,
        accessToken: TOKEN,
        retryConfig: backoff({ initialInterval: 20, maxInterval: 50, exponent: 1, maxElapsedTime: 5000 }, true),
        hooks: {
          afterError: async (ctx, response, error) => {
            failures.push(error);
            expect(response).toBeNull();
            if (ctx.attempt === 1) late = await listenOn(port, seen);
          },
        },
      });
      const result = await settleWithin(transientToken(sdk), 5000);
      expect(result.statusCode).toBe(200);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toBeInstanceOf(errors.ConnectionError);
      expect(seen).toEqual(["/security/token?type=delegation&scope=all"]);
    } finally {
      await closeServer(late);
    }
  });

  it("a fetcher that fails once with TypeError('fetch failed') and then delegates: the retry reaches the server", async () => {
    let calls = 0;
    server.reply(status(200));
    const sdk = client({
      retryConfig: backoff({ initialInterval: 10, maxInterval: 20, exponent: 1, maxElapsedTime: 5000 }, true),
      fetcher: async (request) => {
        calls += 1;
        if (calls === 1) throw new TypeError("fetch failed");
        return fetch(request);
      },
    });
    expect((await transientToken(sdk)).statusCode).toBe(200);
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  it("the same failing fetcher without retryConnectionErrors gives ConnectionError and never reaches the server", async () => {
    let calls = 0;
    const sdk = client({
      retryConfig: FAST,
      fetcher: async (request) => {
        calls += 1;
        if (calls === 1) throw new TypeError("fetch failed");
        return fetch(request);
      },
    });
    const e = instance(await rejection(transientToken(sdk)), errors.ConnectionError);
    expect(e.message).toBe("getTransientToken: fetch failed");
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
  });
});

describe("4. timeouts", BOUNDED, () => {
  it("a hanging server with client timeoutMs 200 gives RequestTimeoutError within 200 ms + 300 ms", async () => {
    server.reply(HANG);
    const started = performance.now();
    const e = instance(await settleWithin(rejection(transientToken(client({ timeoutMs: 200 }))), 3000), errors.RequestTimeoutError);
    const elapsed = performance.now() - started;
    expect(e.message).toBe("getTransientToken timed out after 200 ms");
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThanOrEqual(200 + 300);
    expect(server.requests).toHaveLength(1);
  });

  it("a per-call timeoutMs shorter than the client's wins", async () => {
    server.reply(HANG);
    const started = performance.now();
    const e = instance(
      await settleWithin(rejection(transientToken(client({ timeoutMs: 10_000 }), { timeoutMs: 150 })), 3000),
      errors.RequestTimeoutError,
    );
    expect(e.message).toBe("getTransientToken timed out after 150 ms");
    expect(performance.now() - started).toBeLessThan(150 + 500);
  });

  it("a per-call timeoutMs longer than the client's wins", async () => {
    server.reply(status(200));
    const sdk = client({
      timeoutMs: 100,
      // Answers after 300 ms: past the client's timeout, within the call's.
      fetcher: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return fetch(request);
      },
    });
    expect((await settleWithin(transientToken(sdk, { timeoutMs: 3000 }), 5000)).statusCode).toBe(200);

    server.reset();
    server.reply(status(200));
    const e = instance(await settleWithin(rejection(transientToken(sdk)), 3000), errors.RequestTimeoutError);
    expect(e.message).toBe("getTransientToken timed out after 100 ms");
  });

  it("timeouts are not retried, even with retryConnectionErrors and a backoff policy", async () => {
    server.reply(HANG, status(200));
    const sdk = client({ timeoutMs: 150, retryConfig: backoff({ initialInterval: 5, maxInterval: 10, exponent: 1, maxElapsedTime: 5000 }, true) });
    const e = await settleWithin(rejection(transientToken(sdk)), 3000);
    expect(e).toBeInstanceOf(errors.RequestTimeoutError);
    expect(e).not.toBeInstanceOf(errors.ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it("the timeout still fires when a beforeRequest hook replaces the request with one without the SDK's signal", async () => {
    server.reply(HANG);
    const sdk = client({
      timeoutMs: 200,
      hooks: { beforeRequest: (_ctx, req) => new Request(req.url, { method: req.method, headers: req.headers }) },
    });
    expect(await settleWithin(rejection(transientToken(sdk)), 3000)).toBeInstanceOf(errors.RequestTimeoutError);
  });
});

describe("5. hooks", BOUNDED, () => {
  it("beforeRequest can replace the request: the server sees the added header", async () => {
    server.reply(status(200));
    const sdk = client({
      hooks: {
        beforeRequest: (_ctx, req) => {
          const headers = new Headers(req.headers);
          headers.set("x-hook", "1");
          return new Request(req, { headers });
        },
      },
    });
    await transientToken(sdk);
    expect(headerValues(server.requests[0]!, "x-hook")).toEqual(["1"]);
    expect(headerValues(server.requests[0]!, "x-plex-token")).toEqual([TOKEN]);
  });

  it("the context names the operation and the attempt number grows across retries", async () => {
    const contexts: Array<{ hook: string } & HookContext> = [];
    const statuses: number[] = [];
    server.reply(status(503), status(503), status(200));
    const sdk = client({
      retryConfig: FAST,
      hooks: {
        beforeRequest: (ctx) => void contexts.push({ hook: "before", ...ctx }),
        afterError: (ctx, response) => {
          contexts.push({ hook: "error", ...ctx });
          statuses.push(response?.status ?? -1);
        },
        afterSuccess: (ctx, response) => {
          contexts.push({ hook: "success", ...ctx });
          statuses.push(response.status);
        },
      },
    });
    await transientToken(sdk);
    const ctx = { operationId: "getTransientToken", baseURL: server.base };
    expect(contexts).toEqual([
      { hook: "before", ...ctx, attempt: 1 },
      { hook: "error", ...ctx, attempt: 1 },
      { hook: "before", ...ctx, attempt: 2 },
      { hook: "error", ...ctx, attempt: 2 },
      { hook: "before", ...ctx, attempt: 3 },
      { hook: "success", ...ctx, attempt: 3 },
    ]);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("afterSuccess observes the response and can replace it: the SDK parses the replacement", async () => {
    const original = userPlexAccount();
    const replaced = { ...userPlexAccount(), username: "replaced-by-hook", id: 7 };
    const observed: Array<{ status: number; username: unknown }> = [];
    server.reply(json(200, original));
    const sdk = client({
      hooks: {
        afterSuccess: async (_ctx, response) => {
          const body = (await response.clone().json()) as { username: unknown };
          observed.push({ status: response.status, username: body.username });
          return new Response(JSON.stringify(replaced), { status: 200, headers: { "content-type": "application/json" } });
        },
      },
    });
    const result = await sdk.authentication.getTokenDetails({ serverURL: server.base });
    expect(observed).toEqual([{ status: 200, username: original.username }]);
    expect(result.userPlexAccount).toEqual(replaced);
    expect(result.userPlexAccount.username).toBe("replaced-by-hook");
  });

  it("afterError sees the 401 response (and a null error); the call still rejects with the typed error", async () => {
    const seen: Array<{ status: number | undefined; error: unknown; body: unknown }> = [];
    server.reply(json(401, UNAUTHORIZED));
    const sdk = client({
      hooks: {
        afterError: async (ctx, response, error) => {
          seen.push({ status: response?.status, error, body: await response?.clone().json() });
          expect(ctx.operationId).toBe("getTokenDetails");
        },
      },
    });
    const e = instance(await rejection(sdk.authentication.getTokenDetails({ serverURL: server.base })), errors.GetTokenDetailsUnauthorized);
    expect(seen).toEqual([{ status: 401, error: null, body: UNAUTHORIZED }]);
    expect(e.statusCode).toBe(401);
    expect(e.body).toBe(JSON.stringify(UNAUTHORIZED));
  });

  it("afterError can turn a 401 into a success by returning a response", async () => {
    server.reply(json(401, UNAUTHORIZED));
    const sdk = client({
      hooks: {
        afterError: () => ({
          response: new Response(JSON.stringify(userPlexAccount()), { status: 200, headers: { "content-type": "application/json" } }),
          error: null,
        }),
      },
    });
    const result = await sdk.authentication.getTokenDetails({ serverURL: server.base });
    expect(result.statusCode).toBe(200);
    expect(result.userPlexAccount).toEqual(userPlexAccount());
  });

  it("afterError receives (null, ConnectionError) when the port is closed", async () => {
    const closed = await closedBase();
    const calls: Array<{ response: Response | null; error: unknown; attempt: number }> = [];
    const sdk = new PlexAPI({
      serverURL: closed.base,
      accessToken: TOKEN,
      hooks: { afterError: (ctx, response, error) => void calls.push({ response, error, attempt: ctx.attempt }) },
    });
    const e = await rejection(transientToken(sdk));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.response).toBeNull();
    expect(calls[0]!.error).toBeInstanceOf(errors.ConnectionError);
    expect(calls[0]!.attempt).toBe(1);
    expect(e).toBe(calls[0]!.error);
  });

  it("an array of hooks runs in order, each seeing what the previous one returned", async () => {
    const order: string[] = [];
    const named = (name: string): SDKHooks => ({
      beforeRequest: (_ctx, req) => {
        order.push(`${name}.beforeRequest`);
        const headers = new Headers(req.headers);
        headers.set("x-order", [headers.get("x-order"), name].filter((v) => v !== null).join(","));
        return new Request(req, { headers });
      },
      afterSuccess: (_ctx, response) => {
        order.push(`${name}.afterSuccess(${response.headers.get("x-replaced-by") ?? "server"})`);
        if (name === "A") return new Response(null, { status: 200, headers: { "x-replaced-by": "A" } });
        return undefined;
      },
    });
    server.reply(status(200));
    const result = await transientToken(client({ hooks: [named("A"), named("B")] }));
    expect(headerValues(server.requests[0]!, "x-order")).toEqual(["A,B"]);
    expect(order).toEqual(["A.beforeRequest", "B.beforeRequest", "A.afterSuccess(server)", "B.afterSuccess(A)"]);
    expect(result.headers["x-replaced-by"]).toEqual(["A"]);
  });
});

describe("6. debugLogger", BOUNDED, () => {
  function logging(options: SDKOptions = {}): { sdk: PlexAPI; lines: string[] } {
    const lines: string[] = [];
    const sdk = client({ debugLogger: { log: (...a: unknown[]) => void lines.push(a.join(" ")) }, ...options });
    return { sdk, lines };
  }

  it("logs a request line (method, URL, attempt) and a response line (status) per attempt, with the token redacted", async () => {
    server.reply(status(503), status(200));
    const { sdk, lines } = logging({ retryConfig: FAST });
    await transientToken(sdk);
    const url = `${server.base}/security/token?type=delegation&scope=all`;
    expect(lines).toHaveLength(4);
    const first = lines.map((l) => l.split("\n")[0]);
    expect(first[0]).toBe(`> GET ${url} (attempt 1)`);
    expect(first[1]).toMatch(/^< 503 Service Unavailable \(\d+ ms\)$/);
    expect(first[2]).toBe(`> GET ${url} (attempt 2)`);
    expect(first[3]).toMatch(/^< 200 OK \(\d+ ms\)$/);
    expect(lines[0]).toContain("x-plex-token: [REDACTED]");
    expect(lines[2]).toContain("x-plex-token: [REDACTED]");
    for (const line of lines) expect(line).not.toContain(TOKEN);
    // The server did get the real token.
    expect(server.requests.map((r) => headerValues(r, "x-plex-token"))).toEqual([[TOKEN], [TOKEN]]);
  });

  it("the token is in no log line, error message, stack or serialisation of a failing call", async () => {
    server.reply(json(401, UNAUTHORIZED));
    const { sdk, lines } = logging();
    const e = instance(await rejection(sdk.authentication.getTokenDetails({ serverURL: server.base })), errors.GetTokenDetailsUnauthorized);
    expect(lines.join("\n")).toContain("[REDACTED]");
    expect(lines.join("\n")).toContain("< 401 Unauthorized");
    for (const text of [...lines, e.message, e.stack ?? "", String(e), JSON.stringify(e), inspect(e, { depth: 5 })]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.stringify(sdk)).not.toContain(TOKEN);
    expect(JSON.stringify(sdk.authentication)).not.toContain(TOKEN);
  });

  it("a connection failure is logged without the token", async () => {
    const closed = await closedBase();
    const { sdk, lines } = logging({ serverURL: closed.base });
    const e = instance(await rejection(transientToken(sdk)), errors.ConnectionError);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("x-plex-token: [REDACTED]");
    expect(lines[1]).toMatch(/^< request failed: ConnectionError: getTransientToken: .*ECONNREFUSED/);
    for (const text of [...lines, e.message, e.stack ?? "", inspect(e, { depth: 5 })]) expect(text).not.toContain(TOKEN);
  });

  it("a header set per call under the token's name is redacted too", async () => {
    server.reply(status(200));
    const { sdk, lines } = logging();
    await transientToken(sdk, { headers: { "X-Plex-Token": "per-call-SECRET-456" } });
    expect(headerValues(server.requests[0]!, "x-plex-token")).toEqual(["per-call-SECRET-456"]);
    expect(lines.join("\n")).not.toContain("per-call-SECRET-456");
  });

  it("a token with CR/LF is refused before sending and the error does not echo it", async () => {
    const { sdk, lines } = logging({ accessToken: `${TOKEN}\r\nX-Evil: 1` });
    const e = instance(await rejection(transientToken(sdk)), errors.SDKValidationError);
    expect(e.path).toBe("header X-Plex-Token");
    expect(e.message).not.toContain(TOKEN);
    expect(lines).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("7. token as a function", BOUNDED, () => {
  it("each call sends the value the function returns at call time", async () => {
    let n = 0;
    const sdk = client({ accessToken: async () => `fresh-${++n}` });
    server.reply(status(200), json(200, userPlexAccount()));
    await transientToken(sdk);
    await sdk.authentication.getTokenDetails({ serverURL: server.base });
    expect(n).toBe(2);
    expect(server.requests.map((r) => headerValues(r, "x-plex-token"))).toEqual([["fresh-1"], ["fresh-2"]]);
  });
});

describe("8. enums", BOUNDED, () => {
  it("unknown values of open response enums parse and come through as given", async () => {
    const body = userPlexAccountJSON();
    body.mailingListStatus = "brand-new-status";
    (body.services as Array<Record<string, unknown>>)[0]!.status = "degraded";
    (body.subscription as Record<string, unknown>).status = "Paused";
    server.reply(json(200, body));
    const result = await client().authentication.getTokenDetails({ serverURL: server.base });
    const account = result.userPlexAccount;
    expect(account.mailingListStatus).toBe("brand-new-status");
    expect(account.services[0]!.status).toBe("degraded");
    expect(account.services[1]!.status).toBe("offline");
    expect(account.subscription.status).toBe("Paused");
    expect(account).toEqual(body);
  });

  it("an open enum still rejects a value of the wrong type", async () => {
    const body = userPlexAccountJSON();
    body.mailingListStatus = 42;
    server.reply(json(200, body));
    const e = instance(await rejection(client().authentication.getTokenDetails({ serverURL: server.base })), errors.ResponseValidationError);
    expect(e.path).toBe("$.mailingListStatus");
  });

  it("a closed response enum rejects an unknown value", async () => {
    const body = userPlexAccountJSON();
    (body.profile as Record<string, unknown>).watchedIndicator = 7;
    server.reply(json(200, body));
    const e = instance(await rejection(client().authentication.getTokenDetails({ serverURL: server.base })), errors.ResponseValidationError);
    expect(e.path).toBe("$.profile.watchedIndicator");
  });

  it("a closed request enum is checked before any request is sent, and the error names the parameter", async () => {
    const e = instance(await rejection(client().authentication.getTransientToken(BOGUS_TYPE, Scope.All)), errors.SDKValidationError);
    expect(server.requests).toHaveLength(0);
    expect(e.path).toBe("type");
    expect(e.message).toContain("type");
    expect(e.message).toContain('"delegation"');
    expect(e.message).toContain('"bogus"');

    const e2 = instance(
      await rejection(client().authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, "everything" as unknown as Scope)),
      errors.SDKValidationError,
    );
    expect(e2.path).toBe("scope");
    expect(server.requests).toHaveLength(0);
  });
});

describe("9. response validation", BOUNDED, () => {
  async function details(body: string): Promise<unknown> {
    server.reply({ status: 200, headers: { "content-type": "application/json" }, body });
    return rejection(client().authentication.getTokenDetails({ serverURL: server.base }));
  }

  async function parsed(body: string): Promise<components.UserPlexAccount> {
    server.reply({ status: 200, headers: { "content-type": "application/json" }, body });
    return (await client().authentication.getTokenDetails({ serverURL: server.base })).userPlexAccount;
  }

  it("a string where an integer is required: ResponseValidationError at $.id with status and raw body", async () => {
    const body = userPlexAccountJSON();
    body.id = "not-a-number";
    const text = JSON.stringify(body);
    const e = instance(await details(text), errors.ResponseValidationError);
    expect(e).toBeInstanceOf(errors.HTTPError);
    expect(e.path).toBe("$.id");
    expect(e.statusCode).toBe(200);
    expect(e.body).toBe(text);
    expect(e.body).toContain('"id":"not-a-number"');
    expect(e.message).toBe('Response validation failed at $.id: expected an integer, got string "not-a-number"');
    expect(e.rawResponse.status).toBe(200);
  });

  it("a missing required property: path $.authToken", async () => {
    const body = userPlexAccountJSON();
    delete body.authToken;
    const e = instance(await details(JSON.stringify(body)), errors.ResponseValidationError);
    expect(e.path).toBe("$.authToken");
    expect(e.message).toContain("required");
  });

  it("a wrong nested type: path $.profile.autoSelectAudio", async () => {
    const body = userPlexAccountJSON();
    (body.profile as Record<string, unknown>).autoSelectAudio = "yes";
    const e = instance(await details(JSON.stringify(body)), errors.ResponseValidationError);
    expect(e.path).toBe("$.profile.autoSelectAudio");
  });

  it("a wrong type inside an array item: path $.services[1].endpoint", async () => {
    const body = userPlexAccountJSON();
    (body.services as Array<Record<string, unknown>>)[1]!.endpoint = 17;
    const e = instance(await details(JSON.stringify(body)), errors.ResponseValidationError);
    expect(e.path).toBe("$.services[1].endpoint");
  });

  it("defaults are applied to absent properties (false and true defaults alike)", async () => {
    const body = userPlexAccountJSON();
    // The fixture has protected: true, home: true, hasPassword: false, profile.autoSelectAudio: false.
    delete body.protected;
    delete body.home;
    delete body.hasPassword;
    delete (body.profile as Record<string, unknown>).autoSelectAudio;
    const account = await parsed(JSON.stringify(body));
    expect(account.protected).toBe(false);
    expect(account.home).toBe(false);
    expect(account.hasPassword).toBe(true);
    expect(account.profile.autoSelectAudio).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(account, "protected")).toBe(true);
  });

  it("nulls stay null where the schema is nullable, even when the property has a default", async () => {
    const body = userPlexAccountJSON();
    body.adsConsent = null;
    body.anonymous = null; // nullable with default false: an explicit null is kept
    body.locale = null;
    const account = await parsed(JSON.stringify(body));
    expect(account.adsConsent).toBeNull();
    expect(account.anonymous).toBeNull();
    expect(account.locale).toBeNull();
  });

  it("null where the schema is not nullable is rejected", async () => {
    const body = userPlexAccountJSON();
    body.home = null;
    const e = instance(await details(JSON.stringify(body)), errors.ResponseValidationError);
    expect(e.path).toBe("$.home");
  });

  it("a __proto__ key in the body does not pollute Object.prototype or set the parsed object's prototype", async () => {
    const account = JSON.stringify(userPlexAccountJSON());
    const profile = JSON.stringify(userPlexAccountJSON().profile);
    const evilProfile = `{"__proto__":{"pollutedNested":"yes"},${profile.slice(1)}`;
    const body = `{"__proto__":{"polluted":"yes","isAdmin":true},${account.slice(1).replace(profile, evilProfile)}`;
    expect(body).toContain('"profile":{"__proto__"');
    const parsedAccount = await parsed(body);

    expect(Object.getPrototypeOf(parsedAccount)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(parsedAccount.profile)).toBe(Object.prototype);
    expect((parsedAccount as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect((parsedAccount as unknown as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((parsedAccount.profile as unknown as Record<string, unknown>).pollutedNested).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).pollutedNested).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    // Kept as plain data (an own property) or dropped: either way never a prototype.
    if (Object.prototype.hasOwnProperty.call(parsedAccount, "__proto__")) {
      expect(Object.getOwnPropertyDescriptor(parsedAccount, "__proto__")?.value).toEqual({ polluted: "yes", isAdmin: true });
    }
    expect(parsedAccount.username).toBe(userPlexAccount().username);
  });
});

describe("10. standalone functions never throw", BOUNDED, () => {
  const core = (options: SDKOptions = {}) => new PlexAPICore({ accessToken: TOKEN, ...options });

  async function failed(promise: Promise<{ ok: boolean; error?: unknown; value?: unknown }>): Promise<unknown> {
    const result = await settleWithin(promise, 5000); // a rejection fails the test here
    expect(result.ok).toBe(false);
    expect(result.value).toBeUndefined();
    return result.error;
  }

  it("ConnectionError", async () => {
    const closed = await closedBase();
    expect(await failed(authenticationGetTokenDetails(core(), { serverURL: closed.base }))).toBeInstanceOf(errors.ConnectionError);
  });

  it("RequestTimeoutError", async () => {
    server.reply(HANG);
    const error = await failed(authenticationGetTokenDetails(core({ timeoutMs: 150 }), { serverURL: server.base }));
    expect(error).toBeInstanceOf(errors.RequestTimeoutError);
  });

  it("ResponseValidationError", async () => {
    const body = userPlexAccountJSON();
    body.id = "not-a-number";
    server.reply(json(200, body));
    const error = await failed(authenticationGetTokenDetails(core(), { serverURL: server.base }));
    expect(instance(error, errors.ResponseValidationError).path).toBe("$.id");
  });

  it("SDKValidationError, with nothing sent", async () => {
    const error = await failed(authenticationGetTransientToken(core({ serverURL: server.base }), BOGUS_TYPE, Scope.All));
    expect(instance(error, errors.SDKValidationError).path).toBe("type");
    expect(server.requests).toHaveLength(0);
  });

  it("an exception thrown by a hook comes back as an SDKBaseError result", async () => {
    server.reply(status(200));
    const error = await failed(
      authenticationGetTransientToken(
        core({ serverURL: server.base, hooks: { beforeRequest: () => { throw new Error("hook exploded"); } } }),
        GetTransientTokenQueryParamType.Delegation,
        Scope.All,
      ),
    );
    const e = instance(error, errors.SDKBaseError);
    expect(e.message).toContain("hook exploded");
    expect(server.requests).toHaveLength(0);
  });
});

describe("11. raw response and validator details", BOUNDED, () => {
  it("rawResponse of an operation without a declared body keeps a UTF-8 body intact", async () => {
    const text = '{"token":"transient-äöü-✓"}';
    server.reply({ status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: text });
    const result = await transientToken(client());
    expect(await result.rawResponse.text()).toBe(text);
  });

  // rawResponse keeps the exact bytes, even of a body that is not valid UTF-8.
  it("rawResponse keeps the exact bytes of a body that is not UTF-8", async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0x80, 0xfe]);
    const raw = await serveBytes(bytes, "application/octet-stream");
    try {
      const result = await settleWithin(transientToken(client({ serverURL: raw.base })), 5000);
      expect(result.statusCode).toBe(200);
      expect(Buffer.from(await result.rawResponse.arrayBuffer())).toEqual(bytes);
    } finally {
      await closeServer(raw.server);
    }
  });

  // Not reachable through the Plex spec (it has no oneOf/anyOf), so checked on the runtime's validator directly.
  // A variant that fails must leave no defaults behind in the value, since validators work in place.
  it("a union variant that fails leaves no defaults behind in the value", () => {
    const withDefault: Schema = $object({ kind: $req($string, "a"), y: $req($string) });
    const other: Schema = $object({ z: $req($string) });
    const value = JSON.parse('{"z":"zz"}') as unknown;
    expect(validate($union(withDefault, other), value, "$", { applyDefaults: true })).toEqual({ z: "zz" });
  });
});
