// One contender of scripts/bench-runtime.ts, run in a plain Node process (no TypeScript loader in the way).
// Usage: node scripts/bench-client.mjs <raw|sdkgen|plexjs> <base URL> <built sdkgen dir> <plexjs dir> <calls> <warmup>
import path from "node:path";
import { pathToFileURL } from "node:url";

const [which, base, builtDir, plexjsDir, callsText, warmupText] = process.argv.slice(2);
const calls = Number(callsText);
const warmup = Number(warmupText);
const token = "bench-token";

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
  const entry = which === "sdkgen" ? path.join(builtDir, "dist/esm/index.js") : path.join(plexjsDir, "index.js");
  const { PlexAPI } = await import(pathToFileURL(entry).href);
  const sdk = new PlexAPI({ serverURL: base, accessToken: token, xPlexClientIdentifier: "bench" });
  return {
    transientToken: () => sdk.authentication.getTransientToken("delegation", "all"),
    tokenDetails: () => sdk.authentication.getTokenDetails({ serverURL: base }),
  };
}

async function callsPerSecond(call) {
  for (let i = 0; i < warmup; i++) await call();
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return calls / ((performance.now() - start) / 1000);
}

const c = await contender();
const token1 = await callsPerSecond(c.transientToken);
const details = await callsPerSecond(c.tokenDetails);
process.stdout.write(`${JSON.stringify({ token: token1, details })}\n`);
