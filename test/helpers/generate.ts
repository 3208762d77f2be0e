import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, type GeneratorConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_CONFIG = path.join(REPO_ROOT, "spec/sdkgen.yaml");
export const CLI = path.join(REPO_ROOT, "generator/bin/sdkgen.mjs");

/**
 * A folder that never exists: the output of another spec than the config's, so that generation does not
 * compare it with the surfaces (and changelogs) the committed output keeps for spec/.
 */
export const NO_OUTPUT = path.join(REPO_ROOT, "test/.no-such-output");

/** The default config, optionally pointed at another spec (whose output then starts afresh). */
export async function plexConfig(overrides: { spec?: string; out?: string } = {}): Promise<GeneratorConfig> {
  return loadConfig(DEFAULT_CONFIG, overrides.spec && !overrides.out ? { ...overrides, out: NO_OUTPUT } : overrides);
}

/** Generates in memory from a spec with the default config's options. */
export async function generateFiles(spec?: string): Promise<Map<string, string>> {
  const config = await plexConfig(spec ? { spec } : {});
  return (await generate(config)).files;
}
