// End-to-end fault injection against real HTTP servers on 127.0.0.1: broken connections, truncated and empty
// bodies, slow headers and bodies, 429 storms, gzip bodies. Every call is bounded by settleWithin, so a hang fails
// fast, and the suite asserts that no promise rejection went unhandled.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlexAPI, type SDKOptions } from "../../generated/typescript/src/index.ts";
import type { RetryConfig } from "../../generated/typescript/src/lib/retries.ts";
import * as errors from "../../generated/typescript/src/models/errors/index.ts";
import { userPlexAccount } from "../helpers/plex-fixtures.ts";
import { startServer, type TestServer } from "../helpers/server.ts";
import { instance, rejection, settleWithin } from "../helpers/async.ts";

const TOKEN = "tok-SECRET-faults";
const BOUNDED = { timeout: 20_000 };

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

let server: TestServer;
/** Raw servers started by tests, closed after each test. */
const raws: RawServer[] = [];

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await startServer();
});

afterAll(async () => {
  await server.close();
  process.off("unhandledRejection", onUnhandled);
});

beforeEach(async () => {
  server.reset();
  for (const raw of raws.splice(0)) await raw.close();
});

interface RawServer {
  readonly base: string;
  /** How many requests reached the handler. */
  readonly count: number;
  close(): Promise<void>;
}

/** A node:http server on a free port whose handler is given the request number (1-based). */
async function rawServer(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<RawServer> {
  let count = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const http: Server = createServer((req, res) => {
    count += 1;
    const n = count;
    req.resume();
    handler(req, res, n);
  });
  http.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const raw: RawServer = {
    base: `http://127.0.0.1:${port}`,
    get count() {
      return count;
    },
    close: () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  raws.push(raw);
  return raw;
}

function client(base: string, options: SDKOptions = {}): PlexAPI {
  return new PlexAPI({ serverURL: base, accessToken: TOKEN, ...options });
}

function tokenDetails(sdk: PlexAPI, base: string) {
  return sdk.authentication.getTokenDetails({ serverURL: base });
}

const JSON_HEADERS = { "content-type": "application/json" };

// ---------------------------------------------------------------------------------------------------------------

describe("broken connections", BOUNDED, () => {
  it("a connection reset mid-body ends in ConnectionError", async () => {
    const body = JSON.stringify(userPlexAccount());
    const half = body.slice(0, Math.floor(body.length / 2));
    const raw = await rawServer((_req, res) => {
      res.writeHead(200, { ...JSON_HEADERS, "content-length": String(Buffer.byteLength(body)) });
      res.write(half, () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const e = await settleWithin(rejection(tokenDetails(client(raw.base), raw.base)), 3000);
    instance(e, errors.ConnectionError);
    expect(raw.count).toBe(1);
  });

  it("a server that closes the connection without any response gives ConnectionError", async () => {
    const raw = await rawServer((req) => req.socket.destroy());
    const e = await settleWithin(rejection(tokenDetails(client(raw.base), raw.base)), 3000);
    instance(e, errors.ConnectionError);
    expect(raw.count).toBe(1);
  });

  it("with retryConnectionErrors, a dropped first connection is retried and the second succeeds (exactly 2 requests)", async () => {
    const account = userPlexAccount();
    const raw = await rawServer((req, res, n) => {
      if (n === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, JSON_HEADERS);
      res.end(JSON.stringify(account));
    });
    const retryConfig: RetryConfig = {
      strategy: "backoff",
      retryConnectionErrors: true,
      backoff: { initialInterval: 10, maxInterval: 20, maxElapsedTime: 3000 },
    };
    const result = await settleWithin(tokenDetails(client(raw.base, { retryConfig }), raw.base), 4000);
    expect(result.userPlexAccount).toEqual(account);
    expect(raw.count).toBe(2);
  });
});

describe("truncated and empty bodies", BOUNDED, () => {
  it("a short JSON body that ends normally gives ResponseValidationError at $ carrying the sent text", async () => {
    const sent = '{"authToken":';
    server.reply({ status: 200, headers: JSON_HEADERS, body: sent });
    const e = instance(await settleWithin(rejection(tokenDetails(client(server.base), server.base)), 3000), errors.ResponseValidationError);
    expect(e.path).toBe("$");
    expect(e.body).toBe(sent);
    expect(e.statusCode).toBe(200);
  });

  it("a 200 with an empty body gives ResponseValidationError", async () => {
    server.reply({ status: 200, headers: JSON_HEADERS, body: "" });
    const e = instance(await settleWithin(rejection(tokenDetails(client(server.base), server.base)), 3000), errors.ResponseValidationError);
    expect(e.body).toBe("");
    expect(server.requests).toHaveLength(1);
  });
});

describe("timeouts", BOUNDED, () => {
  it("slow headers (1 s) with timeoutMs 200 give RequestTimeoutError in < 700 ms", async () => {
    const raw = await rawServer((_req, res) => {
      const t = setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, JSON_HEADERS);
        res.end(JSON.stringify(userPlexAccount()));
      }, 1000);
      res.on("close", () => clearTimeout(t));
    });
    const started = performance.now();
    const e = await settleWithin(rejection(tokenDetails(client(raw.base, { timeoutMs: 200 }), raw.base)), 3000);
    const elapsed = performance.now() - started;
    instance(e, errors.RequestTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(700);
  });

  it("a body dribbled over 2 s with timeoutMs 300 gives RequestTimeoutError in < 900 ms", async () => {
    const body = JSON.stringify(userPlexAccount());
    const raw = await rawServer((_req, res) => {
      res.writeHead(200, { ...JSON_HEADERS, "content-length": String(Buffer.byteLength(body)) });
      const pieces = 20;
      const size = Math.ceil(body.length / pieces);
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        const piece = body.slice(i * size, (i + 1) * size);
        i += 1;
        if (i >= pieces) {
          clearInterval(timer);
          res.end(piece);
        } else res.write(piece);
      }, 100);
      res.on("close", () => clearInterval(timer));
    });
    const started = performance.now();
    const e = await settleWithin(rejection(tokenDetails(client(raw.base, { timeoutMs: 300 }), raw.base)), 3000);
    const elapsed = performance.now() - started;
    instance(e, errors.RequestTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(900);
  });
});

describe("429 storms", BOUNDED, () => {
  const storm: RetryConfig = { strategy: "backoff", backoff: { initialInterval: 20, maxInterval: 50, maxElapsedTime: 400 } };

  it("a server always answering 429 without Retry-After: the call ends with SDKError 429 within ~1 s after 3..30 requests", async () => {
    const raw = await rawServer((_req, res) => {
      res.writeHead(429, { "content-type": "text/plain" });
      res.end("slow down");
    });
    const started = performance.now();
    const e = instance(await settleWithin(rejection(tokenDetails(client(raw.base, { retryConfig: storm }), raw.base)), 3000), errors.SDKError);
    const elapsed = performance.now() - started;
    expect(e.statusCode).toBe(429);
    expect(elapsed).toBeLessThan(1200);
    expect(raw.count).toBeGreaterThanOrEqual(3);
    expect(raw.count).toBeLessThanOrEqual(30);
  });

  // Retry-After can only lengthen the wait: "Retry-After: 0" must not turn the retries into a tight loop.
  it("a server always answering 429 with Retry-After: 0 ends and does not spin faster than the backoff floor", async () => {
    const raw = await rawServer((_req, res) => {
      res.writeHead(429, { "content-type": "text/plain", "retry-after": "0" });
      res.end("slow down");
    });
    const e = instance(await settleWithin(rejection(tokenDetails(client(raw.base, { retryConfig: storm }), raw.base)), 3000), errors.SDKError);
    expect(e.statusCode).toBe(429);
    // The backoff floor is initialInterval/2 = 10 ms between attempts, so 400 ms allow at most ~41 requests.
    expect(raw.count).toBeGreaterThanOrEqual(2);
    expect(raw.count).toBeLessThanOrEqual(41);
  });

  it("a server always answering 429 with Retry-After: 0 still ends with SDKError 429 (bounded by maxElapsedTime)", async () => {
    const raw = await rawServer((_req, res) => {
      res.writeHead(429, { "content-type": "text/plain", "retry-after": "0" });
      res.end("slow down");
    });
    const started = performance.now();
    const e = instance(await settleWithin(rejection(tokenDetails(client(raw.base, { retryConfig: storm }), raw.base)), 3000), errors.SDKError);
    expect(e.statusCode).toBe(429);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(raw.count).toBeGreaterThanOrEqual(2);
  });

  it("a valid Retry-After: 1 with maxElapsedTime 1500 is honoured: at most 2-3 requests", async () => {
    const raw = await rawServer((_req, res) => {
      res.writeHead(429, { "content-type": "text/plain", "retry-after": "1" });
      res.end("slow down");
    });
    const retryConfig: RetryConfig = { strategy: "backoff", backoff: { initialInterval: 20, maxInterval: 2000, maxElapsedTime: 1500 } };
    const started = performance.now();
    const e = instance(await settleWithin(rejection(tokenDetails(client(raw.base, { retryConfig }), raw.base)), 5000), errors.SDKError);
    const elapsed = performance.now() - started;
    expect(e.statusCode).toBe(429);
    expect(raw.count).toBeGreaterThanOrEqual(2);
    expect(raw.count).toBeLessThanOrEqual(3);
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });
});

describe("content encoding", BOUNDED, () => {
  it("a gzip body (Content-Encoding: gzip) is decoded and parsed", async () => {
    const account = userPlexAccount();
    const bytes = gzipSync(Buffer.from(JSON.stringify(account)));
    const raw = await rawServer((_req, res) => {
      res.writeHead(200, { ...JSON_HEADERS, "content-encoding": "gzip", "content-length": String(bytes.length) });
      res.end(bytes);
    });
    const result = await settleWithin(tokenDetails(client(raw.base), raw.base), 3000);
    expect(result.userPlexAccount).toEqual(account);
  });

  it("a body that claims gzip but is not gives an SDK error and settles", async () => {
    const bytes = Buffer.from(JSON.stringify(userPlexAccount()));
    const raw = await rawServer((_req, res) => {
      res.writeHead(200, { ...JSON_HEADERS, "content-encoding": "gzip", "content-length": String(bytes.length) });
      res.end(bytes);
    });
    const e = await settleWithin(rejection(tokenDetails(client(raw.base), raw.base)), 3000);
    expect(e).toBeInstanceOf(errors.SDKBaseError);
    expect(e instanceof errors.ConnectionError || e instanceof errors.ResponseValidationError).toBe(true);
  });
});

describe("no unhandled rejections", () => {
  it("the suite produced none", async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });
});
