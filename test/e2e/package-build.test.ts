import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { typecheck } from "../helpers/tsc.ts";

const run = promisify(execFile);
const CHROMIUM = "/usr/bin/chromium";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** An API stand-in that answers CORS preflights, as a browser needs, and records the real requests. */
async function startApi(): Promise<{ base: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "*",
    "access-control-allow-methods": "GET, POST",
    "access-control-expose-headers": "x-request-id",
  };
  const server = http.createServer((req, res) => {
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    if (req.url?.startsWith("/security/resources")) {
      res.writeHead(401, { ...cors, "content-type": "application/json" });
      return res.end(JSON.stringify({ errors: [{ code: 1001, message: "User could not be authenticated", status: 401 }] }));
    }
    res.writeHead(200, { ...cors, "content-type": "application/json", "x-request-id": "r-1" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

/** Serves a folder over HTTP with JavaScript content types, for the browser to import modules from. */
async function startStatic(root: string): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(root, rel);
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".html") ? "text/html" : "application/octet-stream";
      res.writeHead(200, { "content-type": type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe("the generated package builds to ESM and CommonJS", () => {
  let pkgDir: string;
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    pkgDir = path.join(await mkdtemp(path.join(os.tmpdir(), "sdkgen-build-")), "plex-api");
    await cp(path.join(REPO_ROOT, "generated/typescript"), pkgDir, { recursive: true });
    const PATH = `${path.join(REPO_ROOT, "node_modules/.bin")}${path.delimiter}${process.env["PATH"] ?? ""}`;
    await run("npm", ["run", "build"], { cwd: pkgDir, env: { ...process.env, PATH } });
    api = await startApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it("writes JavaScript and declarations for every entry in the exports map", async () => {
    const pkg = JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    const targets = JSON.stringify(pkg.exports).match(/\.\/dist\/[^"]+/g) ?? [];
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets.filter((t) => !t.includes("*"))) expect(existsSync(path.join(pkgDir, target)), target).toBe(true);
    expect(existsSync(path.join(pkgDir, "dist/esm/funcs/authenticationGetTokenDetails.js"))).toBe(true);
    expect(existsSync(path.join(pkgDir, "dist/cjs/funcs/authenticationGetTokenDetails.d.ts"))).toBe(true);
  });

  it("runs as an ES module in Node", async () => {
    const sdk = (await import(pathToFileURL(path.join(pkgDir, "dist/esm/index.js")).href)) as typeof import("../../generated/typescript/src/index.ts");
    const plex = new sdk.PlexAPI({ serverURL: api.base, accessToken: "esm-token" });
    const res = await plex.authentication.getTransientToken("delegation", "all");
    expect(res.statusCode).toBe(200);
    expect(api.seen.at(-1)?.url).toBe("/security/token?type=delegation&scope=all");
    expect(api.seen.at(-1)?.headers["x-plex-token"]).toBe("esm-token");
  });

  it("runs as CommonJS in Node", async () => {
    const require = createRequire(path.join(pkgDir, "package.json"));
    const sdk = require(path.join(pkgDir, "dist/cjs/index.js")) as typeof import("../../generated/typescript/src/index.ts");
    const errors = require(path.join(pkgDir, "dist/cjs/models/errors/index.js")) as typeof import("../../generated/typescript/src/models/errors/index.ts");
    const plex = new sdk.PlexAPI({ serverURL: api.base, accessToken: "cjs-token" });
    await expect(plex.authentication.getSourceConnectionInformation("server://x")).rejects.toBeInstanceOf(errors.GetSourceConnectionInformationUnauthorized);
    expect(api.seen.at(-1)?.headers["x-plex-token"]).toBe("cjs-token");
  });

  it("type-checks for ESM and CommonJS consumers through the exports map", async () => {
    const consumer = await mkdtemp(path.join(os.tmpdir(), "sdkgen-consumer-"));
    await mkdir(path.join(consumer, "node_modules/@sdkgen"), { recursive: true });
    await symlink(pkgDir, path.join(consumer, "node_modules/@sdkgen/plex-api"), "dir");
    const usage = [
      'import { PlexAPI, PlexAPICore } from "@sdkgen/plex-api";',
      'import { GetTransientTokenQueryParamType, Scope } from "@sdkgen/plex-api/models/operations";',
      'import { SDKError } from "@sdkgen/plex-api/models/errors";',
      'import { authenticationGetTokenDetails } from "@sdkgen/plex-api/funcs/authenticationGetTokenDetails";',
      'const plex = new PlexAPI({ accessToken: "t", xPlexClientIdentifier: "Postman" });',
      "export const call = () => plex.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);",
      "export const func = () => authenticationGetTokenDetails(new PlexAPICore(), { serverURL: \"http://localhost\" });",
      "export const isError = (e: unknown): e is SDKError => e instanceof SDKError;",
    ].join("\n");
    await writeFile(path.join(consumer, "esm.mts"), usage);
    await writeFile(path.join(consumer, "cjs.cts"), usage);
    await writeFile(path.join(consumer, "tsconfig.json"), JSON.stringify({
      compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, lib: ["ES2022", "DOM"], types: [] },
      files: ["esm.mts", "cjs.cts"],
    }));
    expect(await typecheck(consumer)).toBe("");
  });

  it("runs in headless Chromium against a cross-origin server (CORS)", async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is needed (apt-get install chromium; .ci/run installs it)`).toBe(true);
    const { chromium } = await import("playwright-core");
    const site = path.join(pkgDir, "dist");
    // The page's own module script does the calls, as an application would; the test reads what it found.
    await writeFile(path.join(site, "index.html"), `<!doctype html><title>sdk</title>
<script type="module">
  import { PlexAPI } from "./esm/index.js";
  import { GetSourceConnectionInformationUnauthorized } from "./esm/models/errors/index.js";
  const apiBase = new URLSearchParams(location.search).get("api");
  const plex = new PlexAPI({ serverURL: apiBase, accessToken: "browser-token", xPlexClientIdentifier: "Chromium" });
  try {
    const ok = await plex.authentication.getTransientToken("delegation", "all");
    let errorName = "";
    try {
      await plex.authentication.getSourceConnectionInformation("server://x");
    } catch (e) {
      errorName = e instanceof GetSourceConnectionInformationUnauthorized ? e.name : "unexpected " + String(e);
    }
    window.outcome = { status: ok.statusCode, requestId: ok.headers["x-request-id"]?.[0], errorName, agent: navigator.userAgent };
  } catch (e) {
    window.outcome = { failure: String(e) };
  }
</script>`);
    const web = await startStatic(site);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${web.base}/index.html?api=${encodeURIComponent(api.base)}`);
      await page.waitForFunction(() => "outcome" in window, undefined, { timeout: 20_000 });
      const outcome = (await page.evaluate(() => (window as unknown as { outcome: unknown }).outcome)) as Record<string, unknown>;
      expect(outcome["failure"]).toBeUndefined();
      expect(outcome["agent"]).toMatch(/Chrome/);
      expect(outcome["status"]).toBe(200);
      expect(outcome["requestId"]).toBe("r-1");
      expect(outcome["errorName"]).toBe("GetSourceConnectionInformationUnauthorized");
      const fromBrowser = api.seen.filter((s) => s.headers["x-plex-client-identifier"] === "Chromium");
      expect(fromBrowser.map((s) => s.url)).toEqual(["/security/token?type=delegation&scope=all", "/security/resources?source=server%3A%2F%2Fx"]);
      expect(fromBrowser[0]?.headers["x-plex-token"]).toBe("browser-token");
      expect(fromBrowser[0]?.headers["origin"]).toBe(web.base);
    } finally {
      await browser.close();
      await web.close();
    }
  });
});
