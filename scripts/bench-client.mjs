// One contender of scripts/bench-runtime.ts, run in a plain Node process (no TypeScript loader in the way).
// Usage: node scripts/bench-client.mjs <contender> <token|details> <base URL> <built sdkgen dir> <plexjs dir> <calls> <warmup> [--stages]
//
// Contenders: raw, sdkgen, plexjs, and sdkgen with one runtime feature in use (see FEATURES).
// Operations: getTransientToken (token) or getTokenDetails (details), one per process.
// Prints one JSON line: calls per second and this process's CPU time per call. With --stages, fetch
// and the Response body readers are wrapped with timers (the same wrappers for every contender) and
// the line also holds the wall time per call spent in each stage of a call.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [which, operation, base, builtDir, plexjsDir, callsText, warmupText] = process.argv.slice(2);
const calls = Number(callsText);
const warmup = Number(warmupText);
const stagesWanted = process.argv.includes("--stages");
if (operation !== "token" && operation !== "details") throw new Error(`unknown operation ${operation}`);
const token = "bench-token";

/** Client options and per-call options of the sdkgen variants that have one runtime feature in use. */
const FEATURES = {
  "sdkgen+timeout": { client: { timeoutMs: 30_000 } },
  "sdkgen+signal": { call: { signal: new AbortController().signal } },
  "sdkgen+hooks": { client: { hooks: { beforeRequest: () => undefined, afterSuccess: () => undefined } } },
  "sdkgen+retries": {
    client: { retryConfig: { strategy: "backoff", backoff: { initialInterval: 500, maxInterval: 60_000, exponent: 1.5, maxElapsedTime: 3_600_000 } } },
  },
};

async function contender() {
  if (which === "raw") {
    const headers = { Accept: "application/json", "X-Plex-Token": token, "X-Plex-Client-Identifier": "bench" };
    return {
      transientToken: async () => {
        const res = await fetch(`${base}/security/token?type=delegation&scope=all`, { headers });
        await res.arrayBuffer();
      },
      tokenDetails: async () => JSON.parse(await (await fetch(`${base}/user`, { headers })).text()),
    };
  }
  const feature = FEATURES[which] ?? {};
  if (which !== "sdkgen" && which !== "plexjs" && !FEATURES[which]) throw new Error(`unknown contender ${which}`);
  const entry = which === "plexjs" ? path.join(plexjsDir, "index.js") : path.join(builtDir, "dist/esm/index.js");
  const { PlexAPI } = await import(pathToFileURL(entry).href);
  const sdk = new PlexAPI({ serverURL: base, accessToken: token, xPlexClientIdentifier: "bench", ...feature.client });
  const tokenOptions = feature.call;
  const detailsOptions = { serverURL: base, ...feature.call };
  return {
    transientToken: () => sdk.authentication.getTransientToken("delegation", "all", tokenOptions),
    tokenDetails: () => sdk.authentication.getTokenDetails(detailsOptions),
  };
}

/** Timestamps of the call in flight: when fetch was called, when its response arrived, when the body read began and ended. */
const marks = { fetchCalled: 0, responded: 0, bodyStarted: 0, bodyRead: 0 };
const STAGES = ["build", "fetch", "toBody", "body", "after"];

/**
 * Wraps the global fetch and Response's body readers so each call's stages can be timed. The first
 * fetch and the first body read of a call open their stage; the last response and the last read close it.
 */
function installStageTimers() {
  const realFetch = globalThis.fetch;
  globalThis.fetch = function fetch(input, init) {
    if (marks.fetchCalled === 0) marks.fetchCalled = performance.now();
    const pending = realFetch(input, init);
    pending.then(() => {
      marks.responded = performance.now();
    }, () => undefined);
    return pending;
  };
  for (const reader of ["arrayBuffer", "text", "json", "blob"]) {
    const real = Response.prototype[reader];
    Response.prototype[reader] = function (...args) {
      if (marks.bodyStarted === 0) marks.bodyStarted = performance.now();
      const pending = real.apply(this, args);
      pending.then(() => {
        marks.bodyRead = performance.now();
      }, () => undefined);
      return pending;
    };
  }
}

async function measure(call) {
  for (let i = 0; i < warmup; i++) await call();
  const stages = Object.fromEntries(STAGES.map((s) => [s, 0]));
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    if (!stagesWanted) {
      await call();
      continue;
    }
    marks.fetchCalled = marks.responded = marks.bodyStarted = marks.bodyRead = 0;
    const begun = performance.now();
    await call();
    const ended = performance.now();
    stages.build += marks.fetchCalled - begun;
    stages.fetch += marks.responded - marks.fetchCalled;
    stages.toBody += marks.bodyStarted - marks.responded;
    stages.body += marks.bodyRead - marks.bodyStarted;
    stages.after += ended - marks.bodyRead;
  }
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const result = { callsPerSecond: calls / (elapsedMs / 1000), cpuMicros: (cpu.user + cpu.system) / calls };
  if (stagesWanted) result.stageMicros = Object.fromEntries(STAGES.map((s) => [s, (stages[s] * 1000) / calls]));
  return result;
}

if (stagesWanted) installStageTimers();
const c = await contender();
process.stdout.write(`${JSON.stringify(await measure(operation === "token" ? c.transientToken : c.tokenDetails))}\n`);
