// Issue 3's size target, held in the suite: a minified, tree-shaken bundle of one standalone function
// is at most a fifth of the reference SDK's. Sizes are deterministic (same esbuild, same sources),
// unlike speed, which only the benchmark script measures.
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";

async function bundleBytes(src: string): Promise<number> {
  const contents = [
    `import { PlexAPICore } from "${src}/core.ts";`,
    `import { authenticationGetTokenDetails } from "${src}/funcs/authenticationGetTokenDetails.ts";`,
    "export const call = () => authenticationGetTokenDetails(new PlexAPICore({}));",
  ].join("\n");
  const out = await build({
    stdin: { contents, resolveDir: REPO_ROOT, loader: "ts" },
    bundle: true, minify: true, treeShaking: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
  });
  return out.outputFiles[0]!.contents.byteLength;
}

describe("bundle size of one standalone function (getTokenDetails)", () => {
  it("is at most a fifth of @lukehagar/plexjs 0.39.0's", async () => {
    const ours = await bundleBytes(path.join(REPO_ROOT, "generated/typescript/src"));
    const theirs = await bundleBytes(path.join(REPO_ROOT, "node_modules/@lukehagar/plexjs/src"));
    expect(ours, `${ours} B against ${theirs} B`).toBeLessThanOrEqual(theirs / 5);
  });
});
