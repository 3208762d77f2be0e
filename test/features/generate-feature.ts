// Generates a feature fixture's TypeScript SDK (test/fixtures/features/<feature>.yaml) into a folder.
import { readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { expect } from "vitest";
import path from "node:path";
import { loadConfig } from "../../generator/config.ts";
import { formatDiagnostic } from "../../generator/diagnostics.ts";
import { listFiles } from "../../generator/output/disk.ts";
import { generate } from "../../generator/pipeline.ts";
import { REPO_ROOT, NO_OUTPUT } from "../helpers/generate.ts";

export const FIXTURES = path.join(REPO_ROOT, "test/fixtures/features");
/** The feature fixtures, by name (file name without .yaml), sorted. */
export const FEATURE_NAMES = readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
const SNAPSHOTS = path.join(REPO_ROOT, "test/features/__snapshots__");

export interface GeneratedFeature {
  files: Map<string, string>;
  /** Warnings formatted as the CLI prints them. */
  warnings: string[];
}

/** Generates with only the typescript target and writes the SDK below root/<feature>/. */
export async function generateFeature(root: string, feature: string): Promise<GeneratedFeature> {
  const dir = path.join(root, feature);
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "sdkgen.yaml");
  const spec = path.join(FIXTURES, `${feature}.yaml`);
  await writeFile(configFile, `spec: ${JSON.stringify(spec)}\noutput: out\nclientName: Api\ntargets:\n  typescript:\n    packageName: ${feature}-sdk\n`);
  const { files, warnings } = await generate(await loadConfig(configFile, {}));
  for (const [rel, content] of files) {
    if (!rel.startsWith("typescript/")) continue;
    const target = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return { files, warnings: warnings.map(formatDiagnostic) };
}

/**
 * Holds every generated TypeScript file of a feature to its snapshot, but the runtime copied
 * verbatim into src/lib/; and keeps no snapshot of a file that is no longer generated.
 */
export async function matchFeatureSnapshots(feature: string, files: Map<string, string>): Promise<void> {
  const held = new Set<string>();
  for (const [rel, content] of files) {
    if (!rel.startsWith("typescript/") || rel.startsWith("typescript/src/lib/")) continue;
    held.add(`${rel}.snap`);
    await expect(content).toMatchFileSnapshot(path.join(SNAPSHOTS, feature, `${rel}.snap`));
  }
  const stale = (await listFiles(path.join(SNAPSHOTS, feature))).filter((rel) => !held.has(rel));
  expect(stale, `stale snapshots of ${feature}`).toEqual([]);
}

/** The Python package name of a feature's SDK, unique per feature so several can be type-checked together. */
export function featurePythonPackage(feature: string): string {
  return `${feature.replace(/-/g, "_")}_sdk`;
}

/** The C# root namespace of a feature's SDK, unique per feature so several can be built together. */
export function featureCSharpNamespace(feature: string): string {
  return `Features.${feature.split(/[^A-Za-z0-9]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")}`;
}

/** The PHP root namespace of a feature's SDK, unique per feature so several can be loaded together. */
export function featurePhpNamespace(feature: string): string {
  return featureCSharpNamespace(feature).replace(/\./g, "\\");
}

/** A feature fixture's SDKs in every language, in memory, each named after the feature. */
export async function generateFeatureAllTargets(feature: string): Promise<Map<string, string>> {
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, `${feature}.yaml`), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = {
    typescript: { packageName: `${feature}-sdk`, packageVersion: "0.1.0", maxMethodParams: 4 },
    python: { packageName: featurePythonPackage(feature), packageVersion: "0.1.0" },
    go: { modulePath: `example.com/${feature}`, packageName: "api" },
    csharp: { namespace: featureCSharpNamespace(feature), packageVersion: "0.1.0" },
    php: { namespace: featurePhpNamespace(feature), packageName: `features/${feature}`, packageVersion: "0.1.0" },
  };
  return (await generate(config)).files;
}
