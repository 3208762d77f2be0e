import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { REPO_ROOT, generateFiles } from "../helpers/generate.ts";

/** Rebuilds every object with its keys in a shuffled (but seeded, so reproducible) order. Arrays keep their order. */
function shuffleKeys(value: unknown, seed: { n: number }): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    seed.n = (seed.n * 1103515245 + 12345) % 2147483648;
    const j = seed.n % (i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = shuffleKeys((value as Record<string, unknown>)[k], seed);
  return out;
}

describe("determinism", () => {
  const spec = path.join(REPO_ROOT, "spec/plex-authentication.yaml");

  it("gives byte-identical output on two runs", async () => {
    const first = await generateFiles();
    const second = await generateFiles();
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  it("gives byte-identical output whatever the key order of the spec", async () => {
    // Each run starts from an empty output folder, with no record of a previous run to compare with.
    const original = await generateFiles(spec);
    const doc = parse(await readFile(spec, "utf8")) as unknown;
    const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-shuffle-"));
    for (const seed of [1, 7, 42]) {
      const shuffled = shuffleKeys(doc, { n: seed });
      expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(doc));
      const file = path.join(dir, `shuffled-${seed}.yaml`);
      await writeFile(file, stringify(shuffled));
      const files = await generateFiles(file);
      const differing = [...original.keys()].filter((k) => files.get(k) !== original.get(k));
      expect(differing).toEqual([]);
      expect([...files.keys()]).toEqual([...original.keys()]);
    }
  });

  it("gives the same output from the JSON form of the spec", async () => {
    const original = await generateFiles(spec);
    const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-json-"));
    const file = path.join(dir, "plex.json");
    await writeFile(file, JSON.stringify(parse(await readFile(spec, "utf8")), null, 2));
    const files = await generateFiles(file);
    expect([...files.keys()].filter((k) => files.get(k) !== original.get(k))).toEqual([]);
  });
});
