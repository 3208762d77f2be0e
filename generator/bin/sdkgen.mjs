#!/usr/bin/env node
// Entry point. Runs the generator compiled into one module (generator/.build/sdkgen.mjs, see
// build.mjs) while that is up to date with the sources, building it first when it is not; without
// esbuild (or a writable folder) it loads the TypeScript sources directly through tsx, which is
// slower to start. SDKGEN_FROM_SOURCE=1 always runs the sources. The packed package (npm pack) has
// no sources: it runs generator/.build/sdkgen-release.mjs, built at pack time (build.mjs --release).
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

async function loadMain() {
  const release = new URL("../.build/sdkgen-release.mjs", import.meta.url);
  if (!existsSync(new URL("../cli.ts", import.meta.url)) && existsSync(release)) {
    return (await import(release.href)).main;
  }
  if (process.env.SDKGEN_FROM_SOURCE !== "1") {
    try {
      const { BUILD_FILE, buildGenerator, freshBuild } = await import("./build.mjs");
      if (freshBuild() === undefined) await buildGenerator();
      return (await import(pathToFileURL(BUILD_FILE).href)).main;
    } catch {
      // Fall through to the sources.
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../cli.ts")).main;
}

// A reader that stops early (`sdkgen --help | head -1`) closes the pipe: that ends the output, not in a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
